//! ToxiGen seed statements (Hartvigsen et al. 2022): hand-curated implicit hate and neutral
//! statements about 13 groups. The neutral side mentions the groups too: hard negatives.

use super::read::{text, Table};
use super::{dedup, targets, Dataset, BENIGN};
use crate::example::Example;
use moderato::Label::*;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "toxigen",
    title: "ToxiGen prompt statements (Hartvigsen et al., ACL 2022), unique statements",
    language: "en",
    licence: "MIT",
    files: "toxigen_prompts/toxigen_prompt_statements_unique.csv",
    mapping: &[
        ("hate", "toxicity 1, identity_attack 1"),
        ("neutral", "toxicity, insult, identity_attack, threat 0"),
    ],
    validation: true,
    weight: 1.0,
    load,
};

fn load(data: &Path) -> Result<Vec<Example>, String> {
    let table = Table::open(&data.join(DATASET.files), b',')?;
    let (statement, label) = (table.column("text")?, table.column("label")?);
    let mut out = Vec::new();
    table.for_each(|row| {
        let Some(t) = text(&row[statement]) else {
            return Ok(());
        };
        let targets = match row[label].trim() {
            "hate" => targets(&[Toxicity, IdentityAttack], &[]),
            "neutral" => targets(&[], BENIGN),
            x => return Err(format!("unexpected label {x:?}")),
        };
        out.push(Example::new(t, targets));
        Ok(())
    })?;
    Ok(dedup(out))
}
