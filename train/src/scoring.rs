//! Runs a classifier over examples and keeps, per example, every label's score and what the
//! example's source says about each label.

use crate::example::{Example, Targets};
use crate::progress;
use moderato::{Classifier, Label};

/// One message as the classifier scored it.
#[derive(Clone, Copy, Debug)]
pub struct Scored {
    /// Index of the message's dataset (into the caller's list of dataset names).
    pub dataset: usize,
    pub scores: [f32; Label::COUNT],
    pub targets: Targets,
}

/// Scores `rows` of `examples` with `classifier` (the shipped path: lexicon and model combined).
pub fn score(
    classifier: &Classifier,
    examples: &[Example],
    dataset: &[usize],
    rows: &[usize],
) -> Vec<Scored> {
    let pb = progress::bar(rows.len(), "scoring");
    let texts: Vec<&str> = rows.iter().map(|&i| examples[i].text.as_str()).collect();
    let mut out = Vec::with_capacity(rows.len());
    for (chunk_rows, chunk_texts) in rows.chunks(1024).zip(texts.chunks(1024)) {
        for (&i, verdict) in chunk_rows
            .iter()
            .zip(classifier.classify_batch(chunk_texts))
        {
            out.push(Scored {
                dataset: dataset[i],
                scores: *verdict.scores.as_array(),
                targets: examples[i].targets,
            });
        }
        pb.inc(chunk_rows.len() as u64);
    }
    pb.finish_and_clear();
    out
}

/// Scores `rows` with the classifier's model alone (no lexicon maximum): for diagnostics.
/// Labels without a head score 0.
pub fn score_model_only(
    classifier: &Classifier,
    examples: &[Example],
    dataset: &[usize],
    rows: &[usize],
) -> Vec<Scored> {
    let Some(model) = classifier.model() else {
        return score(classifier, examples, dataset, rows);
    };
    let mut features = Vec::new();
    rows.iter()
        .map(|&i| {
            classifier.featurize(&examples[i].text, &mut features);
            let mut scores = [0.0f32; Label::COUNT];
            for (s, p) in scores.iter_mut().zip(model.probabilities(&features)) {
                *s = p.unwrap_or(0.0);
            }
            Scored {
                dataset: dataset[i],
                scores,
                targets: examples[i].targets,
            }
        })
        .collect()
}

/// Scores that decide flagging the same way as the shipped ones, for choosing thresholds: for
/// each label with a head, the model's probability, raised to the lexicon's score (`bare`'s) for
/// the flagging labels. A combined score passes any threshold exactly when this one does.
pub fn score_decisive(
    classifier: &Classifier,
    bare: &Classifier,
    examples: &[Example],
    dataset: &[usize],
    rows: &[usize],
) -> Vec<Scored> {
    let mut model_only = score_model_only(classifier, examples, dataset, rows);
    let lexicon = score(bare, examples, dataset, rows);
    let heads = classifier.model().map(|m| m.heads()).unwrap_or_default();
    for (m, l) in model_only.iter_mut().zip(&lexicon) {
        for label in Label::ALL {
            let i = label.index();
            let has_head = heads.iter().any(|h| h.label == label);
            m.scores[i] = if !has_head {
                l.scores[i]
            } else if label == Label::Toxicity {
                m.scores[i]
            } else {
                m.scores[i].max(l.scores[i])
            };
        }
    }
    model_only
}

/// `(score, is_positive)` of `label` for the messages of `dataset` (all datasets if `None`)
/// whose source says something about `label`.
pub fn pairs(scored: &[Scored], label: Label, dataset: Option<usize>) -> Vec<(f32, bool)> {
    scored
        .iter()
        .filter(|s| dataset.is_none_or(|d| s.dataset == d))
        .filter_map(|s| s.targets.get(label).map(|y| (s.scores[label.index()], y)))
        .collect()
}
