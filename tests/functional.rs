//! The context layer's functional suite: template-generated cases in `tests/functional/*.jsonl`
//! (see `tests/functional/generate.py`), run natively and, compiled to wasm32, under
//! wasm-bindgen-test in Node.
//!
//! Prints the per-category accuracy of the full classifier (embedded model + structure rules) next
//! to the word-list baseline (no model, structure rules off) and, for reference, the structure
//! rules without the model (no model, structure rules on). Asserts, for the full classifier:
//! mean per-category accuracy at least 85%, no category under 70%, overall at least 90%.
//!
//! ```sh
//! cargo test -p moderato --test functional -- --nocapture
//! ```
//!
//! Set `FUNCTIONAL_FAILURES=1` to also list every case the full classifier gets wrong.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use moderato::{Classifier, Label};
use serde::Deserialize;

#[path = "support/jsonl.rs"]
mod jsonl;
use std::collections::BTreeMap;

#[derive(Deserialize, Debug)]
struct Case {
    text: String,
    flagged: bool,
    label: Option<String>,
    #[serde(default)]
    absent: Vec<String>,
    category: String,
    lang: String,
    heldout: Option<String>,
}

const FILES: &[(&str, &str)] = &[
    (
        "tests/functional/en.jsonl",
        include_str!("functional/en.jsonl"),
    ),
    (
        "tests/functional/ru.jsonl",
        include_str!("functional/ru.jsonl"),
    ),
];

fn load() -> Vec<Case> {
    jsonl::read(FILES)
        .into_iter()
        .map(|(_, case)| case)
        .collect()
}

/// Whether the classifier gets the case right: the decision, the expected label, no absent label.
fn correct(c: &Classifier, case: &Case) -> bool {
    let v = c.classify(&case.text);
    if v.flagged != case.flagged {
        return false;
    }
    if let Some(l) = &case.label {
        if !v.has(l.parse::<Label>().unwrap()) {
            return false;
        }
    }
    case.absent
        .iter()
        .all(|l| !v.has(l.parse::<Label>().unwrap()))
}

/// Cases right out of cases seen, per classifier: full, baseline, rules without the model.
#[derive(Default, Clone, Copy)]
struct Tally {
    right: [usize; 3],
    n: usize,
}

impl Tally {
    fn add(&mut self, right: [bool; 3]) {
        self.n += 1;
        for (r, ok) in self.right.iter_mut().zip(right) {
            *r += usize::from(ok);
        }
    }
    fn pct(&self, which: usize) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            100.0 * self.right[which] as f64 / self.n as f64
        }
    }
    fn row(&self, lang: &str, what: &str) {
        println!(
            "{lang:<4} {what:<22} {:>5} {:>8.1} {:>10.1} {:>9.1}",
            self.n,
            self.pct(0),
            self.pct(1),
            self.pct(2)
        );
    }
}

#[test]
fn functional_suite() {
    let cases = load();
    let classifiers = [
        Classifier::new(),
        Classifier::builder()
            .without_model()
            .structure_rules(false)
            .build()
            .unwrap(),
        Classifier::builder().without_model().build().unwrap(),
    ];
    let show_failures = std::env::var("FUNCTIONAL_FAILURES").is_ok();

    let mut by_cat: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    let mut heldout: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut failures = Vec::new();
    for case in &cases {
        let right = [0, 1, 2].map(|i| correct(&classifiers[i], case));
        by_cat
            .entry((case.lang.clone(), case.category.clone()))
            .or_default()
            .add(right);
        by_lang.entry(case.lang.clone()).or_default().add(right);
        if let Some(h) = &case.heldout {
            heldout.entry(h.clone()).or_default().add(right);
        }
        total.add(right);
        if !right[0] {
            let v = classifiers[0].classify(&case.text);
            failures.push(format!(
                "[{} {}{}] {:?} want flagged={} label={:?}; got flagged={} labels={:?}",
                case.lang,
                case.category,
                case.heldout
                    .as_deref()
                    .map(|h| format!(" heldout={h}"))
                    .unwrap_or_default(),
                case.text,
                case.flagged,
                case.label,
                v.flagged,
                v.labels.iter().map(|l| l.name()).collect::<Vec<_>>()
            ));
        }
    }

    println!(
        "\n{:<4} {:<22} {:>5} {:>8} {:>10} {:>9}",
        "lang", "category", "cases", "full %", "baseline %", "rules %"
    );
    for ((lang, cat), t) in &by_cat {
        t.row(lang, cat);
    }
    println!();
    for (lang, t) in &by_lang {
        t.row(lang, "overall");
    }
    total.row("all", "overall");
    let mean = |i: usize| by_cat.values().map(|t| t.pct(i)).sum::<f64>() / by_cat.len() as f64;
    let worst = |i: usize| {
        by_cat
            .values()
            .map(|t| t.pct(i))
            .fold(f64::INFINITY, f64::min)
    };
    println!(
        "{:<4} {:<22} {:>5} {:>8.1} {:>10.1} {:>9.1}",
        "all",
        "mean of categories",
        by_cat.len(),
        mean(0),
        mean(1),
        mean(2)
    );
    println!(
        "{:<4} {:<22} {:>5} {:>8.1} {:>10.1} {:>9.1}",
        "all",
        "worst category",
        "",
        worst(0),
        worst(1),
        worst(2)
    );
    println!("\nheld-out slices (cases with words that no rule lexicon lists):");
    for (h, t) in &heldout {
        t.row("", h);
    }
    if show_failures {
        println!("\n{} failures of the full classifier:", failures.len());
        for f in &failures {
            println!("{f}");
        }
    }

    let (mean_full, min_full, overall) = (mean(0), worst(0), total.pct(0));
    assert!(
        mean_full >= 85.0,
        "mean per-category accuracy {mean_full:.1}% < 85%"
    );
    assert!(min_full >= 70.0, "a category is under 70% ({min_full:.1}%)");
    assert!(overall >= 90.0, "overall accuracy {overall:.1}% < 90%");
}

#[test]
fn suite_shape() {
    let cases = load();
    assert!(cases.len() >= 1500, "only {} cases", cases.len());
    for lang in ["en", "ru"] {
        let cats: std::collections::BTreeSet<&str> = cases
            .iter()
            .filter(|c| c.lang == lang)
            .map(|c| c.category.as_str())
            .collect();
        assert!(cats.len() >= 20, "{lang}: only {} categories", cats.len());
    }
    for c in &cases {
        assert_eq!(c.flagged, c.label.is_some(), "{:?}", c.text);
        for l in c.label.iter().chain(&c.absent) {
            l.parse::<Label>().unwrap();
        }
    }
}
