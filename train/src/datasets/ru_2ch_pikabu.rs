//! Russian Language Toxic Comments (2ch.hk and pikabu.ru, Smetanin 2020): toxic or not.

use super::read::{number, text, Table};
use super::{dedup, targets, Dataset, BENIGN};
use crate::example::Example;
use moderato::Label::*;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "ru_2ch_pikabu",
    title: "Russian Language Toxic Comments, 2ch + Pikabu (Smetanin, Dialogue 2020), one fifth held out",
    language: "ru",
    licence: "not stated (Kaggle); research data",
    files: "ru_2ch_pikabu_toxic/labeled.csv.gz",
    mapping: &[
        ("toxic 1 (insults, obscenity, threats and hate together)", "toxicity 1"),
        ("toxic 0", "toxicity, insult, identity_attack, threat 0"),
    ],
    validation: true,
    weight: super::RUSSIAN_TARGET_WEIGHT,
    load,
};

fn load(data: &Path) -> Result<Vec<Example>, String> {
    let table = Table::open(&data.join(DATASET.files), b',')?;
    let (comment, toxic) = (table.column("comment")?, table.column("toxic")?);
    let mut out = Vec::new();
    table.for_each(|row| {
        let Some(t) = text(&row[comment]) else {
            return Ok(());
        };
        let targets = if number(&row[toxic])? >= 0.5 {
            targets(&[Toxicity], &[])
        } else {
            targets(&[], BENIGN)
        };
        out.push(Example::new(t, targets));
        Ok(())
    })?;
    Ok(dedup(out))
}
