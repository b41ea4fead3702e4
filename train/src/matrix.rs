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
        for (i, text) in texts.enumerate() {
            classifier.featurize(text, &mut features);
            for f in features.iter_mut() {
                *f &= mask;
            }
            features.sort_unstable();
            let row_start = m.buckets.len();
            let mut sum_of_squares = 0u64;
            let mut j = 0;
            while j < features.len() {
                let b = features[j];
                let mut k = j;
                while k < features.len() && features[k] == b {
                    k += 1;
                }
                m.buckets.push(b);
                m.values.push((k - j) as f32);
                sum_of_squares += ((k - j) as u64).pow(2);
                j = k;
            }
            // Counts times the core's feature value: what the model sums at inference.
            let value = moderato::feature_value(sum_of_squares);
            for v in &mut m.values[row_start..] {
                *v *= value;
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
