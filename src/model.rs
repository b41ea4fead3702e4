//! The learned model: one logistic head per label over the hashed features of
//! [`features`](crate::features), stored in a small versioned binary format.
//!
//! File layout (little-endian):
//!
//! | bytes | what |
//! |---|---|
//! | 4 | magic `MDRT` |
//! | 2 | format version ([`Model::FORMAT_VERSION`]) |
//! | 2 | feature version: the [`features`](crate::features) extraction the weights were trained on |
//! | 1 | bucket bits `b` (a feature's bucket is the low `b` bits of its hash) |
//! | 1 | number of heads `h` (1 to 7) |
//! | 2 | reserved, zero |
//! | 24 × h | per head: label id (1 byte), 3 zero bytes, bias, weight scale, Platt a, Platt b, threshold (f32 each) |
//! | 2^b × h | int8 weights, bucket-major: the `h` weights of one bucket are adjacent, so one feature's heads share a cache line |
//! | 4 | CRC-32 of everything before it |
//!
//! The file holds numbers only: no text of the data it was trained on.

use crate::features::{self, BucketCounts};
use crate::label::Label;
use core::fmt;
use std::borrow::Cow;

const MAGIC: [u8; 4] = *b"MDRT";
const HEADER_LEN: usize = 12;
const HEAD_LEN: usize = 24;
const CRC_LEN: usize = 4;
const MIN_BITS: u8 = 4;
const MAX_BITS: u8 = 24;

/// The model embedded in the library.
pub(crate) const EMBEDDED: &[u8] = include_bytes!("../model/moderato.model");

/// One label's logistic head. Its probability for a message is
/// `sigmoid(platt_a * margin + platt_b)`, where
/// `margin = bias + scale * feature_value(sum of k²) * (sum of the int8 weights of the message's features)`,
/// where bucket `b` occurs `k_b` times among them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelHead {
    /// The label the head scores.
    pub label: Label,
    /// The head's intercept.
    pub bias: f32,
    /// What one step of an int8 weight is worth (> 0).
    pub scale: f32,
    /// Platt calibration slope, fitted on validation data.
    pub platt_a: f32,
    /// Platt calibration intercept.
    pub platt_b: f32,
    /// The probability at or above which the label counts as present unless the user sets another
    /// threshold; chosen on validation data. In `[0, 1]`.
    pub threshold: f32,
}

/// A learned model, validated. Built from bytes with [`Model::from_bytes`]; the classifier
/// embeds one (see [`ClassifierBuilder::model_bytes`](crate::ClassifierBuilder::model_bytes)).
#[derive(Clone, PartialEq)]
pub struct Model {
    bits: u8,
    heads: Vec<ModelHead>,
    /// int8 weights stored as bytes; borrowed for the embedded model, owned otherwise.
    weights: Cow<'static, [u8]>,
}

/// Why bytes are not a valid model. The message says what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError {
    message: String,
}

impl ModelError {
    fn new(message: impl Into<String>) -> ModelError {
        ModelError {
            message: message.into(),
        }
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid model: {}", self.message)
    }
}

impl std::error::Error for ModelError {}

impl fmt::Debug for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Model")
            .field("bits", &self.bits)
            .field("heads", &self.heads)
            .field("weights", &format_args!("[{} bytes]", self.weights.len()))
            .finish()
    }
}

impl Model {
    /// The version of the file format this build reads and writes.
    pub const FORMAT_VERSION: u16 = 1;

