//! The one feature path shared by training and inference, so the two cannot drift.
//!
//! Features are 32-bit hashes of: the normalised words, word bigrams, the 4-, 5- and 6-letter
//! prefixes of longer words, and the lexicon hits (label, severity, and whether the context layer
//! cancelled the hit for that label). A model keeps the low bits of each hash as its bucket.
//!
//! Why prefixes and not character n-grams: n-grams from inside words are what the lexicon's
//! whole-word matching and allow list exist to avoid (`sniggering`, `Maine Coon`, `уродился`), and on
//! the validation splits they were worth no more than prefixes, which also catch inflection
//! (`дебил`, `дебилы`, `дебилов` share `дебил`). Evasion is undone by the normaliser before this.

use crate::label::LabelSet;
use crate::lexicon::Severity;
use crate::matcher::is_letter;

/// The tokens of normalised text: `norm.split(' ')` without the empty pieces, by bytes (a
/// message has a few dozen short tokens, for which a byte loop beats the general searcher).
fn tokens(norm: &str) -> impl Iterator<Item = &str> {
    let bytes = norm.as_bytes();
    let mut i = 0;
    core::iter::from_fn(move || {
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i] != b' ' {
            i += 1;
        }
        // Spaces are ASCII, so both ends are char boundaries.
        (start < i).then(|| norm.get(start..i).unwrap_or(""))
    })
}

/// The version of the extraction below, stored in model files: a model trained on other features
/// is refused. Bump it whenever what [`extract`] emits changes, then retrain.
pub const VERSION: u16 = 3;

/// A lexicon hit as the featuriser sees it.
#[derive(Clone, Copy, Debug)]
pub struct HitFeature {
    pub labels: LabelSet,
    pub severity: Severity,
    /// The labels of `labels` that the context layer cancelled (negation, denouncing quotation).
    pub cancelled: LabelSet,
}

/// FNV-1a, seeded per feature kind so the kinds hash apart; streaming, so the prefixes of a word
/// are hashed in one pass.
#[derive(Clone, Copy)]
struct Fnv(u32);

impl Fnv {
    #[inline]
    fn new(seed: u32) -> Fnv {
        Fnv(0x811c_9dc5 ^ seed.wrapping_mul(0x0100_0193))
    }

