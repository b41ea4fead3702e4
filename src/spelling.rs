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
use crate::tables::words::Words;
use crate::translit::Markers;

/// What [`Spelling::repair`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Repair {
    /// Misspellings put right, if any.
    Done,
    /// Nothing: the message is Russian in Latin letters, to be read as Cyrillic and repaired then.
    ReadAsTranslit,
}

/// The compiled misspellings.
#[derive(Clone, Debug, Default)]
pub(crate) struct Spelling {
    /// The words misspellings stand for.
    words: Words,
    /// The key of every misspelling (16 bits of its hash), sorted, and (at the same index) its
    /// word: 4 bytes a misspelling.
    keys: Vec<u16>,
    targets: Vec<u16>,
    /// Bit `k` is set for every key `k`: most tokens are no misspelling, and one bit tells so
    /// (wrongly for about one token in four) before any search.
    filter: Vec<u64>,
    /// `keys[index[b]..index[b + 1]]` are the keys whose top `BUCKET_BITS` bits are `b` (about
    /// five a bucket).
    index: Vec<u32>,
    /// Bit `n` is set when a misspelling can be `n` bytes long (bit 63: 63 or more): other
    /// tokens are neither hashed nor looked up. Most tokens of a chat are shorter than any.
    lengths: u64,
}

/// The filter's size: one bit for each possible key (8 KiB).
const FILTER_BITS: usize = 1 << 16;
/// The index's buckets: 4,096 (16 KiB).
const BUCKET_BITS: u32 = 12;

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// One more byte of a token into FNV-1a's state.
#[inline(always)]
const fn step(h: u32, b: u8) -> u32 {
    (h ^ b as u32).wrapping_mul(FNV_PRIME)
}

/// The final mix, so that the top bits (the bucket) depend on every byte.
#[inline(always)]
fn mix(mut h: u32) -> u32 {
    h ^= h >> 16;
    h = h.wrapping_mul(0x7feb_352d);
    h ^ (h >> 15)
}

/// The key a misspelling is stored under: the top 16 bits of FNV-1a, then [`mix`]. Keys of
/// misspellings collide, and other tokens share them; the confirmation against the word sorts
/// that out, and the generator (which reproduces this hash) keeps out any misspelling whose key
/// a real word one edit from the same word would share.
fn hash(token: &[u8]) -> u16 {
    key(fnv(token))
}

/// The FNV-1a state of a whole token, as [`Spelling::repair`] computes it byte by byte (also
/// what [`crate::translit`]'s marker filter is built from, at compile time).
pub(crate) const fn fnv(token: &[u8]) -> u32 {
    let mut h = FNV_OFFSET;
    let mut i = 0;
    while i < token.len() {
        h = step(h, token[i]);
        i += 1;
    }
    h
}

/// The key of a token's FNV-1a state.
#[inline(always)]
fn key(h: u32) -> u16 {
    (mix(h) >> 16) as u16
}

/// The bit of [`Spelling::lengths`] for a token of `len` bytes.
#[inline(always)]
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The bits of [`Spelling::lengths`] for tokens of `from` to `to` bytes.
#[inline(always)]
fn length_range(from: usize, to: usize) -> u64 {
    let (from, to) = (from.min(63), to.min(63));
    if from > to {
        return 0;
    }
    (u64::MAX >> (63 - to)) & (u64::MAX << from)
}

