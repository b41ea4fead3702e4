//! Davidson et al. 2017: English tweets, hate speech / offensive language / neither.

use super::read::{text, Table};
use super::{dedup, targets, Dataset, BENIGN};
use crate::example::Example;
use moderato::Label::*;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "davidson",
    title: "Hate Speech and Offensive Language (Davidson et al., ICWSM 2017)",
    language: "en",
    licence: "MIT",
    files: "davidson2017/labeled_data.csv",
    mapping: &[
        ("class 0 hate speech", "toxicity 1, identity_attack 1"),
        (
            "class 1 offensive language",
            "toxicity 1, identity_attack 0",
        ),
        (
            "class 2 neither",
            "toxicity, insult, identity_attack, threat 0",
        ),
    ],
    validation: true,
    weight: 1.0,
    load,
};

fn load(data: &Path) -> Result<Vec<Example>, String> {
    let table = Table::open(&data.join(DATASET.files), b',')?;
    let (tweet, class) = (table.column("tweet")?, table.column("class")?);
    let mut out = Vec::new();
    table.for_each(|row| {
        let Some(t) = text(&row[tweet]) else {
            return Ok(());
        };
        let targets = match row[class].trim() {
            "0" => targets(&[Toxicity, IdentityAttack], &[]),
            "1" => targets(&[Toxicity], &[IdentityAttack]),
            "2" => targets(&[], BENIGN),
            x => return Err(format!("unexpected class {x:?}")),
        };
        out.push(Example::new(t, targets));
        Ok(())
    })?;
    Ok(dedup(out))
}
