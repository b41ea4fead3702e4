//! HateXplain (majority labels as processed by MBIB): English Twitter and Gab posts.

use super::read::{text, Table};
use super::{dedup, targets, Dataset, BENIGN};
use crate::example::Example;
use moderato::Label::*;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "hatexplain",
    title: "HateXplain (Mathew et al., AAAI 2021), MBIB processing, official test split removed",
    language: "en",
    licence: "MIT (HateXplain); GPL-3 (MBIB processed file)",
    files: "hatexplain/092-HateXplain.csv",
    mapping: &[
        ("category 1 hatespeech", "toxicity 1, identity_attack 1"),
        ("category 2 offensive", "toxicity 1, identity_attack 0"),
        (
            "category 0 normal",
            "toxicity, insult, identity_attack, threat 0",
        ),
        ("category 3 undecided", "not used"),
    ],
    validation: true,
    weight: super::TARGET_WEIGHT,
    load,
};

fn load(data: &Path) -> Result<Vec<Example>, String> {
    let table = Table::open(&data.join(DATASET.files), b',')?;
    let (post, category) = (table.column("text")?, table.column("category")?);
    let mut out = Vec::new();
    table.for_each(|row| {
        let Some(t) = text(&row[post]) else {
            return Ok(());
        };
        let targets = match row[category].trim() {
            "1" => targets(&[Toxicity, IdentityAttack], &[]),
            "2" => targets(&[Toxicity], &[IdentityAttack]),
            "0" => targets(&[], BENIGN),
            "3" => return Ok(()),
            x => return Err(format!("unexpected category {x:?}")),
        };
        out.push(Example::new(t, targets));
        Ok(())
    })?;
    Ok(dedup(out))
}
