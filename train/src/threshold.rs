//! Choosing each head's default threshold on validation data.
//!
//! The threshold maximises the mean, over the validation datasets that label the head, of F1
//! (macro-F1 for toxicity, as OffensEval scores offensive language): a mean over datasets rather
//! than a pooled figure, so the largest dataset does not decide alone. It is searched in
//! [`LOWEST`, `HIGHEST`] so that the lexicon keeps its meaning when combined by maximum: a
//! strong hit (0.8) still passes and a single mild hit (0.3) still does not.

use crate::metrics::{self, Confusion};
use crate::scoring::{pairs, Scored};
use moderato::Label;

pub const LOWEST: f32 = 0.35;
pub const HIGHEST: f32 = 0.80;

/// For the labels that flag under the default policy, precision weighs 1/BETA² times as much as
/// recall: a wrongly flagged message costs a user more than a missed one, which the lexicon may
/// still catch.
fn beta() -> f64 { std::env::var("MODERATO_BETA").ok().and_then(|v| v.parse().ok()).unwrap_or(1.0) }

/// A dataset takes part in the choice only with at least this many of each class.
const MIN_CLASS: usize = 20;

/// The objective at threshold `t`, negatives counted `negative_weight` times.
fn objective(label: Label, per_dataset: &[Vec<(f32, bool)>], t: f32, negative_weight: f64) -> f64 {
    let figures: Vec<f64> = per_dataset
        .iter()
        .map(|d| {
            let c = Confusion::at(d, t);
            if label == Label::Toxicity {
                c.macro_f1()
            } else {
                let (tp, fp, fn_) = (c.tp as f64, c.fp as f64 * negative_weight, c.fn_ as f64);
                let (p, r) = (if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 }, if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 });
                let b2 = beta() * beta();
                if p + r == 0.0 { 0.0 } else { (1.0 + b2) * p * r / (b2 * p + r) }
            }
        })
        .collect();
    figures.iter().sum::<f64>() / figures.len() as f64
}

/// The best threshold for `label` on the step-0.01 grid, or `None` if no dataset qualifies.
pub fn choose(scored: &[Scored], datasets: usize, label: Label, negative_weight: f64) -> Option<f32> {
    let per_dataset: Vec<Vec<(f32, bool)>> = (0..datasets)
        .map(|d| pairs(scored, label, Some(d)))
        .filter(|d| {
            let (pos, neg) = metrics::counts(d);
            pos >= MIN_CLASS && neg >= MIN_CLASS
        })
        .collect();
    if per_dataset.is_empty() {
        return None;
    }
    let (lo, hi) = ((LOWEST * 100.0).round() as i32, (HIGHEST * 100.0).round() as i32);
    let mut best: Option<(f64, f32)> = None;
    for k in lo..=hi {
        let t = k as f32 / 100.0;
        let v = objective(label, &per_dataset, t, negative_weight);
        // Strictly better only: ties keep the lower threshold, deterministically.
        if best.is_none_or(|(b, _)| v > b) {
            best = Some((v, t));
        }
    }
    best.map(|(_, t)| t)
}
