//! Misspelt harmful words put right before anything is matched: `mulsims`, `muslms` and `musiims`
//! (leet `1` read as `i`) become `muslims`, `haet` becomes `hate`.
//!
//! Why: a misspelling is the cheapest evasion there is, and a word list or a hashed model sees a
//! different word. The list (`lexicons/spelling.tsv`) is generated from the vocabulary's harmful
//! words by `scripts/gen-spelling.sh`: every misspelling one edit away (two neighbouring letters
//! swapped, one letter missing, `l` read as `i`), minus every real word (a word frequency list
//! and the datasets decide), so that a real word is never turned into a harmful one.
//!
//! At run time each token is hashed once and looked up in a table of the misspellings' hashes; a
//! hit is confirmed against the word it stands for (the misspelling itself is not stored, only
//! its hash: the word and the kind of edit say everything). Repairs rewrite the normalised text
//! and keep its map to the original, so spans still point at what the user wrote.

use crate::lexicon::data_lines;
use crate::normalize::Normalized;
use crate::tables::codec::{DecodeError, Reader, Writer};

/// The compiled misspellings.
#[derive(Clone, Debug, Default)]
pub(crate) struct Spelling {
    /// The words misspellings stand for, one after another; word `i` ends at `ends[i]`.
    words: String,
    ends: Vec<u32>,
    /// The hash of every misspelling, sorted, and (at the same index) its word.
    keys: Vec<u32>,
    targets: Vec<u16>,
    /// `keys[index[b]..index[b + 1]]` are the keys whose top bits are `b`.
    index: Vec<u32>,
    shift: u32,
    /// Byte lengths a misspelling can have: other tokens are not looked up.
    shortest: usize,
    longest: usize,
}

/// FNV-1a with a final mix, so that the top bits (the bucket) depend on every byte.
#[inline]
fn hash(token: &[u8]) -> u32 {
    let mut h = 0x811c_9dc5u32;
    for &b in token {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h ^= h >> 16;
    h = h.wrapping_mul(0x7feb_352d);
    h ^ (h >> 15)
}

/// Whether `v` is `w` with two neighbouring letters swapped, one letter missing, or one or more
/// `l` written as `i`: the edits the generator makes.
pub(crate) fn is_misspelling_of(v: &str, w: &str) -> bool {
    let (mut a, mut b) = (v.chars(), w.chars());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return false,
            (Some(x), Some(y)) if x == y => continue,
            (x, Some(y)) => {
                // The first difference: a missing letter, a swap, or `l` read as `i`.
                let rest_v = a.clone();
                let rest_w = b.clone();
                let missing = match x {
                    Some(x) => core::iter::once(x).chain(rest_v.clone()).eq(rest_w.clone()),
                    None => rest_w.clone().next().is_none(),
                };
                if missing {
                    return true;
                }
                let Some(x) = x else { return false };
                let mut after_w = rest_w.clone();
                let swapped = after_w.next() == Some(x)
                    && rest_v.clone().next() == Some(y)
                    && rest_v.clone().skip(1).eq(after_w);
                let read_as_i = x == 'i'
                    && y == 'l'
                    && rest_v
                        .zip(rest_w.clone())
                        .all(|(p, q)| p == q || (p == 'i' && q == 'l'))
                    && a.count() == b.count();
                return swapped || read_as_i;
            }
            (Some(_), None) => return false,
        }
    }
}

impl Spelling {
    /// Parses `misspelling<TAB>word` lines; each misspelling must be one of the generator's edits
    /// of its word.
    pub(crate) fn parse(name: &str, contents: &str) -> Result<Spelling, String> {
        let mut words: Vec<&str> = Vec::new();
        let mut pairs: Vec<(u32, u16)> = Vec::new();
        let mut id_of = std::collections::HashMap::new();
        for (n, line) in data_lines(contents) {
            let place = || format!("{name}:{n}");
            let (v, w) = line
                .split_once('\t')
                .ok_or_else(|| format!("{}: expected misspelling<TAB>word", place()))?;
            if !is_misspelling_of(v, w) {
                return Err(format!(
                    "{}: {v:?} is not one edit (swap, missing letter, l as i) from {w:?}",
                    place()
                ));
            }
            let id = *id_of.entry(w).or_insert_with(|| {
                words.push(w);
                words.len() - 1
            });
            let id = u16::try_from(id).map_err(|_| format!("{}: too many words", place()))?;
            pairs.push((hash(v.as_bytes()), id));
        }
        pairs.sort_unstable();
        let mut s = Spelling::default();
        for w in words {
            s.words.push_str(w);
            s.ends.push(s.words.len() as u32);
        }
        s.keys = pairs.iter().map(|p| p.0).collect();
        s.targets = pairs.iter().map(|p| p.1).collect();
        s.finish();
        Ok(s)
    }

    /// Derives the bucket index and the length bounds from the stored arrays.
    fn finish(&mut self) {
        let n = self.keys.len();
        let bits = usize::BITS - n.max(1).leading_zeros(); // 2^bits > n
        let bits = bits.clamp(1, 20);
        self.shift = 32 - bits;
        let buckets = 1usize << bits;
        self.index = Vec::with_capacity(buckets + 1);
        let mut k = 0;
        for b in 0..buckets {
            while k < n && ((self.keys[k] >> self.shift) as usize) < b {
                k += 1;
            }
            self.index.push(k as u32);
        }
        self.index.push(n as u32);
        let (mut shortest, mut longest) = (usize::MAX, 0);
        for i in 0..self.ends.len() {
            let len = self.word(i).len();
            shortest = shortest.min(len);
            longest = longest.max(len);
        }
        // A missing letter takes one char away: up to 4 bytes in UTF-8.
        self.shortest = shortest.saturating_sub(4).max(1);
        self.longest = longest;
    }

    fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.words.get(start..self.ends[i] as usize).unwrap_or("")
    }

    /// The word `token` is a misspelling of, if it is one.
    #[inline]
    pub(crate) fn correct(&self, token: &str) -> Option<&str> {
        if token.len() < self.shortest || token.len() > self.longest {
            return None;
        }
        let h = hash(token.as_bytes());
        let b = (h >> self.shift) as usize;
        let (from, to) = (self.index[b] as usize, self.index[b + 1] as usize);
        (from..to)
            .filter(|&k| self.keys[k] == h)
            .map(|k| self.word(self.targets[k] as usize))
            .find(|w| is_misspelling_of(token, w))
    }

    /// Rewrites every misspelt word of `norm` (whole tokens only). Allocates only when there is
    /// one.
    pub(crate) fn repair(&self, norm: &mut Normalized) {
        if self.keys.is_empty() {
            return;
        }
        let text = norm.as_str();
        let mut edits: Vec<(usize, usize, &str)> = Vec::new();
        let mut start = 0;
        for token in text.split(' ') {
            if let Some(w) = self.correct(token) {
                edits.push((start, start + token.len(), w));
            }
            start += token.len() + 1;
        }
        if !edits.is_empty() {
            norm.replace_tokens(&edits);
        }
    }

    pub(crate) fn encode(&self, w: &mut Writer) {
        w.str(&self.words);
        w.u32s(&self.ends);
        w.u32s(&self.keys);
        let targets: Vec<u8> = self.targets.iter().flat_map(|t| t.to_le_bytes()).collect();
        w.bytes(&targets);
    }

    pub(crate) fn decode(r: &mut Reader) -> Result<Spelling, DecodeError> {
        let words = r.str()?.to_string();
        let ends = r.u32s()?;
        let mut prev = 0;
        for &e in &ends {
            if e < prev || !words.is_char_boundary(e as usize) {
                return Err(format!("spelling: word end {e} out of order or off a char"));
            }
            prev = e;
        }
        if prev as usize != words.len() {
            return Err("spelling: the word ends do not cover the words".into());
        }
        let keys = r.u32s()?;
        if keys.windows(2).any(|p| p[0] > p[1]) {
            return Err("spelling: the keys are not sorted".into());
        }
        let raw = r.bytes()?;
        if raw.len() != keys.len() * 2 {
            return Err("spelling: one word per key expected".into());
        }
        let targets: Vec<u16> = raw
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        if let Some(t) = targets.iter().find(|&&t| t as usize >= ends.len()) {
            return Err(format!("spelling: word {t} is out of range"));
        }
        let mut s = Spelling {
            words,
            ends,
            keys,
            targets,
            ..Spelling::default()
        };
        s.finish();
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits() {
        let table: &[(&str, &str, bool)] = &[
            ("mulsims", "muslims", true),
            ("muslms", "muslims", true),
            ("uslims", "muslims", true),
            ("muslim", "muslims", true),
            ("musiims", "muslims", true),
            ("iiberal", "liberal", true),
            ("iiberai", "liberal", true),
            ("haet", "hate", true),
            ("ahte", "hate", true),
            ("мусульмне", "мусульмане", true),
            ("муслуьмане", "мусульмане", true),
            ("muslims", "muslims", false),
            ("muslimss", "muslims", false),
            ("msulmis", "muslims", false),
            ("mslms", "muslims", false),
            ("muslins", "muslims", false),
            ("lake", "like", false),
            ("", "a", true),
            ("a", "", false),
        ];
        for &(v, w, want) in table {
            assert_eq!(is_misspelling_of(v, w), want, "{v:?} of {w:?}");
        }
    }

    fn norm(text: &str) -> Normalized {
        let mut n = Normalized::new();
        crate::normalize::normalize_into(text, &mut n);
        n
    }

    #[test]
    fn repairs_keep_the_map() {
        let s = Spelling::parse("t", "mulsims\tmuslims\nmuslms\tmuslims\nhaet\thate\n").unwrap();
        let input = "I haet Mulsims and MUSLMS, not muslins";
        let mut n = norm(input);
        s.repair(&mut n);
        assert_eq!(n.as_str(), "i hate muslims and muslims , not muslins");
        let span = |word: &str| {
            let at = n.as_str().find(word).unwrap();
            let (a, b) = n.source_span(at, at + word.len());
            &input[a..b]
        };
        assert_eq!(span("hate"), "haet");
        assert_eq!(span("hate muslims"), "haet Mulsims");
        assert_eq!(span("muslims ,"), "MUSLMS,");
    }

    #[test]
    fn bad_lines_are_refused() {
        for bad in ["mulsims", "mslmus\tmuslims", "muslims\tmuslims"] {
            assert!(Spelling::parse("t", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn round_trip_and_damage() {
        let s = Spelling::parse("t", "mulsims\tmuslims\nhaet\thate\nahte\thate\n").unwrap();
        let mut w = Writer::default();
        s.encode(&mut w);
        let d = Spelling::decode(&mut Reader::new(&w.out)).unwrap();
        assert_eq!(d.correct("ahte"), Some("hate"));
        assert_eq!(d.correct("mulsims"), Some("muslims"));
        assert_eq!(d.correct("muslims"), None);
        for cut in 0..w.out.len() {
            let _ = Spelling::decode(&mut Reader::new(&w.out[..cut]));
        }
        for at in 0..w.out.len() {
            let mut bad = w.out.clone();
            bad[at] ^= 0xff;
            if let Ok(s) = Spelling::decode(&mut Reader::new(&bad)) {
                let _ = s.correct("ahte");
                let _ = s.correct("mulsims");
            }
        }
    }
}
