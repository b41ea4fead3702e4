//! Stormfront (de Gibert et al. 2018): English sentences from a white-supremacist forum.

use super::read::{text, Table};
use super::{dedup, targets, Dataset};
use crate::example::Example;
use moderato::Label::*;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "stormfront",
    title: "Hate Speech Dataset from a White Supremacy Forum (de Gibert et al., ALW2 2018), sampled_test removed",
    language: "en",
    licence: "CC BY-SA 3.0 ES",
    files: "stormfront/stormfront_merged.csv",
    mapping: &[
        ("hate", "toxicity 1, identity_attack 1"),
        ("noHate", "toxicity 0, identity_attack 0"),
        ("relation, idk/skip", "not used (hateful only with context, or unjudged)"),
    ],
    validation: true,
    weight: super::TARGET_WEIGHT,
    load,
};

fn load(data: &Path) -> Result<Vec<Example>, String> {
    let table = Table::open(&data.join(DATASET.files), b',')?;
    let (sentence, label) = (table.column("text")?, table.column("label")?);
    let mut out = Vec::new();
    table.for_each(|row| {
        let Some(t) = text(&row[sentence]) else {
            return Ok(());
        };
        let targets = match row[label].trim() {
            "hate" => targets(&[Toxicity, IdentityAttack], &[]),
            "noHate" => targets(&[], &[Toxicity, IdentityAttack]),
            "relation" | "idk/skip" => return Ok(()),
            x => return Err(format!("unexpected label {x:?}")),
        };
        out.push(Example::new(t, targets));
        Ok(())
    })?;
    Ok(dedup(out))
}