    /// Validates and copies a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let (bits, heads, range) = parse(bytes, true)?;
        Ok(Model {
            bits,
            heads,
            weights: Cow::Owned(bytes[range].to_vec()),
        })
    }

    /// Validates a model file that lives for the whole program, without copying its weights.
    pub fn from_static(bytes: &'static [u8]) -> Result<Model, ModelError> {
        Model::borrowing(bytes, true)
    }

    /// The model embedded in the library. Its checksum is not computed at run time (a megabyte of
    /// CRC, 7% of building a classifier): the bytes are part of the program, and the test
    /// `embedded_model_is_valid_and_corruption_is_caught` checks them. Everything else is checked.
    pub(crate) fn embedded() -> Result<Model, ModelError> {
        Model::borrowing(EMBEDDED, false)
    }

    fn borrowing(bytes: &'static [u8], check_crc: bool) -> Result<Model, ModelError> {
        let (bits, heads, range) = parse(bytes, check_crc)?;
        Ok(Model {
            bits,
            heads,
            weights: Cow::Borrowed(&bytes[range]),
        })
    }

    /// Builds a model from its parts (used by the trainer). `weights` is bucket-major:
    /// `weights[bucket * heads.len() + head]`, `2^bits` buckets.
    pub fn from_parts(
        bits: u8,
        heads: Vec<ModelHead>,
        weights: Vec<i8>,
    ) -> Result<Model, ModelError> {
        check_shape(bits, heads.len())?;
        let want = (1usize << bits) * heads.len();
        if weights.len() != want {
            return Err(ModelError::new(format!(
                "{} weights, expected {want}",
                weights.len()
            )));
        }
        check_heads(&heads)?;
        let weights = weights.into_iter().map(|w| w as u8).collect();
        Ok(Model {
            bits,
            heads,
            weights: Cow::Owned(weights),
        })
    }

    /// The model file: parsing it with [`from_bytes`](Self::from_bytes) gives this model back.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            HEADER_LEN + HEAD_LEN * self.heads.len() + self.weights.len() + CRC_LEN,
        );
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&Model::FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&features::VERSION.to_le_bytes());
        out.push(self.bits);
        out.push(self.heads.len() as u8);
        out.extend_from_slice(&[0, 0]);
        for h in &self.heads {
            out.extend_from_slice(&[h.label.index() as u8, 0, 0, 0]);
            for v in [h.bias, h.scale, h.platt_a, h.platt_b, h.threshold] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend_from_slice(&self.weights);
        let crc = crc32(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        out
    }

    /// Bucket bits: a feature's bucket is the low `bits` bits of its hash.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// The heads, in file order.
    pub fn heads(&self) -> &[ModelHead] {
        &self.heads
    }

    /// The head scoring `label`, if the model has one.
    pub fn head(&self, label: Label) -> Option<&ModelHead> {
        self.heads.iter().find(|h| h.label == label)
    }

    /// The int8 weight of `head` (index into [`heads`](Self::heads)) for `bucket`.
    pub fn weight(&self, bucket: usize, head: usize) -> i8 {
        self.weights[bucket * self.heads.len() + head] as i8
    }

    /// Each head's uncalibrated margin for a message's features, indexed by label
    /// (0 for labels without a head).
    pub fn margins(&self, features: &[u32]) -> [f32; Label::COUNT] {
        self.margins_with(features, &mut BucketCounts::default())
    }

    /// [`margins`](Self::margins) with the caller's counting table (no allocation once grown).
    pub fn margins_with(&self, features: &[u32], counts: &mut BucketCounts) -> [f32; Label::COUNT] {
        let mask = (1usize << self.bits) - 1;
        let w = &self.weights;
        // One fixed-size loop per head count, so the compiler unrolls it.
        let sums = match self.heads.len() {
            1 => sums::<1>(w, mask, features),
            2 => sums::<2>(w, mask, features),
            3 => sums::<3>(w, mask, features),
            4 => sums::<4>(w, mask, features),
            5 => sums::<5>(w, mask, features),
            6 => sums::<6>(w, mask, features),
            _ => sums::<7>(w, mask, features),
        };
        let value = features::feature_value(counts.sum_of_squares(features, mask as u32));
        let mut out = [0.0f32; Label::COUNT];
        for (head, &sum) in self.heads.iter().zip(&sums) {
            out[head.label.index()] = head.bias + head.scale * value * sum as f32;
        }
        out
    }

    /// Each head's calibrated probability for a message's features, indexed by label
    /// (`None` for labels without a head).
    pub fn probabilities(&self, features: &[u32]) -> [Option<f32>; Label::COUNT] {
        self.probabilities_with(features, &mut BucketCounts::default())
    }

    /// [`probabilities`](Self::probabilities) with the caller's counting table.
    pub fn probabilities_with(
        &self,
        features: &[u32],
        counts: &mut BucketCounts,
    ) -> [Option<f32>; Label::COUNT] {
        let margins = self.margins_with(features, counts);
        let mut out = [None; Label::COUNT];
        for head in &self.heads {
            let z = head.platt_a * margins[head.label.index()] + head.platt_b;
            out[head.label.index()] = Some(1.0 / (1.0 + (-z).exp()));
        }
        out
    }
}

