//! The validation figures: per label and dataset, ROC-AUC, average precision, and precision,
//! recall and F1 at the classifier's threshold. Printed by `eval`, tabulated by `card`.

use crate::metrics::{self, Confusion};
use crate::scoring::{pairs, Scored};
use moderato::Label;

/// Figures for one label on one dataset (or on all of them pooled).
#[derive(Clone, Debug)]
pub struct Row {
    pub label: Label,
    pub dataset: String,
    pub n: usize,
    pub positives: usize,
    pub auc: Option<f64>,
    pub ap: Option<f64>,
    pub threshold: f32,
    pub at: Confusion,
    /// The best macro-F1 any threshold reaches (an oracle: how much the threshold choice costs).
    pub best_macro_f1: f64,
}

/// A row per (label, dataset) with both classes present, then a pooled `all` row per label.
pub fn rows(
    scored: &[Scored],
    names: &[&str],
    labels: &[Label],
    threshold: impl Fn(Label) -> f32,
) -> Vec<Row> {
    let mut out = Vec::new();
    for &label in labels {
        let mut datasets: Vec<(String, Vec<(f32, bool)>)> = names
            .iter()
            .enumerate()
            .map(|(d, name)| (name.to_string(), pairs(scored, label, Some(d))))
            .collect();
        datasets.push(("all".to_string(), pairs(scored, label, None)));
        for (dataset, data) in datasets {
            let (pos, neg) = metrics::counts(&data);
            if pos == 0 || neg == 0 {
                continue;
            }
            let t = threshold(label);
            out.push(Row {
                label,
                dataset,
                n: data.len(),
                positives: pos,
                auc: metrics::roc_auc(&data),
                ap: metrics::average_precision(&data),
                threshold: t,
                at: Confusion::at(&data, t),
                best_macro_f1: metrics::sweep(&data)
                    .iter()
                    .map(|(_, c)| c.macro_f1())
                    .fold(0.0, f64::max),
            });
        }
    }
    out
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

/// The rows as an aligned text table.
pub fn text(rows: &[Row]) -> String {
    let mut s = format!(
        "{:<16} {:<16} {:>6} {:>6} {:>7} {:>6} {:>5} {:>6} {:>6} {:>6} {:>8} {:>9}\n",
        "label",
        "dataset",
        "n",
        "pos",
        "ROC-AUC",
        "AP",
        "thr",
        "P",
        "R",
        "F1",
        "macro-F1",
        "best-mF1"
    );
    for r in rows {
        s += &format!(
            "{:<16} {:<16} {:>6} {:>6} {:>7} {:>6} {:>5.2} {:>6.3} {:>6.3} {:>6.3} {:>8.3} {:>9.3}\n",
            r.label.name(),
            r.dataset,
            r.n,
            r.positives,
            num(r.auc),
            num(r.ap),
            r.threshold,
            r.at.precision(),
            r.at.recall(),
            r.at.f1(),
            r.at.macro_f1(),
            r.best_macro_f1
        );
    }
    s
}

/// The rows as a Markdown table.
pub fn markdown(rows: &[Row]) -> String {
    let mut s = String::from(
        "| label | dataset | n | positives | ROC-AUC | AP | threshold | precision | recall | F1 | macro-F1 |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        s += &format!(
            "| {} | {} | {} | {} | {} | {} | {:.2} | {:.3} | {:.3} | {:.3} | {:.3} |\n",
            r.label.name(),
            r.dataset,
            r.n,
            r.positives,
            num(r.auc),
            num(r.ap),
            r.threshold,
            r.at.precision(),
            r.at.recall(),
            r.at.f1(),
            r.at.macro_f1()
        );
    }
    s
}