/// Whether `v` is `w` with two neighbouring letters swapped, one letter missing, one or more
/// `l` written as `i`, or one or more letters censored with `*`: the edits the generator makes.
pub(crate) fn is_misspelling_of(v: &str, w: &str) -> bool {
    if v.contains('*') {
        return is_censored(v, w);
    }
    let (mut a, mut b) = (v.chars(), w.chars());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return false,
            (Some(x), Some(y)) if x == y => continue,
            (x, Some(y)) => {
                // The first difference: a missing letter, a swap, a final `s` as `z`, or `l`
                // read as `i`.
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
                // A final `s` written `z` (`jewz`, `muslimz`).
                let z_plural = x == 'z'
                    && y == 's'
                    && rest_v.clone().next().is_none()
                    && rest_w.clone().next().is_none();
                // A leet digit decoded to the other letter it stands for: `1` is read as `i`
                // where `l` was meant, `3` as `з` where `е` was meant (`д3бил`), `1` as `и`
                // where `ь` was meant (`уб1ю`).
                let misread = |r: char, m: char| {
                    x == r
                        && y == m
                        && rest_v
                            .clone()
                            .zip(rest_w.clone())
                            .all(|(p, q)| p == q || (p == r && q == m))
                        && rest_v.clone().count() == rest_w.clone().count()
                };
                return swapped
                    || z_plural
                    || misread('i', 'l')
                    || misread('з', 'е')
                    || misread('и', 'ь');
            }
            (Some(_), None) => return false,
        }
    }
}

/// Whether a token of `token` bytes can be an edit of a word of `word` bytes: at most as long, and
/// at most half a word (in bytes: each lost char or starred Cyrillic letter) shorter. Rules out
/// most of the tokens that only share a key with a misspelling, before comparing chars.
#[inline(always)]
fn may_be_edit(token: usize, word: usize) -> bool {
    token <= word && 2 * (word - token) <= word
}

/// Whether `v` is `w` with one or more letters (not the first) replaced by `*`.
fn is_censored(v: &str, w: &str) -> bool {
    v.chars().count() == w.chars().count()
        && !v.starts_with('*')
        && v.chars()
            .zip(w.chars())
            .all(|(x, y)| x == y || (x == '*' && y != '*'))
        && v != w
}

