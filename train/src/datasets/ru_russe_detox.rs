//! RUSSE-2022 detoxification corpus: Russian toxic sentences with human neutral rewrites of the
//! same content. Minimal pairs: rude wording versus the opinion or topic it carries.

use super::read::{text, Table};
use super::{dedup, targets, Dataset, BENIGN};
use crate::example::Example;
use moderato::Label::*;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "ru_russe_detox",
    title: "RUSSE-2022 detoxification parallel corpus, train and dev (Dementieva et al., Dialogue 2022)",
    language: "ru",
    licence: "no licence file; research data",
    files: "ru_russe_detox_2022/train.tsv, ru_russe_detox_2022/dev.tsv",
    mapping: &[
        ("toxic_comment", "toxicity 1"),
        ("neutral_comment1..3 (rewrites)", "toxicity, insult, identity_attack, threat 0"),
    ],
    validation: true,
    weight: 1.0,
    load,
};

fn load(data: &Path) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    for file in [
        "ru_russe_detox_2022/train.tsv",
        "ru_russe_detox_2022/dev.tsv",
    ] {
        let table = Table::open(&data.join(file), b'\t')?;
        let toxic = table.column("toxic_comment")?;
        let neutral = [
            table.column("neutral_comment1")?,
            table.column("neutral_comment2")?,
            table.column("neutral_comment3")?,
        ];
        table.for_each(|row| {
            let Some(t) = text(&row[toxic]) else {
                return Ok(());
            };
            // The pair is split by its toxic sentence, so a rewrite never tests what its original taught.
            let group = format!("russe:{t}");
            out.push(Example::grouped(t, &group, targets(&[Toxicity], &[])));
            for &c in &neutral {
                if let Some(n) = row.get(c).and_then(|f| text(f)) {
                    out.push(Example::grouped(n, &group, targets(&[], BENIGN)));
                }
            }
            Ok(())
        })?;
    }
    Ok(dedup(out))
}
