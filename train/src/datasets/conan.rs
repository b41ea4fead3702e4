//! The CONAN family (Chung et al. 2019; Fanton et al. 2021; Bonaldi et al. 2022): hate speech paired
//! with expert-written counter-narratives. Counter-speech mentions the targets, violence and
//! terrorism while denouncing hate: it is exactly what must NOT be flagged.

use super::read::{text, Table};
use super::{dedup, targets, Dataset, BENIGN};
use crate::example::Example;
use moderato::Label::*;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "conan",
    title: "CONAN (English rows), Multitarget-CONAN, DIALOCONAN (Chung et al. 2019; Fanton et al. 2021; Bonaldi et al. 2022)",
    language: "en",
    licence: "research only, no redistribution: used to train, never shipped",
    files: "conan/CONAN.csv, conan/Multitarget-CONAN.csv, conan/DIALOCONAN.csv",
    mapping: &[
        ("hate speech side (CONAN hateSpeech, Multitarget HATE_SPEECH with a group target, DIALOCONAN HS turns)", "identity_attack 1"),
        ("Multitarget HATE_SPEECH with TARGET other", "not used (target is not a protected group)"),
        ("counter-narrative side (counterSpeech, COUNTER_NARRATIVE, CN turns)", "toxicity, insult, identity_attack, threat 0"),
        ("CONAN French and Italian rows", "not used"),
    ],
    validation: true,
    weight: super::COUNTER_SPEECH_WEIGHT,
    load,
};

fn load(data: &Path) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    let hate = targets(&[IdentityAttack], &[]);
    let counter = targets(&[], BENIGN);

    // CONAN: split groups by the hate-speech id (its paraphrases and counter-narratives stay together).
    let table = Table::open(&data.join("conan/CONAN.csv"), b',')?;
    let (id, hs, cn) = (
        table.column("cn_id")?,
        table.column("hateSpeech")?,
        table.column("counterSpeech")?,
    );
    table.for_each(|row| {
        let cn_id = row[id].trim();
        if !cn_id.starts_with("EN") {
            return Ok(());
        }
        let group = format!("conan:{}", cn_id.split("CN").next().unwrap_or(cn_id));
        if let Some(t) = text(&row[hs]) {
            out.push(Example::grouped(t, &group, hate));
        }
        if let Some(t) = text(&row[cn]) {
            out.push(Example::grouped(t, &group, counter));
        }
        Ok(())
    })?;

    // Multitarget-CONAN: a pair is split by its hate speech.
    let table = Table::open(&data.join("conan/Multitarget-CONAN.csv"), b',')?;
    let (hs, cn, target) = (
        table.column("HATE_SPEECH")?,
        table.column("COUNTER_NARRATIVE")?,
        table.column("TARGET")?,
    );
    table.for_each(|row| {
        let Some(h) = text(&row[hs]) else {
            return Ok(());
        };
        let group = format!("multitarget:{h}");
        if row[target].trim() != "other" {
            out.push(Example::grouped(h, &group, hate));
        }
        if let Some(t) = text(&row[cn]) {
            out.push(Example::grouped(t, &group, counter));
        }
        Ok(())
    })?;

    // DIALOCONAN: a dialogue is split as a whole.
    let table = Table::open(&data.join("conan/DIALOCONAN.csv"), b',')?;
    let (turn, dialogue, kind) = (
        table.column("text")?,
        table.column("dialogue_id")?,
        table.column("type")?,
    );
    table.for_each(|row| {
        let Some(t) = text(&row[turn]) else {
            return Ok(());
        };
        let group = format!("dialoconan:{}", row[dialogue].trim());
        match row[kind].trim() {
            "HS" => out.push(Example::grouped(t, &group, hate)),
            "CN" => out.push(Example::grouped(t, &group, counter)),
            x => return Err(format!("unexpected turn type {x:?}")),
        }
        Ok(())
    })?;
    Ok(dedup(out))
}
