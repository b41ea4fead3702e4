//! The behaviour specification: table-driven cases in `tests/cases/*.jsonl`, run natively and,
//! compiled to wasm32, under wasm-bindgen-test in Node.
//!
//! Each case names a policy, the expected decision, labels that must be present and labels that
//! must be absent. Cases of tier `lexicon` must all pass; cases of tier `model` need understanding
//! beyond a word list and are reported per category (and asserted once a learned model ships).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use moderato::{Classifier, Label, Policy};
use serde::Deserialize;

#[path = "support/jsonl.rs"]
mod jsonl;
use std::collections::BTreeMap;

#[derive(Deserialize, Debug)]
struct Case {
    text: String,
    policy: String,
    flagged: bool,
    #[serde(default)]
    labels: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    category: String,
    #[serde(default = "default_tier")]
    tier: String,
}

fn default_tier() -> String {
    "lexicon".to_string()
}

const FILES: &[(&str, &str)] = &[
    ("tests/cases/en.jsonl", include_str!("cases/en.jsonl")),
    ("tests/cases/ru.jsonl", include_str!("cases/ru.jsonl")),
];

fn load() -> Vec<(String, Case)> {
    jsonl::read(FILES)
}

/// Runs one case; returns a description of what went wrong, if anything.
fn check(classifiers: &BTreeMap<&str, Classifier>, case: &Case) -> Option<String> {
    let c = classifiers
        .get(case.policy.as_str())
        .unwrap_or_else(|| panic!("unknown policy {}", case.policy));
    let v = c.classify(&case.text);
    let mut problems = Vec::new();
    if v.flagged != case.flagged {
        problems.push(format!("flagged={} want {}", v.flagged, case.flagged));
    }
    for name in &case.labels {
        let l: Label = name.parse().unwrap();
        if !v.has(l) {
            problems.push(format!("missing {name}"));
        }
    }
    for name in &case.absent {
        let l: Label = name.parse().unwrap();
        if v.has(l) {
            problems.push(format!("unwanted {name}"));
        }
    }
    for s in &v.spans {
        assert!(
            case.text.is_char_boundary(s.start)
                && case.text.is_char_boundary(s.end)
                && s.start <= s.end
        );
    }
    if problems.is_empty() {
        None
    } else {
        let labels: Vec<String> = v.labels.iter().map(|l| l.to_string()).collect();
        Some(format!(
            "{} [got labels {:?}, terms {:?}]",
            problems.join(", "),
            labels,
            v.spans.iter().map(|s| &s.term).collect::<Vec<_>>()
        ))
    }
}

fn classifiers() -> BTreeMap<&'static str, Classifier> {
    Policy::ALL
        .iter()
        .map(|&p| (p.name(), Classifier::builder().policy(p).build().unwrap()))
        .collect()
}

#[test]
fn functional_cases() {
    let classifiers = classifiers();
    let cases = load();
    assert!(cases.len() >= 300, "only {} cases", cases.len());
    // category -> (passed, total) per tier
    let mut table: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for (place, case) in &cases {
        let problem = check(&classifiers, case);
        let row = table
            .entry((case.tier.clone(), case.category.clone()))
            .or_default();
        row.1 += 1;
        match problem {
            None => row.0 += 1,
            Some(p) if case.tier == "lexicon" => {
                failures.push(format!("{place} [{}] {:?}: {p}", case.category, case.text))
            }
            Some(_) => {}
        }
    }
    println!("{:<8} {:<32} {:>7}", "tier", "category", "passed");
    for ((tier, cat), (ok, n)) in &table {
        println!("{tier:<8} {cat:<32} {ok:>3}/{n:<3}");
    }
    assert!(
        failures.is_empty(),
        "{} lexicon-tier cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_label_and_both_languages_are_covered() {
    let cases = load();
    for l in Label::ALL {
        if l == Label::Toxicity || l == Label::SevereToxicity {
            continue;
        }
        assert!(
            cases
                .iter()
                .any(|(_, c)| c.labels.iter().any(|x| x == l.name())),
            "no case expects {l}"
        );
    }
    for lang in ["en.jsonl", "ru.jsonl"] {
        assert!(
            cases.iter().filter(|(p, _)| p.contains(lang)).count() >= 150,
            "too few cases in {lang}"
        );
    }
}

#[test]
fn batch_matches_single() {
    let c = Classifier::new();
    let cases = load();
    let texts: Vec<&str> = cases.iter().map(|(_, c)| c.text.as_str()).collect();
    let batch = c.classify_batch(&texts);
    for (t, v) in texts.iter().zip(&batch) {
        assert_eq!(&c.classify(t), v);
    }
}

#[test]
fn spans_point_at_the_evidence() {
    let c = Classifier::new();
    let table = [
        ("ok so I will k1ll you tomorrow", "k1ll you"),
        ("I will k i l l  y o u", "k i l l  y o u"),
        (
            "I will \u{1d424}\u{1d422}\u{1d425}\u{1d425} you",
            "\u{1d424}\u{1d422}\u{1d425}\u{1d425} you",
        ),
    ];
    for (text, evidence) in table {
        let v = c.classify(text);
        assert!(v.flagged, "{text:?}");
        let found: Vec<&str> = v.spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert!(
            found
                .iter()
                .any(|f| f.contains(evidence) || evidence.contains(f)),
            "{text:?}: spans {found:?}"
        );
    }
}
