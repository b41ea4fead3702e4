//! Choosing each head's default threshold on validation data.
//!
//! The threshold maximises the mean, over the validation datasets that label the head, of F1
//! (macro-F1 for toxicity, as OffensEval scores offensive language): a mean over datasets rather
//! than a pooled figure, so the largest dataset does not decide alone. For the flagging labels the
//! negatives count [`negative_weight`](crate::fit::negative_weight) times, as in their calibration. It is searched in
//! [`LOWEST`, `HIGHEST`] for the labels whose score combines lexicon and model, so that
//! the lexicon keeps its meaning: a strong hit (0.8) still passes and a single mild hit (0.3) does not.

use crate::metrics::{self, Confusion};
use crate::scoring::{pairs, Scored};
use moderato::Label;

pub const LOWEST: f32 = 0.35;
pub const HIGHEST: f32 = 0.80;

/// Where the threshold of `label` is searched. Toxicity's score is the model's alone (the lexicon
/// does not enter it), so its range reaches higher; it starts at the same floor, because a model
/// that flags a toxicity below 0.35 flags on weak evidence, and innocent messages (`хлебал суп`)
/// scored just above 0.3.
pub fn range(label: Label) -> (f32, f32) {
    if label == Label::Toxicity {
        (LOWEST, 0.95)
    } else {
        (LOWEST, HIGHEST)
    }
}

/// A dataset takes part in the choice only with at least this many of each class.
const MIN_CLASS: usize = 20;

/// The objective at threshold `t`, negatives counted `negative_weight` times.
fn objective(label: Label, per_dataset: &[Vec<(f32, bool)>], t: f32, negative_weight: f64) -> f64 {
    let figures: Vec<f64> = per_dataset
        .iter()
        .map(|d| {
            let c = Confusion::at(d, t);
            // Counts with every negative weighing `negative_weight`.
            let (tp, fn_) = (c.tp as f64, c.fn_ as f64);
            let (fp, tn) = (c.fp as f64 * negative_weight, c.tn as f64 * negative_weight);
            let f1 = |tp: f64, fp: f64, fn_: f64| {
                if tp == 0.0 {
                    0.0
                } else {
                    2.0 * tp / (2.0 * tp + fp + fn_)
                }
            };
            if label == Label::Toxicity {
                (f1(tp, fp, fn_) + f1(tn, fn_, fp)) / 2.0
            } else {
                f1(tp, fp, fn_)
            }
        })
        .collect();
    figures.iter().sum::<f64>() / figures.len() as f64
}

/// The best threshold for `label` on the step-0.01 grid, or `None` if no dataset qualifies.
pub fn choose(
    scored: &[Scored],
    datasets: usize,
    label: Label,
    negative_weight: f64,
) -> Option<f32> {
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
    let (lo, hi) = range(label);
    let (lo, hi) = ((lo * 100.0).round() as i32, (hi * 100.0).round() as i32);
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