impl Spelling {
    /// Parses `misspelling<TAB>word` lines; each misspelling must be one of the generator's edits
    /// of its word.
    pub(crate) fn parse(name: &str, contents: &str) -> Result<Spelling, String> {
        let mut words: Vec<&str> = Vec::new();
        let mut pairs: Vec<(u16, u16)> = Vec::new();
        let mut id_of = std::collections::HashMap::new();
        for (n, line) in data_lines(contents) {
            let place = || format!("{name}:{n}");
            let (v, w) = line
                .split_once('\t')
                .ok_or_else(|| format!("{}: expected misspelling<TAB>word", place()))?;
            if !is_misspelling_of(v, w) {
                return Err(format!(
                    "{}: {v:?} is not one edit (swap, missing letter, l as i, stars) from {w:?}",
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
            s.words.push(w);
        }
        s.keys = pairs.iter().map(|p| p.0).collect();
        s.targets = pairs.iter().map(|p| p.1).collect();
        s.finish();
        Ok(s)
    }

    /// Derives the filter, the index and the lengths a misspelling can have from the stored arrays.
    /// Part of every classifier's start-up (and in a browser it runs in the first, unoptimised
    /// tier), so each array is read once, by plain loops.
    fn finish(&mut self) {
        let buckets = 1usize << BUCKET_BITS;
        let mut filter = vec![0u64; FILTER_BITS / 64];
        // Count the keys of each bucket, then sum: `index[b]` is where bucket `b` starts.
        let mut index = vec![0u32; buckets + 1];
        for &key in &self.keys {
            let bit = key as usize;
            filter[bit / 64] |= 1 << (bit % 64);
            index[usize::from(key >> (16 - BUCKET_BITS)) + 1] += 1;
        }
        for b in 0..buckets {
            index[b + 1] += index[b];
        }
        // A swap or `l` read as `i` keeps a word's length; a missing letter takes one char away;
        // each censor star (one byte) may stand for a letter of two (Cyrillic): from the word's
        // length in chars to its length in bytes, and its length less the bytes of any one char.
        let mut lengths = 0u64;
        for i in 0..self.words.len() {
            let word = self.word(i).as_bytes();
            let mut chars = 0;
            let mut char_bytes = 0u32; // bit `k`: some char is `k` bytes long
            let mut run = 0;
            for &b in word {
                if b & 0xc0 != 0x80 {
                    char_bytes |= 1 << run.min(31);
                    chars += 1;
                    run = 0;
                }
                run += 1;
            }
            char_bytes |= 1 << run.min(31);
            lengths |= length_range(chars, word.len());
            for k in 1..=4 {
                if char_bytes & (1 << k) != 0 && word.len() >= k {
                    lengths |= length_bit(word.len() - k);
                }
            }
        }
        self.filter = filter;
        self.index = index;
        self.lengths = lengths;
    }

    fn word(&self, i: usize) -> &str {
        self.words.get(i)
    }

    /// The word `token` is a misspelling of, if it is one.
    #[cfg(test)]
    fn correct(&self, token: &str) -> Option<&str> {
        self.correct_hashed(token, hash(token.as_bytes()))
    }

    /// [`correct`](Self::correct), given the token's key. [`repair`](Self::repair) has asked
    /// the filter already; the bucket alone is enough to be right.
    fn correct_hashed(&self, token: &str, h: u16) -> Option<&str> {
        let b = usize::from(h >> (16 - BUCKET_BITS));
        let (from, to) = (self.index[b] as usize, self.index[b + 1] as usize);
        let keys = self.keys.get(from..to).unwrap_or(&[]);
        keys.iter()
            .zip(&self.targets[from..])
            .filter(|&(&k, _)| k == h)
            .map(|(_, &t)| self.word(t as usize))
            .find(|w| may_be_edit(token.len(), w.len()) && is_misspelling_of(token, w))
    }

    /// Adds the repair of `text[start..end]` (hashed to `h`) to `edits` if it is misspelt. Kept
    /// out of line: few tokens get this far.
    #[inline(never)]
    fn look_up<'s>(
        &'s self,
        text: &str,
        start: usize,
        end: usize,
        h: u16,
        edits: &mut Vec<(usize, usize, &'s str)>,
    ) {
        if let Some(w) = text.get(start..end).and_then(|t| self.correct_hashed(t, h)) {
            edits.push((start, end, w));
        }
    }

    /// Whether a token of `len` bytes hashed to `h` (before [`mix`]) may be a misspelling; false
    /// for most tokens, in a few instructions.
    #[inline(always)]
    fn may_hold_token(&self, len: usize, h: u32) -> bool {
        self.lengths & length_bit(len) != 0 && self.may_hold(key(h))
    }

    #[inline(always)]
    fn may_hold(&self, h: u16) -> bool {
        let bit = h as usize;
        self.filter[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// Rewrites every misspelt word of `norm` (whole tokens only). One pass over the bytes hashes
    /// each token on the way, and a filter rules most tokens out before any search. Allocates
    /// only when there is something to put right.
    ///
    /// The same pass counts the words that say a message is Russian typed in Latin letters
    /// ([`crate::translit`], which would otherwise read every message once more): when it is,
    /// nothing is changed and [`Repair::ReadAsTranslit`] says so, so that the caller rewrites the
    /// words in Cyrillic first and then repairs them.
    #[must_use]
    pub(crate) fn repair(&self, norm: &mut Normalized) -> Repair {
        let text = norm.as_str();
        let bytes = text.as_bytes();
        let mut edits: Vec<(usize, usize, &str)> = Vec::new();
        let mut markers = Markers::default();
        let (mut start, mut h) = (0, FNV_OFFSET);
        for (i, &b) in bytes.iter().enumerate() {
            if b != b' ' {
                h = step(h, b);
                continue;
            }
            if i > start {
                markers.word(&bytes[start..i], h);
                if self.may_hold_token(i - start, h) {
                    self.look_up(text, start, i, key(h), &mut edits);
                }
            }
            (start, h) = (i + 1, FNV_OFFSET);
        }
        if bytes.len() > start {
            markers.word(&bytes[start..], h);
            if self.may_hold_token(bytes.len() - start, h) {
                self.look_up(text, start, bytes.len(), key(h), &mut edits);
            }
        }
        if markers.read_as_translit() {
            return Repair::ReadAsTranslit;
        }
        if !edits.is_empty() {
            norm.replace_tokens(&edits);
        }
        Repair::Done
    }

    pub(crate) fn encode(&self, w: &mut Writer) {
        self.words.encode(w);
        w.u16s(&self.keys);
        w.u16s(&self.targets);
    }

    pub(crate) fn decode(r: &mut Reader) -> Result<Spelling, DecodeError> {
        let words = Words::decode(r, "spelling")?;
        let keys = r.u16s()?;
        if keys.windows(2).any(|p| p[0] > p[1]) {
            return Err("spelling: the keys are not sorted".into());
        }
        let targets = r.u16s()?;
        if targets.len() != keys.len() {
            return Err("spelling: one word per key expected".into());
        }
        if let Some(t) = targets.iter().find(|&&t| t as usize >= words.len()) {
            return Err(format!("spelling: word {t} is out of range"));
        }
        let mut s = Spelling {
            words,
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
            ("jewz", "jews", true),
            ("дзбил", "дебил", true),
            ("дзбилз", "дебиле", true),
            ("дебил", "дзбил", false),
            ("jewz", "jew", false),
            ("jezs", "jews", false),
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
            ("sc*m", "scum", true),
            ("n*gg*r", "nigger", true),
            ("ид*от", "идиот", true),
            ("f**k", "fuck", true),
            ("*uck", "fuck", false),
            ("f*ck", "fuuck", false),
            ("f*ck", "f*ck", false),
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
    fn derived_arrays_match_their_definitions() {
        let s = crate::tables::Tables::embedded().unwrap().spelling;
        for (k, &key) in s.keys.iter().enumerate() {
            assert!(s.may_hold(key));
            let b = usize::from(key >> (16 - BUCKET_BITS));
            assert!((s.index[b] as usize..s.index[b + 1] as usize).contains(&k));
        }
        let mut lengths = 0u64;
        for i in 0..s.words.len() {
            let word = s.word(i);
            for len in word.chars().count()..=word.len() {
                lengths |= length_bit(len);
            }
            for c in word.chars() {
                lengths |= length_bit(word.len() - c.len_utf8());
            }
        }
        assert_eq!(s.lengths, lengths);
    }

    #[test]
    fn repairs_keep_the_map() {
        let s = Spelling::parse(
            "t",
            "mulsims\tmuslims\nmuslms\tmuslims\nhaet\thate\nsc*m\tscum\n",
        )
        .unwrap();
        let input = "I haet Mulsims and MUSLMS, not muslins, SC*M";
        let mut n = norm(input);
        assert_eq!(s.repair(&mut n), Repair::Done);
        assert_eq!(
            n.as_str(),
            "i hate muslims and muslims , not muslins , scum"
        );
        // Russian in Latin letters is left for the caller to read as Cyrillic first.
        let mut translit = norm("ty haet tebya");
        assert_eq!(s.repair(&mut translit), Repair::ReadAsTranslit);
        assert_eq!(translit.as_str(), "ty haet tebya");
        let span = |word: &str| {
            let at = n.as_str().find(word).unwrap();
            let (a, b) = n.source_span(at, at + word.len());
            &input[a..b]
        };
        assert_eq!(span("hate"), "haet");
        assert_eq!(span("hate muslims"), "haet Mulsims");
        assert_eq!(span("muslims ,"), "MUSLMS,");
        assert_eq!(span("scum"), "SC*M");
    }

    /// scripts/gen_spelling.py computes the same keys (to keep out clashes with real words).
    #[test]
    fn keys_match_the_generator() {
        assert_eq!(hash("mulsims".as_bytes()), 26458);
        assert_eq!(hash("мусульмне".as_bytes()), 29099);
        assert_eq!(hash("sh*t".as_bytes()), 23984);
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
