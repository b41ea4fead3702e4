//! Featurised messages as sparse rows of `(bucket, value)`, built with the classifier's own
//! feature path ([`moderato::Classifier::featurize`]) so training sees what inference sees.

use crate::progress;
use moderato::Classifier;

/// One row per message: its distinct buckets in increasing order, each with its summed value.
pub struct Matrix {
    offsets: Vec<usize>,
    buckets: Vec<u32>,
    values: Vec<f32>,
}

impl Matrix {
    /// Featurises `texts`, keeping the low `bits` bits of each feature hash as its bucket.
    /// A bucket occurring k times in a message gets k times the message's feature value,
    /// exactly as the model sums it at inference.
    pub fn build<'a>(
        classifier: &Classifier,
        texts: impl ExactSizeIterator<Item = &'a str>,
        bits: u8,
    ) -> Matrix {
        let mask = (1u32 << bits) - 1;
        let pb = progress::bar(texts.len(), "featurising");
        let mut m = Matrix {
            offsets: vec![0],
            buckets: Vec::new(),
            values: Vec::new(),
        };
        let mut features = Vec::new();
        let mut counts = moderato::BucketCounts::default();
        for (i, text) in texts.enumerate() {
            classifier.featurize(text, &mut features);
            // The feature value exactly as the model computes it at inference.
            let value = moderato::feature_value(counts.sum_of_squares(&features, mask));
            for f in features.iter_mut() {
                *f &= mask;
            }
            features.sort_unstable();
            for run in features.chunk_by(|a, b| a == b) {
                m.buckets.push(run[0]);
                m.values.push(value * run.len() as f32);
            }
            m.offsets.push(m.buckets.len());
            if i % 1024 == 0 {
                pb.set_position(i as u64);
            }
        }
        pb.finish_and_clear();
        m
    }

    /// The buckets and values of row `i`.
    pub fn row(&self, i: usize) -> (&[u32], &[f32]) {
        let (a, b) = (self.offsets[i], self.offsets[i + 1]);
        (&self.buckets[a..b], &self.values[a..b])
    }

    /// Stored entries (for reporting).
    pub fn entries(&self) -> usize {
        self.buckets.len()
    }
}
