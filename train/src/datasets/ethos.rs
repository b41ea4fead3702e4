//! ETHOS (Mollas et al. 2022): English YouTube and Reddit comments, hate or not, and for hateful
//! ones whether they incite violence.

use super::read::{number, text, Table};
use super::{dedup, targets, Dataset};
use crate::example::Example;
use moderato::Label::*;
use std::collections::HashMap;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "ethos",
    title: "ETHOS binary and multi-label (Mollas et al., Complex & Intelligent Systems 2022)",
    language: "en",
    licence: "GPL-3",
    files: "ethos/Ethos_Dataset_Binary.csv, ethos/Ethos_Dataset_Multi_Label.csv",
    mapping: &[
        ("isHate >= 0.5", "toxicity 1, identity_attack 1"),
        ("isHate < 0.5", "identity_attack 0, threat 0"),
        ("multi-label violence >= 0.5", "threat 1"),
        ("multi-label violence < 0.5", "threat 0"),
    ],
    validation: true,
    weight: 1.0,
    load,
};

fn load(data: &Path) -> Result<Vec<Example>, String> {
    let multi = Table::open(&data.join("ethos/Ethos_Dataset_Multi_Label.csv"), b';')?;
    let (comment_m, violence) = (multi.column("comment")?, multi.column("violence")?);
    let mut violent: HashMap<String, bool> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    multi.for_each(|row| {
        let Some(t) = text(&row[comment_m]) else {
            return Ok(());
        };
        if violent
            .insert(t.to_string(), number(&row[violence])? >= 0.5)
            .is_none()
        {
            order.push(t.to_string());
        }
        Ok(())
    })?;

    let binary = Table::open(&data.join("ethos/Ethos_Dataset_Binary.csv"), b';')?;
    let (comment, is_hate) = (binary.column("comment")?, binary.column("isHate")?);
    let mut out = Vec::new();
    binary.for_each(|row| {
        let Some(t) = text(&row[comment]) else {
            return Ok(());
        };
        let mut targets = if number(&row[is_hate])? >= 0.5 {
            targets(&[Toxicity, IdentityAttack], &[])
        } else {
            targets(&[], &[IdentityAttack, Threat])
        };
        if let Some(&v) = violent.get(t) {
            targets.set(Threat, v);
        }
        out.push(Example::new(t, targets));
        Ok(())
    })?;
    // Multi-label rows are all hateful; most repeat a binary row (dedup merges them).
    for t in order {
        let mut tg = targets(&[Toxicity, IdentityAttack], &[]);
        tg.set(Threat, violent[&t]);
        out.push(Example::new(&t, tg));
    }
    Ok(dedup(out))
}
