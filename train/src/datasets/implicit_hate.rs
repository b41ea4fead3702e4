//! Implicit Hate Corpus (ElSherief et al. 2021): English tweets from extremist-adjacent accounts,
//! with stage-2 subtypes of implicit hate, one of which is (indirect) threatening.

use super::read::{text, Table};
use super::{dedup, targets, Dataset};
use crate::example::{Example, Targets};
use moderato::Label::*;
use std::collections::HashMap;
use std::path::Path;

pub const DATASET: Dataset = Dataset {
    name: "implicit_hate",
    title: "Latent Hatred / Implicit Hate Corpus v1 (ElSherief et al., EMNLP 2021), stages 1 and 2",
    language: "en",
    licence: "none stated (request-form data): research only, never shipped",
    files: "implicit_hate/implicit_hate_v1_stg1_posts.tsv, implicit_hate/implicit_hate_v1_stg2_posts.tsv",
    mapping: &[
        ("stage 1 explicit_hate", "toxicity 1, identity_attack 1"),
        ("stage 1 implicit_hate", "identity_attack 1"),
        ("stage 1 not_hate", "identity_attack 0, threat 0"),
        ("stage 2 threatening (main or extra class)", "identity_attack 1, threat 1"),
        ("stage 2 any other class", "identity_attack 1, threat 0"),
    ],
    validation: true,
    weight: 1.0,
    load,
};

fn load(data: &Path) -> Result<Vec<Example>, String> {
    // Stage 2 first: post -> whether it is threatening.
    let stage2 = Table::open(
        &data.join("implicit_hate/implicit_hate_v1_stg2_posts.tsv"),
        b'\t',
    )?;
    let (post2, class, extra) = (
        stage2.column("post")?,
        stage2.column("implicit_class")?,
        stage2.column("extra_implicit_class")?,
    );
    let mut threatening: HashMap<String, bool> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    stage2.for_each(|row| {
        let Some(t) = text(&row[post2]) else {
            return Ok(());
        };
        let threat = row[class].trim() == "threatening" || row[extra].trim() == "threatening";
        let e = threatening.entry(t.to_string()).or_insert_with(|| {
            order.push(t.to_string());
            false
        });
        *e |= threat;
        Ok(())
    })?;

    let stage1 = Table::open(
        &data.join("implicit_hate/implicit_hate_v1_stg1_posts.tsv"),
        b'\t',
    )?;
    let (post1, class1) = (stage1.column("post")?, stage1.column("class")?);
    let mut out = Vec::new();
    stage1.for_each(|row| {
        let Some(t) = text(&row[post1]) else {
            return Ok(());
        };
        let mut targets: Targets = match row[class1].trim() {
            "explicit_hate" => targets(&[Toxicity, IdentityAttack], &[]),
            "implicit_hate" => targets(&[IdentityAttack], &[]),
            "not_hate" => targets(&[], &[IdentityAttack, Threat]),
            x => return Err(format!("unexpected class {x:?}")),
        };
        if let Some(&threat) = threatening.get(t) {
            targets.set(IdentityAttack, true).set(Threat, threat);
        }
        out.push(Example::new(t, targets));
        Ok(())
    })?;
    // Stage-2 posts whose text stage 1 spells differently.
    for t in order {
        let mut tg = targets(&[IdentityAttack], &[]);
        tg.set(Threat, threatening[&t]);
        out.push(Example::new(&t, tg));
    }
    Ok(dedup(out))
}
