//! `fit`: trains the model on the training side of every dataset, calibrates it and chooses its
//! thresholds on the validation side, and writes the model file. Same data and settings, same bytes.

use crate::corpus::Corpus;
use crate::ftrl::{Ftrl, Params, Target, MAX_HEADS};
use crate::matrix::Matrix;
use crate::scoring;
use crate::split::Side;
use crate::{platt, progress, report, threshold};
use moderato::{Classifier, Label, Model, ModelHead};
use std::path::PathBuf;

/// The labels that get a head, in file order. The others (severe_toxicity, profanity,
/// extremism) have no training data that fits them and stay with the lexicon.
pub const HEADS: [Label; 4] = [
    Label::Toxicity,
    Label::Insult,
    Label::IdentityAttack,
    Label::Threat,
];

/// Bucket bits of the shipped model.
pub const BITS: u8 = 18;

/// Everything `fit` depends on besides the data and the core library.
#[derive(Clone, Debug)]
pub struct Settings {
    pub data: PathBuf,
    pub out: PathBuf,
    pub seed: u64,
    pub bits: u8,
    pub params: Params,
    /// Train on this fraction of the training side (1 in `sample`); 1 keeps all. For quick checks.
    pub sample: u64,
}

/// The result of a fit: the model and its validation figures.
pub struct Fitted {
    pub model: Model,
    pub rows: Vec<report::Row>,
}

/// Fits, calibrates, chooses thresholds; does not write anything.
pub fn fit(s: &Settings, corpus: &Corpus) -> Result<Fitted, String> {
    let base = Classifier::builder()
        .without_model()
        .build()
        .map_err(|e| e.to_string())?;
    let mut train = corpus.indices(Side::Train);
    if s.sample > 1 {
        train.retain(|&i| {
            crate::split::hash(corpus.examples[i].key.as_bytes(), s.seed ^ 0x5a)
                .is_multiple_of(s.sample)
        });
    }
    let val = corpus.indices(Side::Validation);
    eprintln!(
        "{} training and {} validation messages",
        train.len(),
        val.len()
    );

    let matrix = Matrix::build(
        &base,
        corpus.examples.iter().map(|e| e.text.as_str()),
        s.bits,
    );
    eprintln!("{} feature entries", matrix.entries());
    let targets: Vec<Target> = corpus
        .examples
        .iter()
        .zip(&corpus.dataset)
        .map(|(e, &d)| {
            let mut heads = [-1i8; MAX_HEADS];
            for (h, &label) in HEADS.iter().enumerate() {
                heads[h] = e.targets.get(label).map_or(-1, i8::from);
            }
            Target {
                heads,
                dataset: d as u16,
                weight: corpus.datasets[d].weight,
            }
        })
        .collect();

    let mut ftrl = Ftrl::new(1 << s.bits, HEADS.len(), corpus.datasets.len(), s.params);
    ftrl.fit(&matrix, &train, &targets, s.seed);
    let uncalibrated = quantise(s.bits, &ftrl.weights(), &ftrl.biases())?;

    // Platt scaling on the validation margins of the quantised model, through the core's own path.
    let mut features = Vec::new();
    let mut margins: Vec<Vec<(f32, bool)>> = vec![Vec::new(); HEADS.len()];
    let pb = progress::bar(val.len(), "calibrating");
    for &i in &val {
        base.featurize(&corpus.examples[i].text, &mut features);
        let m = uncalibrated.margins(&features);
        for (h, &label) in HEADS.iter().enumerate() {
            if let Some(y) = corpus.examples[i].targets.get(label) {
                margins[h].push((m[label.index()], y));
            }
        }
        pb.inc(1);
    }
    pb.finish_and_clear();
    let mut heads: Vec<ModelHead> = uncalibrated.heads().to_vec();
    for (head, data) in heads.iter_mut().zip(&margins) {
        (head.platt_a, head.platt_b) = platt::fit(data, negative_weight(head.label));
    }
    let calibrated = with_heads(&uncalibrated, heads.clone())?;

    // Thresholds on the shipped path. A flagging label's combined score passes a threshold `t`
    // exactly when the lexicon's score or the model's probability does (see `moderato`'s
    // `combine`), so the choice is made on the larger of the two, which does not depend on `t`.
    let classifier = Classifier::builder()
        .model_bytes(&calibrated.to_bytes())
        .build()
        .map_err(|e| e.to_string())?;
    let decisive =
        scoring::score_decisive(&classifier, &base, &corpus.examples, &corpus.dataset, &val);
    for head in heads.iter_mut() {
        head.threshold = threshold::choose(
            &decisive,
            corpus.datasets.len(),
            head.label,
            negative_weight(head.label),
        )
        .unwrap_or(moderato::DEFAULT_THRESHOLD);
    }
    let model = with_heads(&calibrated, heads)?;
    let shipped = Classifier::builder()
        .model_bytes(&model.to_bytes())
        .build()
        .map_err(|e| e.to_string())?;
    let scored = scoring::score(&shipped, &corpus.examples, &corpus.dataset, &val);
    let names: Vec<&str> = corpus.datasets.iter().map(|d| d.name).collect();
    let rows = report::rows(&scored, &names, &HEADS, |l| {
        model
            .head(l)
            .map_or(moderato::DEFAULT_THRESHOLD, |h| h.threshold)
    });
    Ok(Fitted { model, rows })
}

/// How many times a validation negative counts when calibrating a head and choosing its
/// threshold. The validation data is sampled rich in harm (a fifth of it is hate speech, 43% of it
/// toxic); a chat stream is not, and a wrongly flagged message costs more than a missed one (which
/// the lexicon may still catch). So the labels that flag under the default policy are calibrated
/// as if they were ten times rarer, which makes the model flag them only on strong evidence, and
/// toxicity (flagged only under the strict policy) as if it were twice as rare.
pub fn negative_weight(label: Label) -> f64 {
    if label == Label::Toxicity {
        2.0
    } else {
        10.0
    }
}

/// Int8 weights with one scale per head: the largest weight of a head maps to ±127.
fn quantise(bits: u8, weights: &[f64], biases: &[f64]) -> Result<Model, String> {
    let h = HEADS.len();
    let mut scales = vec![0f32; h];
    for (head, scale) in scales.iter_mut().enumerate() {
        let max = weights
            .iter()
            .skip(head)
            .step_by(h)
            .fold(0.0f64, |m, w| m.max(w.abs()));
        *scale = if max > 0.0 { (max / 127.0) as f32 } else { 1.0 };
    }
    let q: Vec<i8> = weights
        .iter()
        .enumerate()
        .map(|(i, &w)| (w / f64::from(scales[i % h])).round().clamp(-127.0, 127.0) as i8)
        .collect();
    let heads = HEADS
        .iter()
        .zip(biases)
        .zip(&scales)
        .map(|((&label, &bias), &scale)| ModelHead {
            label,
            bias: bias as f32,
            scale,
            platt_a: 1.0,
            platt_b: 0.0,
            threshold: moderato::DEFAULT_THRESHOLD,
        })
        .collect();
    Model::from_parts(bits, heads, q).map_err(|e| e.to_string())
}

/// `model` with other head parameters (same labels, same weights).
fn with_heads(model: &Model, heads: Vec<ModelHead>) -> Result<Model, String> {
    let h = model.heads().len();
    let weights = (0..(1usize << model.bits()) * h)
        .map(|i| model.weight(i / h, i % h))
        .collect();
    Model::from_parts(model.bits(), heads, weights).map_err(|e| e.to_string())
}
