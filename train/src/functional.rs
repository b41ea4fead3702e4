//! The context layer's functional suite (`tests/functional/*.jsonl`) scored for the model card:
//! per category and language, the full classifier next to the word-list baseline (no model,
//! structure rules off), so the card shows what the context layer and the model add.
//! `cargo test --test functional` asserts the thresholds; this only reports.

use crate::jsonl;
use moderato::{Classifier, Label};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// Correct / seen, for (full, baseline), per (language, category).
pub type Table = BTreeMap<(String, String), [(usize, usize); 2]>;

fn correct(c: &Classifier, case: &Value) -> bool {
    let text = case.get("text").and_then(Value::as_str).unwrap_or("");
    let v = c.classify(text);
    let want = case
        .get("flagged")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if v.flagged != want {
        return false;
    }
    let label = case
        .get("label")
        .and_then(Value::as_str)
        .and_then(|l| l.parse::<Label>().ok());
    if label.is_some_and(|l| !v.has(l)) {
        return false;
    }
    let absent = case.get("absent").and_then(Value::as_array);
    absent
        .into_iter()
        .flatten()
        .filter_map(|l| l.as_str()?.parse::<Label>().ok())
        .all(|l| !v.has(l))
}

/// Runs the suite in `dir` with the classifier using `model` and with the word-list baseline.
pub fn run(dir: &Path, model: &[u8]) -> Result<Table, String> {
    let full = Classifier::builder()
        .model_bytes(model)
        .build()
        .map_err(|e| e.to_string())?;
    let baseline = Classifier::builder()
        .without_model()
        .structure_rules(false)
        .build()
        .map_err(|e| e.to_string())?;
    let mut table = Table::new();
    for lang in ["en", "ru"] {
        for (_, case) in jsonl::read(&dir.join(format!("{lang}.jsonl")))? {
            let category = case
                .get("category")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let row = table.entry((lang.to_string(), category)).or_default();
            for (slot, c) in row.iter_mut().zip([&full, &baseline]) {
                slot.1 += 1;
                slot.0 += usize::from(correct(c, &case));
            }
        }
    }
    Ok(table)
}

fn pct((right, seen): (usize, usize)) -> f64 {
    if seen == 0 {
        0.0
    } else {
        100.0 * right as f64 / seen as f64
    }
}

/// The card's markdown table: one row per category, both languages side by side.
pub fn markdown(table: &Table) -> String {
    let mut categories: Vec<&str> = table.keys().map(|(_, c)| c.as_str()).collect();
    categories.sort();
    categories.dedup();
    let mut out = String::from(
        "| category | en full | en word list | ru full | ru word list |\n|---|---:|---:|---:|---:|\n",
    );
    let cell = |lang: &str, cat: &str, i: usize| {
        table
            .get(&(lang.to_string(), cat.to_string()))
            .map_or("–".to_string(), |r| format!("{:.1}", pct(r[i])))
    };
    for cat in &categories {
        out.push_str(&format!(
            "| {cat} | {} | {} | {} | {} |\n",
            cell("en", cat, 0),
            cell("en", cat, 1),
            cell("ru", cat, 0),
            cell("ru", cat, 1)
        ));
    }
    let mut totals = [[(0usize, 0usize); 2]; 2];
    for ((lang, _), row) in table {
        let li = usize::from(lang == "ru");
        for i in 0..2 {
            totals[li][i].0 += row[i].0;
            totals[li][i].1 += row[i].1;
        }
    }
    out.push_str(&format!(
        "| **all cases** | **{:.1}** | **{:.1}** | **{:.1}** | **{:.1}** |\n",
        pct(totals[0][0]),
        pct(totals[0][1]),
        pct(totals[1][0]),
        pct(totals[1][1])
    ));
    let mean =
        |i: usize| table.values().map(|r| pct(r[i])).sum::<f64>() / table.len().max(1) as f64;
    let worst = |i: usize| {
        table
            .values()
            .map(|r| pct(r[i]))
            .fold(f64::INFINITY, f64::min)
    };
    out.push_str(&format!(
        "\nMean over the {} (language, category) cells: full {:.1}%, word list {:.1}%; worst cell: full {:.1}%, word list {:.1}%.\n",
        table.len(),
        mean(0),
        mean(1),
        worst(0),
        worst(1)
    ));
    out
}
