//! OLID v1.0 (OffensEval 2019): English tweets, offensive or not, and whether the offence is targeted.

use super::read::{text, Table};
use super::{dedup, targets, Dataset, BENIGN};
use crate::example::Example;
use moderato::Label::*;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "olid",
    title: "OLID v1.0 / OffensEval 2019, training file (Zampieri et al., NAACL 2019)",
    language: "en",
    licence: "none stated by OLID; host repository CC BY 4.0; research data",
    files: "olid/olid-training-v1.0.tsv",
    mapping: &[
        ("subtask_a OFF", "toxicity 1"),
        (
            "subtask_a NOT",
            "toxicity, insult, identity_attack, threat 0",
        ),
        ("subtask_b TIN (targeted insult or threat)", "insult 1"),
        ("subtask_b UNT (untargeted profanity)", "insult 0"),
    ],
    validation: true,
    weight: super::TARGET_WEIGHT,
    load,
};

fn load(data: &Path) -> Result<Vec<Example>, String> {
    let table = Table::open(&data.join(DATASET.files), b'\t')?;
    let (tweet, a, b) = (
        table.column("tweet")?,
        table.column("subtask_a")?,
        table.column("subtask_b")?,
    );
    let mut out = Vec::new();
    table.for_each(|row| {
        let Some(t) = text(&row[tweet]) else {
            return Ok(());
        };
        let targets = match (row[a].as_str(), row[b].as_str()) {
            ("NOT", _) => targets(&[], BENIGN),
            ("OFF", "TIN") => targets(&[Toxicity, Insult], &[]),
            ("OFF", "UNT") => targets(&[Toxicity], &[Insult]),
            (x, y) => return Err(format!("unexpected labels {x:?} {y:?}")),
        };
        out.push(Example::new(t, targets));
        Ok(())
    })?;
    Ok(dedup(out))
}
