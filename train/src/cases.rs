//! The behaviour cases of `tests/cases/*.jsonl` run through a classifier with a given model, so a
//! candidate model can be checked against the must-not-flag cases before it ships (the test
//! `cargo test --test cases` checks the shipped one).

use crate::jsonl;
use moderato::{Classifier, ClassifierBuilder, Label, Policy};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// One case: the expectation and whether the classifier met it.
pub struct Outcome {
    pub place: String,
    pub tier: String,
    pub category: String,
    pub expect_flagged: bool,
    pub passed: bool,
    pub problem: String,
}

/// Runs every case file in `dir` with classifiers configured by `configure` (one per policy).
pub fn run(dir: &Path, configure: impl Fn(&mut ClassifierBuilder)) -> Result<Vec<Outcome>, String> {
    let mut classifiers = BTreeMap::new();
    for p in Policy::ALL {
        let mut b = Classifier::builder();
        b.policy(p);
        configure(&mut b);
        classifiers.insert(p.name().to_string(), b.build().map_err(|e| e.to_string())?);
    }
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        for (place, case) in jsonl::read(&file)? {
            let field = |k: &str| {
                case.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            let labels = |k: &str| -> Vec<Label> {
                case.get(k)
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(|v| v.as_str()?.parse().ok()).collect())
                    .unwrap_or_default()
            };
            let policy = field("policy");
            let classifier = classifiers
                .get(&policy)
                .ok_or_else(|| format!("{place}: unknown policy {policy:?}"))?;
            let expect_flagged = case
                .get("flagged")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let v = classifier.classify(&field("text"));
            let mut problems = Vec::new();
            if v.flagged != expect_flagged {
                problems.push(format!("flagged={} want {expect_flagged}", v.flagged));
            }
            for l in labels("labels") {
                if !v.has(l) {
                    problems.push(format!("missing {l}"));
                }
            }
            for l in labels("absent") {
                if v.has(l) {
                    problems.push(format!("unwanted {l} ({:.2})", v.scores.get(l)));
                }
            }
            let tier = case
                .get("tier")
                .and_then(Value::as_str)
                .unwrap_or("lexicon")
                .to_string();
            out.push(Outcome {
                place,
                tier,
                category: field("category"),
                expect_flagged,
                passed: problems.is_empty(),
                problem: format!(
                    "{} [labels {:?}]",
                    problems.join(", "),
                    v.labels.iter().map(|l| l.name()).collect::<Vec<_>>()
                ),
            });
        }
    }
    Ok(out)
}

/// Pass counts by (tier, must flag or not).
pub fn summary(outcomes: &[Outcome]) -> String {
    let mut table: BTreeMap<(String, &str), (usize, usize)> = BTreeMap::new();
    for o in outcomes {
        let kind = if o.expect_flagged {
            "must flag"
        } else {
            "must not flag"
        };
        let row = table.entry((o.tier.clone(), kind)).or_default();
        row.1 += 1;
        row.0 += usize::from(o.passed);
    }
    let mut s = String::new();
    for ((tier, kind), (ok, n)) in table {
        s += &format!("{tier:<8} {kind:<14} {ok:>4}/{n}\n");
    }
    s
}
