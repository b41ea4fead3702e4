//! Tests that need the training data in `../shared/data`. Without it (a user's fresh clone) they
//! say so and pass; CI has the data and runs them.

use crate::corpus::Corpus;
use crate::datasets::{self, Dataset};
use crate::fit::{self, Settings, HEADS};
use crate::ftrl::Params;
use crate::split::{Side, SEED};
use crate::{card, default_data, repo_root};
use moderato::Label;
use std::path::PathBuf;

/// The data folder, or `None` after saying that the test is skipped.
fn data(test: &str) -> Option<PathBuf> {
    let d = default_data();
    if d.is_dir() {
        Some(d)
    } else {
        eprintln!("{test}: skipped, no training data at {}", d.display());
        None
    }
}

fn count(corpus: &Corpus, label: Label, value: bool) -> usize {
    corpus
        .examples
        .iter()
        .filter(|e| e.targets.get(label) == Some(value))
        .count()
}

/// Each loader reads its dataset as it is and maps its labels: (name, messages at least,
/// at most, labels that must have positives, labels that must have negatives).
#[test]
fn loaders_read_every_dataset() {
    let Some(data) = data("loaders_read_every_dataset") else {
        return;
    };
    use Label::*;
    type Expect<'a> = (&'a str, usize, usize, &'a [Label], &'a [Label]);
    let expect: &[Expect] = &[
        (
            "olid",
            13_000,
            13_240,
            &[Toxicity, Insult],
            &[Toxicity, Insult, IdentityAttack, Threat],
        ),
        (
            "davidson",
            24_000,
            24_783,
            &[Toxicity, IdentityAttack],
            &[Toxicity, IdentityAttack, Insult, Threat],
        ),
        (
            "hatexplain",
            16_000,
            18_224,
            &[Toxicity, IdentityAttack],
            &[Toxicity, IdentityAttack, Insult, Threat],
        ),
        (
            "stormfront",
            10_000,
            10_466,
            &[Toxicity, IdentityAttack],
            &[Toxicity, IdentityAttack],
        ),
        (
            "implicit_hate",
            20_000,
            21_576,
            &[Toxicity, IdentityAttack, Threat],
            &[IdentityAttack, Threat],
        ),
        (
            "ethos",
            950,
            1_050,
            &[Toxicity, IdentityAttack, Threat],
            &[IdentityAttack, Threat],
        ),
        (
            "toxigen",
            600,
            722,
            &[Toxicity, IdentityAttack],
            &[Toxicity, IdentityAttack, Insult, Threat],
        ),
        (
            "conan",
            15_000,
            40_000,
            &[IdentityAttack],
            &[Toxicity, IdentityAttack, Insult, Threat],
        ),
        (
            "ru_2ch_pikabu",
            11_000,
            11_494,
            &[Toxicity],
            &[Toxicity, Insult, IdentityAttack, Threat],
        ),
        (
            "ru_russe_detox",
            15_000,
            30_000,
            &[Toxicity],
            &[Toxicity, Insult, IdentityAttack, Threat],
        ),
        (
            "ru_inappropriate",
            5_000,
            5_800,
            &[],
            &[Toxicity, Insult, IdentityAttack, Threat],
        ),
        (
            "allow_list",
            50,
            10_000,
            &[],
            &[Toxicity, Insult, IdentityAttack, Threat],
        ),
        (
            "neutral_mentions",
            700,
            701,
            &[],
            &[Toxicity, Insult, IdentityAttack, Threat],
        ),
    ];
    assert_eq!(
        expect.len(),
        datasets::ALL.len(),
        "a dataset without a loader test"
    );
    for &(name, lo, hi, pos, neg) in expect {
        let d: &'static Dataset = datasets::find(name).unwrap();
        let corpus = Corpus::load(&data, &[d], SEED).unwrap();
        let n = corpus.examples.len();
        assert!(
            (lo..=hi).contains(&n),
            "{name}: {n} messages, expected {lo}..={hi}"
        );
        for &l in pos {
            assert!(count(&corpus, l, true) > 0, "{name}: no {l} positives");
        }
        for &l in neg {
            assert!(count(&corpus, l, false) > 0, "{name}: no {l} negatives");
        }
        // Labels the mapping does not mention stay unknown.
        for l in [SevereToxicity, Profanity, Extremism] {
            assert_eq!(
                count(&corpus, l, true) + count(&corpus, l, false),
                0,
                "{name}: {l} set"
            );
        }
        assert!(corpus
            .examples
            .iter()
            .all(|e| !e.text.trim().is_empty() && !e.targets.is_empty()));
        assert!(!d.mapping.is_empty() && !d.licence.is_empty());
    }
}