    #[inline]
    fn bytes(mut self, bytes: &[u8]) -> Fnv {
        for &b in bytes {
            self.0 ^= u32::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
        self
    }

    /// Ends a part: a separator, so ("ab","c") and ("a","bc") differ.
    #[inline]
    fn part(self, bytes: &[u8]) -> Fnv {
        self.bytes(bytes).bytes(&[0xff])
    }

    /// Final avalanche: FNV's low bits are weak, and models keep the low bits.
    #[inline]
    fn finish(self) -> u32 {
        let mut h = self.0;
        h ^= h >> 16;
        h = h.wrapping_mul(0x7feb_352d);
        h ^= h >> 15;
        h = h.wrapping_mul(0x846c_a68b);
        h ^ (h >> 16)
    }
}

/// The hash of a feature made of `parts`.
#[inline]
fn fnv(seed: u32, parts: &[&[u8]]) -> u32 {
    parts.iter().fold(Fnv::new(seed), |h, p| h.part(p)).finish()
}

const SEED_WORD: u32 = 1;
const SEED_BIGRAM: u32 = 2;
const SEED_HIT: u32 = 4;
const SEED_BIAS: u32 = 5;

/// Prefix lengths, in chars. A word gets a prefix only if it is longer than it.
const PREFIXES: core::ops::RangeInclusive<usize> = 4..=6;

/// Ends the hash of a whole word.
const WORD_END: u8 = 0xff;
/// Ends the hash of a prefix: apart from `WORD_END`, so that the word "abcd" and the 4-char
/// prefix of "abcde" hash apart.
const PREFIX_END: u8 = 0xfe;

/// The hashes of one token from a single pass over its bytes: the word, and the prefixes of
/// [`PREFIXES`] chars (a letter-initial word only, and only those it is longer than) as the
/// intermediate states of the same stream. Returns the word hash and how many prefixes it wrote.
#[inline]
fn token_hashes(tok: &[u8], letter: bool, prefixes: &mut [u32; 3]) -> (u32, usize) {
    let mut h = Fnv::new(SEED_WORD);
    let mut written = 0;
    if letter {
        let mut chars = 0;
        for &b in tok {
            // A byte that is not a UTF-8 continuation starts a char: `chars` chars are in `h`.
            if b & 0xc0 != 0x80 {
                if PREFIXES.contains(&chars) {
                    prefixes[written] = h.bytes(&[PREFIX_END]).finish();
                    written += 1;
                }
                chars += 1;
            }
            h = h.bytes(&[b]);
        }
    } else {
        h = h.bytes(tok);
    }
    (h.bytes(&[WORD_END]).finish(), written)
}

/// The hash of the bigram of two words, from the words' hashes (no second pass over the bytes);
/// ordered, so "kill you" and "you kill" differ.
#[inline]
fn bigram(first: u32, second: u32) -> u32 {
    Fnv(first.rotate_left(16).wrapping_mul(0x9e37_79b1) ^ second ^ SEED_BIGRAM).finish()
}

/// Appends the features of one normalised message to `out` (cleared first).
pub fn extract(norm: &str, hits: &[HitFeature], out: &mut Vec<u32>) {
    out.clear();
    out.push(fnv(SEED_BIAS, &[]));
    let mut prev: Option<u32> = None;
    let mut prefixes = [0u32; 3];
    for tok in tokens(norm) {
        let letter = tok.chars().next().is_some_and(is_letter);
        let (word, n) = token_hashes(tok.as_bytes(), letter, &mut prefixes);
        out.push(word);
        if let Some(p) = prev {
            out.push(bigram(p, word));
        }
        prev = Some(word);
        out.extend_from_slice(&prefixes[..n]);
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

/// The weight each feature occurrence of a message carries: one over the Euclidean length of
/// the message's bucket-count vector, `1/sqrt(sum of k²)` where bucket `b` occurs `k_b` times.
/// So long posts do not dominate, and neither does repetition: a bucket's total weight
/// `k_b/sqrt(sum of k²)` is at most 1 however often it repeats (with `1/sqrt(n)`, "hello world"
/// pasted 300,000 times weighed 550 times a word of a tweet and came back an identity attack).
///
/// Training and inference both call this on counts at the model's bucket width (hash collisions
/// included), so the two cannot disagree.
pub fn feature_value(sum_of_squares: u64) -> f32 {
    if sum_of_squares == 0 {
        0.0
    } else {
        1.0 / (sum_of_squares as f64).sqrt() as f32
    }
}

/// Counts buckets of one message at a time to get `sum of k²` (see [`feature_value`]) in one
/// pass without sorting: a small open-addressing table, sized to the message and reused.
#[derive(Clone, Debug, Default)]
pub struct BucketCounts {
    /// `(bucket + 1) << 32 | count`, 0 when empty.
    slots: Vec<u64>,
}

impl BucketCounts {
    /// `sum of k²` over the buckets (`feature & mask`) of `features`.
    pub fn sum_of_squares(&mut self, features: &[u32], mask: u32) -> u64 {
        // At most `mask + 1` distinct buckets: the table never needs more than twice that.
        let distinct = features.len().min(mask as usize + 1);
        let capacity = (distinct * 2).next_power_of_two().max(16);
        self.slots.clear();
        self.slots.resize(capacity, 0);
        let at_mask = capacity - 1;
        let mut sum = 0u64;
        for &f in features {
            let bucket = f & mask;
            let key = (u64::from(bucket) + 1) << 32;
            // Buckets are hash bits already; multiply to spread small masks over the table.
            let mut at = (bucket.wrapping_mul(0x9e37_79b1) as usize) & at_mask;
            loop {
                let slot = self.slots[at];
                if slot == 0 {
                    self.slots[at] = key | 1;
                    sum += 1;
                    break;
                }
                if slot & !0xffff_ffff == key {
                    let k = slot & 0xffff_ffff;
                    self.slots[at] = slot + 1;
                    sum += 2 * k + 1; // (k + 1)² - k²
                    break;
                }
                at = (at + 1) & at_mask;
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::label::Label;

    fn feats(s: &str) -> Vec<u32> {
        let mut out = Vec::new();
        extract(s, &[], &mut out);
        out
    }

    #[test]
    fn bucket_counts_match_counting_by_sorting() {
        let mut counts = BucketCounts::default();
        let mut x = 0x1234_5678u32;
        for (len, mask) in [
            (0, 0xff),
            (1, 0xff),
            (5, 0),
            (40, 0xf),
            (300, 0x3ffff),
            (2000, 0x7),
        ] {
            let features: Vec<u32> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    x
                })
                .collect();
            let mut buckets: Vec<u32> = features.iter().map(|f| f & mask).collect();
            buckets.sort_unstable();
            let mut want = 0u64;
            for run in buckets.chunk_by(|a, b| a == b) {
                want += (run.len() as u64).pow(2);
            }
            assert_eq!(
                counts.sum_of_squares(&features, mask),
                want,
                "{len} {mask:#x}"
            );
        }
        // Repetition is bounded: one bucket k times weighs k/sqrt(k²) = 1 in all.
        let same = vec![7u32; 1000];
        let s = counts.sum_of_squares(&same, 0xff);
        assert_eq!(s, 1_000_000);
        assert!((feature_value(s) * 1000.0 - 1.0).abs() < 1e-6);
    }

    #[test]
    fn tokens_are_split_without_empty_pieces() {
        for s in ["", " ", "a", "a b", " a  b ", "ab cd. ef", "привет ,  мир"] {
            let want: Vec<&str> = s.split(' ').filter(|t| !t.is_empty()).collect();
            assert_eq!(tokens(s).collect::<Vec<_>>(), want, "{s:?}");
        }
    }

    #[test]
    fn counts() {
        // bias + 1 word; "abcd" is not longer than 4 chars, so no prefix.
        assert_eq!(feats("abcd").len(), 1 + 1);
        // bias + 1 word + prefixes of 4, 5 and 6 chars ("abcdefg" has 7).
        assert_eq!(feats("abcdefg").len(), 1 + 1 + 3);
        // bias + 3 words + 2 bigrams + the 4-prefix of "hello"; "." and "12345" get no prefixes.
        assert_eq!(feats("hello . 12345").len(), 1 + 3 + 2 + 1);
        assert_eq!(feats("").len(), 1);
    }

    #[test]
    fn deterministic_and_distinct() {
        assert_eq!(feats("kill you"), feats("kill you"));
        assert_ne!(feats("kill you"), feats("you kill"));
        // A word, its prefix and a bigram never hash alike: "abcde" has word "abcde" and prefix "abcd".
        let f = feats("abcde abcd");
        let mut sorted = f.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), f.len());
    }

    #[test]
    fn one_pass_hashes_equal_whole_hashes() {
        for word in ["abcdefgh", "дебилов", "naïveté", "abcde"] {
            let f = feats(word);
            let chars: Vec<usize> = word.char_indices().map(|(i, _)| i).collect();
            let want: Vec<u32> = PREFIXES
                .filter(|&n| n < chars.len())
                .map(|n| {
                    Fnv::new(SEED_WORD)
                        .bytes(&word.as_bytes()[..chars[n]])
                        .bytes(&[PREFIX_END])
                        .finish()
                })
                .collect();
            assert_eq!(f[1], fnv(SEED_WORD, &[word.as_bytes()]), "{word}");
            assert_eq!(f[2..], want[..], "{word}");
        }
        let f = feats("kill you");
        let (kill, you) = (fnv(SEED_WORD, &[b"kill"]), fnv(SEED_WORD, &[b"you"]));
        assert_eq!(f[1..4], [kill, you, bigram(kill, you)]);
    }

    #[test]
    fn cyrillic_prefixes_follow_chars() {
        // "дебилов" has 7 chars (14 bytes): prefixes of 4, 5 and 6 chars, shared with "дебилы".
        let a = feats("дебилов");
        let b = feats("дебилы");
        assert_eq!(a.len(), 1 + 1 + 3);
        assert_eq!(b.len(), 1 + 1 + 2);
        assert_eq!(a[2..4], b[2..4]);
    }

    #[test]
    fn hits_carry_label_severity_and_cancellation() {
        let mut labels = LabelSet::EMPTY;
        labels.insert(Label::Threat);
        labels.insert(Label::Insult);
        let mut cancelled = LabelSet::EMPTY;
        cancelled.insert(Label::Threat);
        let hit = |cancelled| HitFeature {
            labels,
            severity: Severity::Strong,
            cancelled,
        };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        extract("x", &[hit(LabelSet::EMPTY)], &mut a);
        extract("x", &[hit(cancelled)], &mut b);
        assert_eq!(a.len(), 1 + 1 + 2);
        assert_eq!(a[..3], b[..3], "insult is not cancelled in either");
        assert_ne!(a[3], b[3], "threat is cancelled in one");
    }
}
