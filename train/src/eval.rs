//! `eval`: per-label figures of a classifier on the validation splits or on any labeled file.

use crate::corpus::Corpus;
use crate::datasets::Dataset;
use crate::example::Example;
use crate::report::{self, Row};
use crate::scoring;
use crate::split::Side;
use moderato::{Classifier, Label};
use std::path::{Path, PathBuf};

/// Which model the evaluated classifier uses.
#[derive(Clone, Debug)]
pub enum ModelSource {
    /// A model file.
    File(PathBuf),
    /// No model: the word-list baseline.
    Without,
}

/// The classifier to evaluate: the library's defaults with the chosen model.
pub fn classifier(source: &ModelSource) -> Result<Classifier, String> {
    let mut b = Classifier::builder();
    match source {
        ModelSource::File(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            b.model_bytes(&bytes);
        }
        ModelSource::Without => {
            b.without_model();
        }
    }
    b.build().map_err(|e| e.to_string())
}

/// Figures on the validation side of `datasets` (all if empty), for the labels `labels`.
/// With `model_only`, the model's probabilities without the lexicon (a diagnostic).
pub fn validation(
    classifier: &Classifier,
    data: &Path,
    datasets: &[&'static Dataset],
    seed: u64,
    labels: &[Label],
    model_only: bool,
) -> Result<Vec<Row>, String> {
    let corpus = Corpus::load(data, datasets, seed)?;
    let val = corpus.indices(Side::Validation);
    let scored = if model_only {
        scoring::score_model_only(classifier, &corpus.examples, &corpus.dataset, &val)
    } else {
        scoring::score(classifier, &corpus.examples, &corpus.dataset, &val)
    };
    let names: Vec<&str> = corpus.datasets.iter().map(|d| d.name).collect();
    Ok(report::rows(&scored, &names, labels, |l| {
        classifier.threshold(l)
    }))
}

/// Figures on every example of a labeled file, named `name` in the table.
pub fn file(
    classifier: &Classifier,
    examples: &[Example],
    name: &str,
    labels: &[Label],
) -> Vec<Row> {
    let rows: Vec<usize> = (0..examples.len()).collect();
    let dataset = vec![0; examples.len()];
    let scored = scoring::score(classifier, examples, &dataset, &rows);
    let mut out = report::rows(&scored, &[name], labels, |l| classifier.threshold(l));
    out.retain(|r| r.dataset != "all");
    out
}