/// The split depends only on the split key and the seed: same seed, same sides, about a tenth of
/// every dataset in validation, and groups (a toxic sentence and its rewrites) on one side.
#[test]
fn split_is_deterministic() {
    let Some(data) = data("split_is_deterministic") else {
        return;
    };
    let a = Corpus::load(&data, &[], SEED).unwrap();
    let b = Corpus::load(&data, &[], SEED).unwrap();
    assert_eq!(a.side, b.side);
    for (i, d) in a.datasets.iter().enumerate().filter(|(_, d)| d.validation) {
        let n = a.dataset.iter().filter(|&&x| x == i).count();
        let v = (0..a.examples.len())
            .filter(|&k| a.dataset[k] == i && a.side[k] == Side::Validation)
            .count();
        let share = v as f64 / n as f64;
        assert!(
            (0.07..0.13).contains(&share),
            "{}: {share:.3} in validation",
            d.name
        );
    }
    let other = Corpus::load(&data, &[datasets::find("olid").unwrap()], SEED + 1).unwrap();
    let olid = Corpus::load(&data, &[datasets::find("olid").unwrap()], SEED).unwrap();
    assert_ne!(other.side, olid.side);
    let russe = Corpus::load(&data, &[datasets::find("ru_russe_detox").unwrap()], SEED).unwrap();
    for (i, e) in russe.examples.iter().enumerate() {
        let j = russe.examples.iter().position(|x| x.key == e.key).unwrap();
        assert_eq!(russe.side[i], russe.side[j], "a group straddles the split");
    }
}

/// A small, quick fit on a sample: it learns, and it is deterministic to the byte.
#[test]
fn quick_fit_learns_and_is_deterministic() {
    let Some(data) = data("quick_fit_learns_and_is_deterministic") else {
        return;
    };
    let which = [
        datasets::find("olid").unwrap(),
        datasets::find("ru_2ch_pikabu").unwrap(),
    ];
    let settings = Settings {
        data: data.clone(),
        out: PathBuf::new(),
        seed: SEED,
        bits: 14,
        params: Params {
            epochs: 2,
            ..Params::default()
        },
        sample: 2,
    };
    let corpus = Corpus::load(&data, &which, SEED).unwrap();
    let a = fit::fit(&settings, &corpus).unwrap();
    let b = fit::fit(&settings, &corpus).unwrap();
    assert_eq!(
        a.model.to_bytes(),
        b.model.to_bytes(),
        "same data and settings, different bytes"
    );
    let auc = |dataset: &str| {
        a.rows
            .iter()
            .find(|r| r.label == Label::Toxicity && r.dataset == dataset)
            .and_then(|r| r.auc)
            .unwrap()
    };
    assert!(auc("olid") > 0.7, "olid toxicity AUC {}", auc("olid"));
    assert!(
        auc("ru_2ch_pikabu") > 0.85,
        "ru toxicity AUC {}",
        auc("ru_2ch_pikabu")
    );
    let heads: Vec<Label> = a.model.heads().iter().map(|h| h.label).collect();
    assert_eq!(heads, HEADS);
}

/// The card and its charts are written, and hold figures only: no message of any dataset.
#[test]
fn card_holds_figures_not_text() {
    let Some(data) = data("card_holds_figures_not_text") else {
        return;
    };
    let docs = std::env::temp_dir().join(format!("moderato-card-{}", std::process::id()));
    card::write(&card::Inputs {
        data: data.clone(),
        model: repo_root().join("model/moderato.model"),
        docs: docs.clone(),
        seed: SEED,
    })
    .unwrap();
    let md = std::fs::read_to_string(docs.join("model-card.md")).unwrap();
    for label in HEADS {
        for kind in ["roc", "pr"] {
            let svg =
                std::fs::read_to_string(docs.join(format!("model-{kind}-{}.svg", label.name())))
                    .unwrap();
            assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
            assert!(md.contains(&format!("model-{kind}-{}.svg", label.name())));
        }
    }
    let corpus = Corpus::load(&data, &[], SEED).unwrap();
    for e in corpus
        .examples
        .iter()
        .filter(|e| e.text.len() >= 30)
        .step_by(7)
    {
        assert!(!md.contains(e.text.as_str()), "the card quotes a message");
    }
    std::fs::remove_dir_all(&docs).unwrap();
}

/// `fit` with the documented defaults regenerates the shipped model byte for byte. Slow in the
/// dev profile, so ignored by default; run it with
/// `cargo test --release -p moderato-train -- --ignored`. It fails when the normaliser, the
/// lexicons or the features changed without the model being refitted.
#[test]
#[ignore]
fn fit_regenerates_the_shipped_model() {
    let Some(data) = data("fit_regenerates_the_shipped_model") else {
        return;
    };
    let settings = Settings {
        data: data.clone(),
        out: PathBuf::new(),
        seed: SEED,
        bits: fit::BITS,
        params: Params::default(),
        sample: 1,
    };
    let corpus = Corpus::load(&data, &[], SEED).unwrap();
    let fitted = fit::fit(&settings, &corpus).unwrap();
    let shipped = std::fs::read(repo_root().join("model/moderato.model")).unwrap();
    assert!(
        fitted.model.to_bytes() == shipped,
        "model/moderato.model is stale: regenerate it with `cargo run --release -p moderato-train -- fit`"
    );
}
