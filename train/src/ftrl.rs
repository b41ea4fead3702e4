//! Multi-head logistic regression fitted by FTRL-Proximal (per-coordinate adaptive learning
//! rates, L1 and L2), one pass over the examples at a time, single-threaded.
//!
//! Why FTRL: its L1 term sets most hashed weights exactly to zero, which keeps the quantised model
//! file compressible, and per-coordinate rates suit features as unevenly frequent as n-grams.
//! Why single-threaded: the same seed must give the same bytes; the float operations run in one
//! fixed order.

use crate::matrix::Matrix;
use crate::progress;
use crate::rng::Rng;

/// Learning settings. The defaults are the shipped model's (see the model card).
#[derive(Clone, Copy, Debug)]
pub struct Params {
    pub alpha: f64,
    pub beta: f64,
    pub l1: f64,
    pub l2: f64,
    /// L2 of the per-dataset intercepts: large keeps them small (they absorb only part of each
    /// dataset's base rate, and the shared weights still learn that benign sources are benign).
    pub domain_l2: f64,
    pub epochs: usize,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            alpha: 0.3,
            beta: 1.0,
            l1: 0.1,
            l2: 3.0,
            domain_l2: 3000.0,
            epochs: 10,
        }
    }
}

/// What one example teaches: per head `1` positive, `0` negative, `-1` unknown.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    pub heads: [i8; MAX_HEADS],
    /// The example's dataset: each dataset gets its own intercept during training (see [`Ftrl`]).
    pub dataset: u16,
    /// How much the example counts: its dataset's weight, which scales its gradient.
    pub weight: f64,
}

pub const MAX_HEADS: usize = 7;

/// The learner's state: FTRL's `z` and `n` per (bucket, head), bucket-major, plus unregularised
/// per-head intercepts.
///
/// During training each (dataset, head) also has an intercept of its own, which the model file does
/// not keep. The datasets' base rates differ wildly (83% of Davidson's tweets are offensive, 33%
/// of OLID's); without these intercepts the words typical of a dataset would learn its base rate.
pub struct Ftrl {
    heads: usize,
    params: Params,
    z: Vec<f64>,
    n: Vec<f64>,
    bias_z: Vec<f64>,
    bias_n: Vec<f64>,
    /// `[dataset * heads + head]`.
    domain_z: Vec<f64>,
    domain_n: Vec<f64>,
}

impl Ftrl {
    pub fn new(buckets: usize, heads: usize, datasets: usize, params: Params) -> Ftrl {
        assert!(heads <= MAX_HEADS);
        Ftrl {
            heads,
            params,
            z: vec![0.0; buckets * heads],
            n: vec![0.0; buckets * heads],
            bias_z: vec![0.0; heads],
            bias_n: vec![0.0; heads],
            domain_z: vec![0.0; datasets * heads],
            domain_n: vec![0.0; datasets * heads],
        }
    }

    fn weight(&self, z: f64, n: f64, l1: f64, l2: f64) -> f64 {
        if z.abs() <= l1 {
            0.0
        } else {
            -(z - z.signum() * l1) / ((self.params.beta + n.sqrt()) / self.params.alpha + l2)
        }
    }

    /// Fits `epochs` passes over `rows` of `matrix`, shuffled with `seed` anew each pass.
    pub fn fit(&mut self, matrix: &Matrix, rows: &[usize], targets: &[Target], seed: u64) {
        let mut order = rows.to_vec();
        let mut rng = Rng::new(seed);
        let mut cached: Vec<f64> = Vec::new();
        for epoch in 0..self.params.epochs {
            rng.shuffle(&mut order);
            let pb = progress::bar(
                order.len(),
                &format!("training epoch {}/{}", epoch + 1, self.params.epochs),
            );
            for (k, &i) in order.iter().enumerate() {
                self.step(matrix, i, &targets[i], &mut cached);
                if k % 4096 == 0 {
                    pb.set_position(k as u64);
                }
            }
            pb.finish_and_clear();
        }
    }

    /// One FTRL update on example `i` for every head it has a target for.
    #[allow(clippy::needless_range_loop)] // heads index several parallel arrays
    fn step(&mut self, matrix: &Matrix, i: usize, target: &Target, cached: &mut Vec<f64>) {
        let (buckets, values) = matrix.row(i);
        let h = self.heads;
        let Params {
            alpha,
            l1,
            l2,
            domain_l2,
            ..
        } = self.params;
        // Margins, remembering each weight for the update.
        let mut margin = [0.0f64; MAX_HEADS];
        let domain = target.dataset as usize * h;
        for head in 0..h {
            margin[head] = self.weight(self.bias_z[head], self.bias_n[head], 0.0, 0.0)
                + self.weight(
                    self.domain_z[domain + head],
                    self.domain_n[domain + head],
                    0.0,
                    domain_l2,
                );
        }
        cached.clear();
        for (&b, &x) in buckets.iter().zip(values) {
            let at = b as usize * h;
            for head in 0..h {
                let w = if target.heads[head] < 0 {
                    0.0
                } else {
                    self.weight(self.z[at + head], self.n[at + head], l1, l2)
                };
                margin[head] += w * f64::from(x);
                cached.push(w);
            }
        }
        // Gradient of the log loss with respect to the margin, per head.
        let mut grad = [0.0f64; MAX_HEADS];
        for head in 0..h {
            if target.heads[head] >= 0 {
                let p = 1.0 / (1.0 + (-margin[head].clamp(-35.0, 35.0)).exp());
                grad[head] = (p - f64::from(target.heads[head])) * target.weight;
            }
        }
        for head in 0..h {
            if target.heads[head] >= 0 {
                let w = self.weight(self.bias_z[head], self.bias_n[head], 0.0, 0.0);
                update(
                    &mut self.bias_z[head],
                    &mut self.bias_n[head],
                    grad[head],
                    w,
                    alpha,
                );
                let at = domain + head;
                let w = self.weight(self.domain_z[at], self.domain_n[at], 0.0, domain_l2);
                update(
                    &mut self.domain_z[at],
                    &mut self.domain_n[at],
                    grad[head],
                    w,
                    alpha,
                );
            }
        }
        for (e, (&b, &x)) in buckets.iter().zip(values).enumerate() {
            let at = b as usize * h;
            for head in 0..h {
                if target.heads[head] >= 0 {
                    let g = grad[head] * f64::from(x);
                    update(
                        &mut self.z[at + head],
                        &mut self.n[at + head],
                        g,
                        cached[e * h + head],
                        alpha,
                    );
                }
            }
        }
    }

    /// The weights, bucket-major (`[bucket * heads + head]`).
    pub fn weights(&self) -> Vec<f64> {
        let Params { l1, l2, .. } = self.params;
        self.z
            .iter()
            .zip(&self.n)
            .map(|(&z, &n)| self.weight(z, n, l1, l2))
            .collect()
    }

    /// The per-head intercepts.
    pub fn biases(&self) -> Vec<f64> {
        (0..self.heads)
            .map(|h| self.weight(self.bias_z[h], self.bias_n[h], 0.0, 0.0))
            .collect()
    }
}

fn update(z: &mut f64, n: &mut f64, g: f64, w: f64, alpha: f64) {
    let sigma = ((*n + g * g).sqrt() - n.sqrt()) / alpha;
    *z += g - sigma * w;
    *n += g * g;
}