/// Per head, the sum of the int8 weights of the features' buckets (`H` heads, bucket-major).
fn sums<const H: usize>(weights: &[u8], mask: usize, features: &[u32]) -> [i32; Label::COUNT] {
    let mut sums = [0i32; Label::COUNT];
    for &f in features {
        let at = (f as usize & mask) * H;
        if let Some(row) = weights.get(at..at + H) {
            for k in 0..H {
                sums[k] += i32::from(row[k] as i8);
            }
        }
    }
    sums
}

fn check_shape(bits: u8, heads: usize) -> Result<(), ModelError> {
    if !(MIN_BITS..=MAX_BITS).contains(&bits) {
        return Err(ModelError::new(format!(
            "bucket bits {bits} outside {MIN_BITS}..={MAX_BITS}"
        )));
    }
    if heads == 0 || heads > Label::COUNT {
        return Err(ModelError::new(format!(
            "{heads} heads, expected 1 to {}",
            Label::COUNT
        )));
    }
    Ok(())
}

fn check_heads(heads: &[ModelHead]) -> Result<(), ModelError> {
    for (i, h) in heads.iter().enumerate() {
        if heads[..i].iter().any(|o| o.label == h.label) {
            return Err(ModelError::new(format!("two heads for {}", h.label)));
        }
        let values = [
            ("bias", h.bias),
            ("scale", h.scale),
            ("platt_a", h.platt_a),
            ("platt_b", h.platt_b),
        ];
        for (name, v) in values {
            if !v.is_finite() {
                return Err(ModelError::new(format!(
                    "{} head: {name} is not finite",
                    h.label
                )));
            }
        }
        if h.scale <= 0.0 {
            return Err(ModelError::new(format!(
                "{} head: scale must be positive",
                h.label
            )));
        }
        if !(0.0..=1.0).contains(&h.threshold) {
            return Err(ModelError::new(format!(
                "{} head: threshold outside [0, 1]",
                h.label
            )));
        }
    }
    Ok(())
}

/// Checks everything (the checksum only if `check_crc`) and returns the bucket bits, the heads and
/// where the weights are.
fn parse(
    bytes: &[u8],
    check_crc: bool,
) -> Result<(u8, Vec<ModelHead>, core::ops::Range<usize>), ModelError> {
    if bytes.len() < HEADER_LEN + CRC_LEN {
        return Err(ModelError::new(format!(
            "{} bytes is too short for a header",
            bytes.len()
        )));
    }
    if bytes[0..4] != MAGIC {
        return Err(ModelError::new("not a moderato model (bad magic)"));
    }
    let version = u16::from_le_bytes([bytes[4], bytes[5]]);
    if version != Model::FORMAT_VERSION {
        return Err(ModelError::new(format!(
            "format version {version}, this build reads {}",
            Model::FORMAT_VERSION
        )));
    }
    let feature_version = u16::from_le_bytes([bytes[6], bytes[7]]);
    if feature_version != features::VERSION {
        return Err(ModelError::new(format!(
            "trained on feature version {feature_version}, this build extracts version {}",
            features::VERSION
        )));
    }
    let (bits, count) = (bytes[8], bytes[9] as usize);
    check_shape(bits, count)?;
    if bytes[10..12] != [0, 0] {
        return Err(ModelError::new("reserved header bytes are not zero"));
    }
    let weights_at = HEADER_LEN + HEAD_LEN * count;
    let weights_len = (1usize << bits) * count;
    let want = weights_at + weights_len + CRC_LEN;
    if bytes.len() != want {
        return Err(ModelError::new(format!(
            "{} bytes, expected {want}",
            bytes.len()
        )));
    }
    let (body, crc) = bytes.split_at(want - CRC_LEN);
    if check_crc && crc32(body).to_le_bytes() != crc {
        return Err(ModelError::new("checksum mismatch (corrupt file)"));
    }
    let mut heads = Vec::with_capacity(count);
    for i in 0..count {
        let at = HEADER_LEN + HEAD_LEN * i;
        let h = &bytes[at..at + HEAD_LEN];
        let label = *Label::ALL
            .get(h[0] as usize)
            .ok_or_else(|| ModelError::new(format!("head {i}: unknown label id {}", h[0])))?;
        if h[1..4] != [0, 0, 0] {
            return Err(ModelError::new(format!(
                "head {i}: reserved bytes are not zero"
            )));
        }
        let f =
            |k: usize| f32::from_le_bytes([h[4 + 4 * k], h[5 + 4 * k], h[6 + 4 * k], h[7 + 4 * k]]);
        heads.push(ModelHead {
            label,
            bias: f(0),
            scale: f(1),
            platt_a: f(2),
            platt_b: f(3),
            threshold: f(4),
        });
    }
    check_heads(&heads)?;
    Ok((bits, heads, weights_at..weights_at + weights_len))
}

