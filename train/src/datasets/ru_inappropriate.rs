//! Russian sensitive topics and inappropriate messages (Babakov et al. 2021). Used only for its
//! appropriate side: talk ABOUT terrorism, weapons, politics or religion that crowd workers found
//! appropriate, as negatives. "Inappropriate" is broader than any moderato label, so it is not
//! used as a positive.

use super::read::{number, text, Table};
use super::{dedup, targets, Dataset, BENIGN};
use crate::example::Example;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "ru_inappropriate",
    title: "Russian Sensitive Topics & Inappropriate Messages (Babakov et al., BSNLP 2021), available validation files",
    language: "ru",
    licence: "CC BY-NC-SA 4.0: used to train, never shipped",
    files: "ru_inappropriate_sensitive_topics/v1_appropriateness/val.csv, ru_inappropriate_sensitive_topics/v2_appropriateness/manual_labelled.csv",
    mapping: &[
        ("v1 inappropriate <= 0.2 and toxic_new < 0.5", "toxicity, insult, identity_attack, threat 0"),
        ("v2 manual inappropriate 0", "toxicity, insult, identity_attack, threat 0"),
        ("anything inappropriate", "not used (inappropriate is not harmful)"),
    ],
    validation: true,
    weight: 1.0,
    load,
};

fn load(data: &Path) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    let table = Table::open(
        &data.join("ru_inappropriate_sensitive_topics/v1_appropriateness/val.csv"),
        b',',
    )?;
    let (message, inappropriate, toxic) = (
        table.column("text")?,
        table.column("inappropriate")?,
        table.column("toxic_new")?,
    );
    table.for_each(|row| {
        let Some(t) = text(&row[message]) else {
            return Ok(());
        };
        if number(&row[inappropriate])? <= 0.2 && number(&row[toxic])? < 0.5 {
            out.push(Example::new(t, targets(&[], BENIGN)));
        }
        Ok(())
    })?;
    let table = Table::open(
        &data.join("ru_inappropriate_sensitive_topics/v2_appropriateness/manual_labelled.csv"),
        b',',
    )?;
    let (message, inappropriate) = (table.column("text")?, table.column("inappropriate")?);
    table.for_each(|row| {
        let Some(t) = text(&row[message]) else {
            return Ok(());
        };
        if number(&row[inappropriate])? < 0.5 {
            out.push(Example::new(t, targets(&[], BENIGN)));
        }
        Ok(())
    })?;
    Ok(dedup(out))
}
