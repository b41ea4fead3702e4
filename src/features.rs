//! The one feature path shared by training and inference, so the two cannot drift.
//!
//! Features are 32-bit hashes of: the normalised words, word bigrams, character 3- to 5-grams of
//! each word (with `<` `>` marking its edges), and the lexicon hits (label and severity, and whether
//! the context layer cancelled the hit). A model keeps the low bits of each hash as its bucket.

use crate::label::LabelSet;
use crate::lexicon::Severity;

/// The version of the extraction below, stored in model files: a model trained on other features
/// is refused. Bump it whenever what [`extract`] emits changes, then retrain.
pub const VERSION: u16 = 1;

/// A lexicon hit as the featuriser sees it.
#[derive(Clone, Copy, Debug)]
pub struct HitFeature {
    pub labels: LabelSet,
    pub severity: Severity,
    /// The labels of `labels` that the context layer cancelled (negation, denouncing quotation).
    pub cancelled: LabelSet,
}

/// FNV-1a, seeded per feature kind so the kinds hash apart.
#[inline]
fn fnv(seed: u32, parts: &[&[u8]]) -> u32 {
    let mut h: u32 = 0x811c_9dc5 ^ seed.wrapping_mul(0x0100_0193);
    for part in parts {
        for &b in *part {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
        // Separator between parts, so ("ab","c") and ("a","bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0193);
    }
    // Final avalanche: FNV's low bits are weak, and models keep the low bits.
    h ^= h >> 16;
    h = h.wrapping_mul(0x7feb_352d);
    h ^= h >> 15;
    h = h.wrapping_mul(0x846c_a68b);
    h ^ (h >> 16)
}

const SEED_WORD: u32 = 1;
const SEED_BIGRAM: u32 = 2;
const SEED_CHAR: u32 = 3;
const SEED_HIT: u32 = 4;
const SEED_BIAS: u32 = 5;

/// Character n-gram sizes, in chars.
const CHAR_NGRAMS: core::ops::RangeInclusive<usize> = 3..=5;

/// Longest word (in chars) whose character n-grams are taken; longer tokens are noise (URLs, spam).
const MAX_WORD_CHARS: usize = 40;

/// Appends the features of one normalised message to `out` (cleared first).
/// `chars` is scratch space for the char offsets of a word.
fn exp() -> &'static str {
    static E: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    E.get_or_init(|| std::env::var("MODERATO_FEAT").unwrap_or_default())
}

pub fn extract(norm: &str, hits: &[HitFeature], out: &mut Vec<u32>, chars: &mut Vec<usize>) {
    out.clear();
    out.push(fnv(SEED_BIAS, &[]));
    let e = exp();
    let mut prev: Option<&str> = None;
    let mut prev2: Option<&str> = None;
    for tok in norm.split(' ').filter(|t| !t.is_empty()) {
        out.push(fnv(SEED_WORD, &[tok.as_bytes()]));
        if let Some(p) = prev {
            out.push(fnv(SEED_BIGRAM, &[p.as_bytes(), tok.as_bytes()]));
            if e.contains("tri") {
                if let Some(q) = prev2 {
                    out.push(fnv(9, &[q.as_bytes(), p.as_bytes(), tok.as_bytes()]));
                }
            }
        }
        prev2 = prev;
        prev = Some(tok);
        if tok.chars().next().is_some_and(char::is_alphabetic) {
            if !e.contains("nochar") {
                char_ngrams(tok, out, chars);
            }
            if e.contains("pre") {
                for (k, (i, _)) in tok.char_indices().enumerate() {
                    if k >= 4 && k <= 6 && tok.len() > i {
                        out.push(fnv(10, &[tok[..i].as_bytes()]));
                    }
                }
            }
        }
    }
    for hit in hits {
        for label in hit.labels.iter() {
            let tag = [
                label.index() as u8,
                hit.severity as u8,
                u8::from(hit.cancelled.contains(label)),
            ];
            out.push(fnv(SEED_HIT, &[&tag]));
        }
    }
}

/// Character n-grams of `<word>`.
fn char_ngrams(word: &str, out: &mut Vec<u32>, chars: &mut Vec<usize>) {
    chars.clear();
    // Offsets into the padded word `<word>`: '<' at 0, the word's chars, '>' at the end.
    chars.push(0);
    for (i, _) in word.char_indices() {
        chars.push(1 + i);
    }
    if chars.len() - 1 > MAX_WORD_CHARS {
        return;
    }
    chars.push(1 + word.len());
    chars.push(2 + word.len()); // end sentinel
    let padded_len = chars.len() - 1; // number of chars in `<word>`
    let w = word.as_bytes();
    let lo = if exp().contains("c4") { 4 } else { 3 };
    for n in lo..=*CHAR_NGRAMS.end() {
        if n > padded_len {
            break;
        }
        for start in 0..=padded_len - n {
            let (a, b) = (chars[start], chars[start + n]);
            // Bytes of `<word>` between a and b, without building the padded string.
            let open: &[u8] = if a == 0 { b"<" } else { &[] };
            let close: &[u8] = if b == 2 + word.len() { b">" } else { &[] };
            let lo = a.saturating_sub(1).min(w.len());
            let hi = b.saturating_sub(1).min(w.len());
            out.push(fnv(SEED_CHAR, &[open, &w[lo..hi], close]));
        }
    }
}

/// The weight each feature of a message carries: `1/sqrt(n)`, so long posts do not dominate.
pub fn feature_value(n: usize) -> f32 {
    if n == 0 {
        0.0
    } else {
        1.0 / (n as f32).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(s: &str) -> Vec<u32> {
        let mut out = Vec::new();
        extract(s, &[], &mut out, &mut Vec::new());
        out
    }

    #[test]
    fn counts() {
        // bias + 1 word + char n-grams of "<ab>" (4 chars: two 3-grams, one 4-gram).
        assert_eq!(feats("ab").len(), 1 + 1 + 2 + 1);
        // bias + 2 words + 1 bigram + ngrams("<ab>")=3 + ngrams("<cd>")=3, and "." has no n-grams
        assert_eq!(feats("ab cd").len(), 1 + 2 + 1 + 3 + 3);
        assert_eq!(feats("").len(), 1);
    }

    #[test]
    fn deterministic_and_distinct() {
        assert_eq!(feats("kill you"), feats("kill you"));
        assert_ne!(feats("kill you"), feats("you kill"));
        // The n-gram of the padded word equals the n-gram of the same bytes elsewhere: "<ab" and "<ab>" differ.
        let f = feats("ab");
        let mut sorted = f.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), f.len());
    }

    #[test]
    fn cyrillic_ngrams_follow_chars() {
        // "<убей>" has 6 chars: 4 trigrams, 3 four-grams, 2 five-grams.
        assert_eq!(feats("убей").len(), 1 + 1 + 4 + 3 + 2);
    }
}