/// CRC-32 (IEEE 802.3, reflected), table-driven, eight bytes a step ("slicing by 8": the model
/// is checked on every classifier build, so this is part of start-up time).
fn crc32(bytes: &[u8]) -> u32 {
    const TABLES: [[u32; 256]; 8] = {
        let mut t = [[0u32; 256]; 8];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
                k += 1;
            }
            t[0][i] = c;
            i += 1;
        }
        let mut i = 0;
        while i < 256 {
            let mut k = 1;
            while k < 8 {
                let prev = t[k - 1][i];
                t[k][i] = (prev >> 8) ^ t[0][(prev & 0xff) as usize];
                k += 1;
            }
            i += 1;
        }
        t
    };
    let mut crc = !0u32;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let lo = crc ^ u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        crc = TABLES[7][(lo & 0xff) as usize]
            ^ TABLES[6][((lo >> 8) & 0xff) as usize]
            ^ TABLES[5][((lo >> 16) & 0xff) as usize]
            ^ TABLES[4][(lo >> 24) as usize]
            ^ TABLES[3][c[4] as usize]
            ^ TABLES[2][c[5] as usize]
            ^ TABLES[1][c[6] as usize]
            ^ TABLES[0][c[7] as usize];
    }
    for &b in chunks.remainder() {
        crc = TABLES[0][((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(label: Label) -> ModelHead {
        ModelHead {
            label,
            bias: -1.0,
            scale: 0.01,
            platt_a: 1.0,
            platt_b: 0.0,
            threshold: 0.5,
        }
    }

    fn small() -> Model {
        let heads = vec![head(Label::Toxicity), head(Label::Threat)];
        let weights = (0..(1usize << 6) * 2)
            .map(|i| (i as i32 % 255 - 127) as i8)
            .collect();
        Model::from_parts(6, heads, weights).unwrap()
    }

    #[test]
    fn crc_known_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn round_trip() {
        let m = small();
        let bytes = m.to_bytes();
        assert_eq!(Model::from_bytes(&bytes).unwrap(), m);
        assert_eq!(Model::from_bytes(&bytes).unwrap().to_bytes(), bytes);
    }

    #[test]
    fn margins_follow_the_layout() {
        let m = small();
        // Feature hash 3 + 64 lands in bucket 3: weights[6] and weights[7].
        let got = m.margins(&[3 + 64]);
        let v = features::feature_value(1);
        assert_eq!(
            got[Label::Toxicity.index()],
            -1.0 + 0.01 * v * f32::from(m.weight(3, 0))
        );
        assert_eq!(
            got[Label::Threat.index()],
            -1.0 + 0.01 * v * f32::from(m.weight(3, 1))
        );
        assert_eq!(got[Label::Insult.index()], 0.0);
        let p = m.probabilities(&[]);
        assert!(p[Label::Insult.index()].is_none());
        assert!((p[Label::Toxicity.index()].unwrap() - 1.0 / (1.0 + 1f32.exp())).abs() < 1e-6);
    }

    #[test]
    fn bad_parts_are_rejected() {
        let w = |n: usize| vec![0i8; n];
        assert!(Model::from_parts(2, vec![head(Label::Toxicity)], w(4)).is_err());
        assert!(Model::from_parts(6, vec![], w(0)).is_err());
        assert!(Model::from_parts(6, vec![head(Label::Toxicity)], w(63)).is_err());
        assert!(Model::from_parts(
            6,
            vec![head(Label::Toxicity), head(Label::Toxicity)],
            w(128)
        )
        .is_err());
        let nan = ModelHead {
            bias: f32::NAN,
            ..head(Label::Insult)
        };
        assert!(Model::from_parts(6, vec![nan], w(64)).is_err());
        let zero = ModelHead {
            scale: 0.0,
            ..head(Label::Insult)
        };
        assert!(Model::from_parts(6, vec![zero], w(64)).is_err());
        let high = ModelHead {
            threshold: 1.5,
            ..head(Label::Insult)
        };
        assert!(Model::from_parts(6, vec![high], w(64)).is_err());
    }

    /// Rewrites the checksum so a test reaches the checks behind it.
    fn reseal(mut bytes: Vec<u8>) -> Vec<u8> {
        let n = bytes.len() - CRC_LEN;
        let crc = crc32(&bytes[..n]);
        bytes[n..].copy_from_slice(&crc.to_le_bytes());
        bytes
    }

    #[test]
    fn bad_bytes_say_what_is_wrong() {
        let good = small().to_bytes();
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (vec![], "too short"),
            (
                {
                    let mut b = good.clone();
                    b[0] = b'X';
                    b
                },
                "magic",
            ),
            (
                reseal({
                    let mut b = good.clone();
                    b[4] = 9;
                    b
                }),
                "format version",
            ),
            (
                reseal({
                    let mut b = good.clone();
                    b[6] ^= 0x40;
                    b
                }),
                "feature version",
            ),
            (
                reseal({
                    let mut b = good.clone();
                    b[8] = 40;
                    b
                }),
                "bucket bits",
            ),
            (
                reseal({
                    let mut b = good.clone();
                    b[9] = 0;
                    b
                }),
                "0 heads",
            ),
            (
                reseal({
                    let mut b = good.clone();
                    b[10] = 1;
                    b
                }),
                "reserved",
            ),
            (
                {
                    let mut b = good.clone();
                    b.push(0);
                    b
                },
                "expected",
            ),
            (
                {
                    let mut b = good.clone();
                    let n = b.len();
                    b[n - 10] ^= 1;
                    b
                },
                "checksum",
            ),
            (
                reseal({
                    let mut b = good.clone();
                    b[12] = 99;
                    b
                }),
                "unknown label id 99",
            ),
            (
                reseal({
                    let mut b = good.clone();
                    b[12 + 24] = b[12];
                    b
                }),
                "two heads",
            ),
            (
                reseal({
                    let mut b = good.clone();
                    b[16..20].copy_from_slice(&f32::INFINITY.to_le_bytes());
                    b
                }),
                "not finite",
            ),
            (
                reseal({
                    let mut b = good.clone();
                    b[32..36].copy_from_slice(&(-0.5f32).to_le_bytes());
                    b
                }),
                "threshold",
            ),
        ];
        for (bytes, want) in cases {
            let err = Model::from_bytes(&bytes).unwrap_err().to_string();
            assert!(err.contains(want), "{err:?} should mention {want:?}");
        }
    }

    /// The shipped model: every truncation and many byte flips are rejected, never a panic.
    #[test]
    fn embedded_model_is_valid_and_corruption_is_caught() {
        // Checksum included: what lets `Model::embedded` skip it at run time.
        let model = Model::from_static(EMBEDDED).unwrap();
        assert_eq!(model.to_bytes(), EMBEDDED);
        assert_eq!(Model::embedded().unwrap().to_bytes(), EMBEDDED);
        let mut cuts: Vec<usize> = (0..HEADER_LEN + 3 * HEAD_LEN).collect();
        cuts.extend((1..64).map(|i| EMBEDDED.len() * i / 64));
        cuts.push(EMBEDDED.len() - 1);
        for n in cuts {
            assert!(
                Model::from_bytes(&EMBEDDED[..n]).is_err(),
                "truncated to {n} bytes"
            );
        }
        let mut bytes = EMBEDDED.to_vec();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state >> 8) as usize % bytes.len();
            let flip = 1u8 << (state % 8);
            bytes[at] ^= flip;
            assert!(Model::from_bytes(&bytes).is_err(), "flip at {at} accepted");
            bytes[at] ^= flip;
        }
        // Flips everywhere in the header and head table.
        for at in 0..HEADER_LEN + HEAD_LEN * model.heads().len() {
            for bit in 0..8 {
                bytes[at] ^= 1 << bit;
                assert!(Model::from_bytes(&bytes).is_err(), "flip at {at} accepted");
                bytes[at] ^= 1 << bit;
            }
        }
    }
}
