//! Word breaks put right before anything is matched: breaks an evasion took away are restored
//! (`y o u a r e a n i d i o t`, `т ы и д и о т`, `hateMuslims`, `#killalljews`) and breaks it put
//! inside a word are removed (`Mus-lims`, `id-iot`).
//!
//! Why: the lexicon and the context rules read words, and a word-list classifier must not match
//! inside words (Scunthorpe, cocktail). So a message whose words are glued together or cut apart
//! says nothing to them. Where the original carries a sign that breaks are wrong, this pass
//! splits the token into words of a vocabulary, or joins the pieces, and only when a harmful word
//! comes out of it. The signs:
//! - a token joined from letters spelled out one by one (the normaliser records them): the
//!   spaces between the letters were not word breaks, so where the words end is unknown;
//! - a lowercase letter followed by a capital inside a token (`hateMuslims`, `KillAllJews`);
//! - a hashtag (`#killalljews`), split only into three words or more, so that a real word which
//!   happens to be two vocabulary words (`#therapist`) stays whole;
//! - a message that is one token (`youareanidiot`, `тыидиот`): split like a hashtag, or freely
//!   when its first word addresses the reader (`you`, `ur`, `ты`); in a longer message, any
//!   token of 10 bytes or more that opens with `you`, `ur` or `ты` (`lol youareanidiot haha`);
//! - two parts of one harmful word with `-`, `/`, `~`, `+`, `|` or `\` between them (`Mus-lims`),
//!   joined only when neither part is a harmful word on its own.
//!
//! The vocabulary (compiled into the tables) is every one-word term of the deny lexicons and of
//! the context vocabulary, plus `lexicons/common.tsv`: the everyday words such messages are made
//! of. A split must cover the whole token with vocabulary words (stems may take a short ending)
//! and contain at least one harmful word; among the splits the one with the fewest words wins.

use crate::lexicon::{data_lines, Entry};
use crate::normalize::Normalized;
use crate::tables::codec::{DecodeError, Reader, Writer};
use crate::tables::words::Words;

/// Tokens longer than this (in bytes) are left alone: no word is that long, and the search
/// stays cheap on hostile input.
const MAX_TOKEN_BYTES: usize = 96;
/// At most this many tokens of one message are searched (hostile input: many spelled runs).
const MAX_TOKENS: usize = 32;
/// Letters a stem may take as an ending inside a split (`убь` + `ю`, `kill` + `ing`).
const MAX_ENDING_CHARS: usize = 3;
/// The one-letter words a glued token may start with (`#ihatejews`, `#яненавижу...`).
const LONE_LETTERS: [&str; 3] = ["i", "u", "я"];
/// The only two-letter words a glued token may hold (`#gokillyourself`): short words are what
/// real words are made of (`dick in son`, `хер со на`, `вы жида ли`).
const GLUED_SHORT_WORDS: [&str; 6] = ["go", "ur", "we", "ты", "вы", "мы"];

/// Whether `word` may be one of the words of a glued token (`first`: at its start).
fn glued_word_ok(word: &str, first: bool) -> bool {
    let mut c = word.chars();
    match (c.next(), c.next(), c.next()) {
        (Some(_), None, _) => first && LONE_LETTERS.contains(&word),
        (Some(_), Some(_), None) => GLUED_SHORT_WORDS.contains(&word),
        _ => true,
    }
}
/// A message of one token is searched from this many bytes on (`uridiot`).
const MIN_LONE_TOKEN_BYTES: usize = 6;
/// The words that let a lone token split freely (any vocabulary word, two words or more:
/// `you are an idiot`, `ты идиот`, `ur mom is a whore`): a message that starts by addressing
/// the reader is a sentence typed without spaces. Any other lone token is split as a hashtag is
/// (three words, few short ones: `therapist` is not `the rapist`).
const ADDRESS_WORDS: [&str; 7] = ["you", "youre", "your", "u", "ur", "ты", "твоя"];
/// Inside a longer message, a token is searched as glued words only from this many bytes on
/// and only when it opens with one of these (a lone `u` opens too many words: `username`).
const MIN_GLUED_BYTES: usize = 10;
const GLUED_OPENERS: [&str; 3] = ["you", "ur", "ты"];
/// The first bytes of [`GLUED_OPENERS`] (`т` is `0xD1 0x82`): what the byte after a space must
/// be for a token to be looked at.
fn opens_glued(byte: u8) -> bool {
    matches!(byte, b'y' | b'u' | 0xD1)
}
/// Shorter hashtags are not searched (most of a chat's hashtags are one word).
const MIN_HASHTAG_BYTES: usize = 8;
/// What one more word costs a split; a letter of a stem's ending costs more than a word, so
/// `killalljews` is `kill all jews`, not `killall jews`.
const WORD_COST: u32 = 8;
const ENDING_COST: u32 = WORD_COST + 1;

/// The vocabulary a token may be split into: its words sorted bytewise, with two flags each. Looked up by narrowing a range of the
/// sorted words one byte at a time, which finds every word that starts a text as a trie would,
/// but stores only the words (a trie's nodes took four times the bytes).
#[derive(Clone, Debug, Default)]
pub(crate) struct WordBreaks {
    words: Words,
    /// Per word: [`OPEN`] (a stem: any ending) and [`HARMFUL`].
    flags: Vec<u8>,
    /// `starts[b]..starts[b + 1]` are the words whose first byte is `b` (derived, not stored):
    /// the first step of every lookup, without a search.
    starts: Vec<u32>,
}

const OPEN: u8 = 1;
const HARMFUL: u8 = 2;

impl WordBreaks {
    /// Builds the vocabulary from `(word, open, harmful)` triples; words with a space and empty
    /// words are skipped.
    pub(crate) fn new(words: &[(&str, bool, bool)]) -> WordBreaks {
        let mut sorted: Vec<(&str, u8)> = words
            .iter()
            .filter(|w| !w.0.is_empty() && !w.0.contains(' '))
            .map(|&(w, open, harmful)| {
                (
                    w,
                    if open { OPEN } else { 0 } | if harmful { HARMFUL } else { 0 },
                )
            })
            .collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut v = WordBreaks::default();
        for (w, f) in sorted {
            v.words.push(w);
            v.flags.push(f);
        }
        v.index_first_bytes();
        v
    }

    fn index_first_bytes(&mut self) {
        let n = self.words.len();
        self.starts = (0..=256u32)
            .map(|b| self.first_in(0, n, |w| w.first().map_or(true, |&f| u32::from(f) >= b)) as u32)
            .collect();
    }

    fn word(&self, i: usize) -> &[u8] {
        self.words.get(i).as_bytes()
    }

    /// The first index in `lo..hi` whose word satisfies `pred` (false, then true, along the range).
    fn first_in(&self, mut lo: usize, mut hi: usize, pred: impl Fn(&[u8]) -> bool) -> usize {
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.word(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        lo
    }

    /// Calls `f(len, open, harmful)` for every vocabulary word that `text` starts with, shortest
    /// first.
    fn prefixes(&self, text: &[u8], mut f: impl FnMut(usize, bool, bool)) {
        let Some(&b0) = text.first() else {
            return;
        };
        let (mut lo, mut hi) = match self.starts.get(b0 as usize..b0 as usize + 2) {
            Some(&[lo, hi]) => (lo as usize, hi as usize),
            _ => (0, self.words.len()),
        };
        for (k, &b) in text.iter().enumerate() {
            // The words in `lo..hi` all start with `text[..k]`: those that go on with `b` are
            // one run of them.
            if k > 0 {
                lo = self.first_in(lo, hi, |w| w.len() > k && w[k] >= b);
                hi = self.first_in(lo, hi, |w| w.len() > k && w[k] > b);
            }
            if lo == hi {
                return;
            }
            let mut i = lo;
            while i < hi && self.word(i).len() == k + 1 {
                let fl = self.flags[i];
                f(k + 1, fl & OPEN != 0, fl & HARMFUL != 0);
                i += 1;
            }
        }
    }

    /// The vocabulary of the built-in lexicons: the deny terms (all harmful), the context
    /// vocabulary and the common words of `common` (`(name, contents)`, one word a line).
    pub(crate) fn from_lexicons(
        deny: &[Entry],
        context: &crate::context::Context,
        common: (&str, &str),
    ) -> Result<WordBreaks, String> {
        let mut words: Vec<(&str, bool, bool)> = Vec::new();
        for e in deny {
            if !e.term.open_start && !e.term.text.contains(' ') {
                words.push((&e.term.text, e.term.open_end, true));
            }
        }
        words.extend(context.single_words());
        let (name, contents) = common;
        for (n, line) in data_lines(contents) {
            let w = line.trim();
            if w.contains(char::is_whitespace) || w.chars().any(|c| c.is_uppercase()) {
                return Err(format!("{name}:{n}: one lowercase word a line, got {w:?}"));
            }
            words.push((w, false, false));
        }
        Ok(WordBreaks::new(&words))
    }

    /// Whether `word` is a harmful word of the vocabulary, or starts with a harmful stem.
    fn is_harmful(&self, word: &str) -> bool {
        let mut found = false;
        self.prefixes(word.as_bytes(), |len, open, harmful| {
            found |= harmful && (open || len == word.len());
        });
        found
    }

    /// Splits `token` into vocabulary words if it can be done with at least one harmful word and
    /// at least `min_words` words: the byte offsets (inside `token`) where words start, after
    /// the first. `glued` (a hashtag or a case change, where the letters were typed as words):
    /// no one-letter words but a first `i`, `u` or `я`, few two-letter words, and stem endings
    /// only at the end; checked against 300,000 frequent English and Russian words, these rules
    /// keep a hashtag of a real word whole (`#ожидали` is not `о жида ли`, `#cockatoo` not
    /// `cock a too`, `#dickinson` not `dick in son`).
    fn split(&self, token: &str, min_words: u32, glued: bool, out: &mut Vec<usize>) -> bool {
        let t = token.as_bytes();
        let n = t.len();
        if n == 0 || n > MAX_TOKEN_BYTES {
            return false;
        }
        // Per end position: (cost, words, harmful, start of the last word).
        let mut best = [(u32::MAX, 0u32, false, 0usize); MAX_TOKEN_BYTES + 1];
        best[0] = (0, 0, false, 0);
        for i in 0..n {
            let (cost, words, harmful, _) = best[i];
            if cost == u32::MAX || !token.is_char_boundary(i) {
                continue;
            }
            self.prefixes(&t[i..], |len, open, signal| {
                let mut j = i + len;
                if glued && !token.get(i..j).is_some_and(|w| glued_word_ok(w, i == 0)) {
                    return;
                }
                let mut ending = 0;
                loop {
                    // Glued words: a stem takes an ending only at the end (`вы жида ли` is
                    // `выжидали`, "waited").
                    if token.is_char_boundary(j) && (!glued || ending == 0 || j == n) {
                        let c = cost + WORD_COST + ENDING_COST * ending;
                        let h = harmful || signal;
                        let b = &mut best[j];
                        if c < b.0 || (c == b.0 && h && !b.2) {
                            *b = (c, words + 1, h, i);
                        }
                    }
                    if !open || ending as usize >= MAX_ENDING_CHARS || j >= n {
                        break;
                    }
                    // One more char of ending.
                    j += 1;
                    while j < n && !token.is_char_boundary(j) {
                        j += 1;
                    }
                    ending += 1;
                }
            });
        }
        let (cost, words, harmful, _) = best[n];
        if cost == u32::MAX || !harmful || words < min_words.max(2) {
            return false;
        }
        let from = out.len();
        let mut j = n;
        while j > 0 {
            let start = best[j].3;
            if start > 0 {
                out.push(start);
            }
            j = start;
        }
        out[from..].reverse();
        true
    }

    /// Splits `token` into vocabulary words freely (any word, two or more, one harmful) if its
    /// first word addresses the reader ([`ADDRESS_WORDS`]); the breaks go to `at`. On failure
    /// `at` is left empty.
    fn addressed_split(&self, token: &str, at: &mut Vec<usize>) -> bool {
        at.clear();
        let ok = self.split(token, 2, false, at)
            && token
                .get(..at[0])
                .is_some_and(|w| ADDRESS_WORDS.contains(&w));
        if !ok {
            at.clear();
        }
        ok
    }

    /// Restores and removes word breaks in `norm` (normalised from `source`) where the signs
    /// above say they are wrong. When nothing was spelled out this costs one table lookup per
    /// byte of the source; it allocates only when a sign is found.
    pub(crate) fn restore(&self, source: &str, norm: &mut Normalized) {
        let src = source.as_bytes();
        let mut signs = [(Sign::Case, 0usize); MAX_TOKENS];
        let found = find_signs(src, &mut signs);
        let glued = glued_candidates(norm.as_str());
        if found == 0 && norm.spelled_out().is_empty() && glued.iter().all(Option::is_none) {
            return;
        }
        let text = norm.as_str();
        let bytes = text.as_bytes();
        let mut breaks: Vec<usize> = Vec::new();
        let mut searched: Vec<usize> = Vec::new();
        let mut split =
            |start: usize, end: usize, min: u32, glued: bool, breaks: &mut Vec<usize>| {
                if searched.len() >= MAX_TOKENS || searched.contains(&start) {
                    return;
                }
                searched.push(start);
                let mut at = Vec::new();
                if let Some(token) = text.get(start..end) {
                    if self.split(token, min, glued, &mut at) {
                        breaks.extend(at.iter().map(|k| start + k));
                    }
                }
            };
        for &(s, e) in norm.spelled_out() {
            split(s as usize, e as usize, 2, false, &mut breaks);
        }
        for &(sign, p) in &signs[..found] {
            match sign {
                Sign::Case => {
                    // The token holding the capital, if it is not the token's first letter.
                    let k = norm.first_from(p);
                    if k == 0 || k >= bytes.len() || bytes[k - 1] == b' ' {
                        continue;
                    }
                    let (s, e) = token_around(bytes, k);
                    split(s, e, 2, true, &mut breaks);
                }
                Sign::Hash => {
                    let k = norm.first_from(p + 1);
                    if k < bytes.len() && (k == 0 || bytes[k - 1] == b' ') {
                        let (s, e) = token_around(bytes, k);
                        // Three words, one of them harmful, take this many bytes at least.
                        if e - s >= MIN_HASHTAG_BYTES {
                            split(s, e, 3, true, &mut breaks);
                        }
                    }
                }
                Sign::Joiner => {
                    let k = norm.first_from(p + 1);
                    if k > 1
                        && k < bytes.len()
                        && bytes[k - 1] == b' '
                        && self.joins(norm, src, k - 1, k)
                    {
                        breaks.push(k - 1);
                    }
                }
            }
        }
        let mut at = Vec::new();
        for &(start, end, lone) in glued.iter().flatten() {
            if searched.contains(&start) {
                continue;
            }
            let token = &text[start..end];
            if self.addressed_split(token, &mut at) || (lone && self.split(token, 3, true, &mut at))
            {
                breaks.extend(at.iter().map(|k| start + k));
            }
        }
        if !breaks.is_empty() {
            breaks.sort_unstable();
            breaks.dedup();
            norm.edit_breaks(&breaks);
        }
    }

    /// Whether the tokens ending at `left_end` and starting at `right_start` (one space apart)
    /// are two parts of one harmful word cut by a joiner sign in the source.
    fn joins(&self, norm: &Normalized, src: &[u8], left_end: usize, right_start: usize) -> bool {
        let (Some(l), Some(r)) = (norm.origin(left_end - 1), norm.origin(right_start)) else {
            return false;
        };
        let gap = src.get(l.1 as usize..r.0 as usize).unwrap_or(&[]);
        if gap.is_empty() || gap.len() > 2 || !gap.iter().all(|&b| is_joiner(b)) {
            return false;
        }
        let text = norm.as_str();
        let (ls, _) = token_around(text.as_bytes(), left_end - 1);
        let (_, re) = token_around(text.as_bytes(), right_start);
        let (Some(left), Some(right)) = (text.get(ls..left_end), text.get(right_start..re)) else {
            return false;
        };
        if !is_letters(left) || !is_letters(right) {
            return false;
        }
        // Only a word cut in two: a compound of three parts or more (`re-tard-ing`) is words.
        let before = norm.origin(ls).map_or(0, |m| m.0 as usize);
        let after = norm.origin(re - 1).map_or(0, |m| m.1 as usize);
        if (before > 0 && src.get(before - 1).copied().is_some_and(is_joiner))
            || src.get(after).copied().is_some_and(is_joiner)
        {
            return false;
        }
        let joined = format!("{left}{right}");
        self.is_harmful(&joined) && !self.is_harmful(left) && !self.is_harmful(right)
    }

    pub(crate) fn encode(&self, w: &mut Writer) {
        self.words.encode(w);
        w.bytes(&self.flags);
    }

    /// Reads what [`encode`](Self::encode) wrote, checking the word ends and flags (the order
    /// of the words is not checked: out of order, lookups miss words but stay in bounds).
    pub(crate) fn decode(r: &mut Reader) -> Result<WordBreaks, DecodeError> {
        let words = Words::decode(r, "word breaks")?;
        let flags = r.bytes()?.to_vec();
        if flags.len() != words.len() || flags.iter().any(|&f| f & !(OPEN | HARMFUL) != 0) {
            return Err("word breaks: one flag byte per word expected".into());
        }
        let mut v = WordBreaks {
            words,
            flags,
            starts: Vec::new(),
        };
        v.index_first_bytes();
        Ok(v)
    }
}

/// A sign in the source that word breaks were taken away or put in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sign {
    /// A capital letter right after a lowercase one (its byte offset).
    Case,
    /// A `#` before a letter (its offset).
    Hash,
    /// A joiner between two letters (its offset).
    Joiner,
}

/// Bytes worth a second look: capitals, `#`, joiners and the second byte of `А`–`Я`.
const INTEREST: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = b'A';
    while b <= b'Z' {
        t[b as usize] = true;
        b += 1;
    }
    let mut k = 0;
    let others = *b"#-/~+|\\";
    while k < others.len() {
        t[others[k] as usize] = true;
        k += 1;
    }
    // The second byte of `А`–`Я` (after 0xD0): a Russian text's lowercase letters never have
    // it, so they cost nothing here.
    let mut c = 0x90;
    while c <= 0xAF {
        t[c] = true;
        c += 1;
    }
    t
};

/// Whether the bytes before `i` end with a lowercase letter (ASCII, or `а`–`я` in UTF-8).
fn lowercase_before(src: &[u8], i: usize) -> bool {
    match i {
        0 => false,
        _ if src[i - 1].is_ascii_lowercase() => true,
        1 => false,
        _ => matches!(
            (src[i - 2], src[i - 1]),
            (0xD0, 0xB0..=0xBF) | (0xD1, 0x80..=0x8F)
        ),
    }
}

/// Whether the bytes before `i` end with a letter (ASCII, or a two-byte Cyrillic one).
fn letter_before(src: &[u8], i: usize) -> bool {
    match i {
        0 => false,
        _ if src[i - 1].is_ascii_alphabetic() => true,
        1 => false,
        _ => matches!(src[i - 2], 0xD0 | 0xD1) && src[i - 1] & 0xC0 == 0x80,
    }
}

/// Whether a letter starts at `i` (ASCII, or a Cyrillic lead byte).
fn letter_at(src: &[u8], i: usize) -> bool {
    src.get(i)
        .is_some_and(|&b| b.is_ascii_alphabetic() || b == 0xD0 || b == 0xD1)
}

/// Fills `out` with the signs of `src`, in order, and returns how many (at most `out.len()`).
fn find_signs(src: &[u8], out: &mut [(Sign, usize)]) -> usize {
    let mut n = 0;
    for (i, &b) in src.iter().enumerate() {
        if !INTEREST[b as usize] {
            continue;
        }
        let sign = match b {
            b'A'..=b'Z' if lowercase_before(src, i) => (Sign::Case, i),
            0x90..=0xAF if i > 0 && src[i - 1] == 0xD0 && lowercase_before(src, i - 1) => {
                (Sign::Case, i - 1)
            }
            b'#' if letter_at(src, i + 1) => (Sign::Hash, i),
            _ if is_joiner(b) && letter_before(src, i) && letter_at(src, i + 1) => {
                (Sign::Joiner, i)
            }
            _ => continue,
        };
        if n == out.len() {
            break;
        }
        out[n] = sign;
        n += 1;
    }
    n
}

/// At most this many tokens of a message are searched as glued words without a sign.
const MAX_GLUED_TOKENS: usize = 4;

/// The tokens of the normalised message searched for glued words without a sign, as byte
/// ranges with whether the token is the message's only word:
/// - the only word, with nothing after it but punctuation (`youareanidiot !`), from
///   [`MIN_LONE_TOKEN_BYTES`] on;
/// - otherwise any token (the first [`MAX_GLUED_TOKENS`]) from [`MIN_GLUED_BYTES`] on that
///   opens with one of [`GLUED_OPENERS`] ("lol youareanidiot haha", "ну тыидиот, понял?"). One
///   pass over the bytes finds them; a token is looked at only when its first byte could open
///   one (`y`, `u`, or the lead byte of `т`).
fn glued_candidates(text: &str) -> [Option<(usize, usize, bool)>; MAX_GLUED_TOKENS] {
    let b = text.as_bytes();
    let mut out = [None; MAX_GLUED_TOKENS];
    let first_end = b.iter().position(|&c| c == b' ').unwrap_or(b.len());
    if (MIN_LONE_TOKEN_BYTES..=MAX_TOKEN_BYTES).contains(&first_end)
        && b[first_end..]
            .iter()
            .all(|c| c.is_ascii_punctuation() || *c == b' ')
    {
        out[0] = Some((0, first_end, true));
        return out;
    }
    let mut n = 0;
    let mut consider = |start: usize| {
        let rest = &b[start..];
        if n < MAX_GLUED_TOKENS && GLUED_OPENERS.iter().any(|w| rest.starts_with(w.as_bytes())) {
            let len = rest.iter().position(|&c| c == b' ').unwrap_or(rest.len());
            if (MIN_GLUED_BYTES..=MAX_TOKEN_BYTES).contains(&len) {
                out[n] = Some((start, start + len, false));
                n += 1;
            }
        }
    };
    consider(0);
    for_each_opening(b, &mut consider);
    out
}

/// Calls `f`, in order, with the index of every byte of `b` right after a space that may open
/// a glued token ([`opens_glued`]; the word-wide mask below spells out the same three bytes).
/// Eight bytes at a time, with the next byte of each one shifted in: most bytes are neither,
/// and this runs on every message.
fn for_each_opening(b: &[u8], mut f: impl FnMut(usize)) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    /// High bit set in each byte of `x` that is zero (and, rarely, in a byte above such a one,
    /// which the exact check below drops).
    fn zeros(x: u64) -> u64 {
        x.wrapping_sub(ONES) & !x & HIGHS
    }
    let n = b.len();
    let mut at = 0;
    while at + 9 <= n {
        let mut word = [0u8; 8];
        word.copy_from_slice(&b[at..at + 8]);
        let here = u64::from_le_bytes(word);
        word.copy_from_slice(&b[at + 1..at + 9]);
        let next = u64::from_le_bytes(word);
        let mut m = zeros(here ^ (ONES * u64::from(b' ')))
            & (zeros(next ^ (ONES * u64::from(b'y')))
                | zeros(next ^ (ONES * u64::from(b'u')))
                | zeros(next ^ (ONES * 0xD1)));
        while m != 0 {
            let k = at + (m.trailing_zeros() / 8) as usize;
            if b[k] == b' ' && opens_glued(b[k + 1]) {
                f(k + 1);
            }
            m &= m - 1;
        }
        at += 8;
    }
    for k in at..n.saturating_sub(1) {
        if b[k] == b' ' && opens_glued(b[k + 1]) {
            f(k + 1);
        }
    }
}

/// The token of `bytes` (space-separated) that holds byte `k`.
fn token_around(bytes: &[u8], k: usize) -> (usize, usize) {
    let mut s = k;
    while s > 0 && bytes[s - 1] != b' ' {
        s -= 1;
    }
    let mut e = k;
    while e < bytes.len() && bytes[e] != b' ' {
        e += 1;
    }
    (s, e)
}

fn is_joiner(b: u8) -> bool {
    matches!(b, b'-' | b'/' | b'~' | b'+' | b'|' | b'\\')
}

fn is_letters(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn vocab() -> WordBreaks {
        WordBreaks::new(&[
            ("you", false, false),
            ("are", false, false),
            ("an", false, false),
            ("a", false, false),
            ("all", false, false),
            ("the", false, false),
            ("ты", false, false),
            ("idiot", false, true),
            ("moron", false, true),
            ("rapist", false, true),
            ("kill", true, true),
            ("jews", false, true),
            ("muslims", false, true),
            ("hate", false, true),
            ("идиот", true, true),
            ("cock", false, true),
            ("tail", false, false),
            ("retard", true, true),
            ("i", false, false),
            ("о", false, false),
            ("ли", false, false),
            ("вы", false, false),
            ("жид", true, true),
        ])
    }

    #[test]
    fn splits() {
        let v = vocab();
        // (token, fewest words, glued, split)
        let table: &[(&str, u32, bool, Option<&str>)] = &[
            ("youareanidiot", 2, false, Some("you are an idiot")),
            ("amoron", 2, false, Some("a moron")),
            ("killalljews", 3, true, Some("kill all jews")),
            ("killingalljews", 2, false, Some("killing all jews")),
            ("тыидиота", 2, true, Some("ты идиота")),
            ("hatemuslims", 2, true, Some("hate muslims")),
            ("ihatejews", 3, true, Some("i hate jews")),
            // Two words where three are asked for (a hashtag): a real word may be two words.
            ("therapist", 3, true, None),
            // Glued: no one-letter word but a first `i`, no ending inside.
            ("amoron", 2, true, None),
            ("ожидали", 3, false, Some("о жида ли")),
            ("ожидали", 3, true, None),
            ("выжидали", 3, true, None),
            ("выжидали", 3, false, Some("вы жида ли")),
            ("killingalljews", 2, true, None),
            // Nothing harmful: left whole.
            ("youare", 2, false, None),
            // Not all of it is vocabulary.
            ("scunthorpe", 2, false, None),
            ("amoronx", 2, false, None),
            // One word is not a split.
            ("idiot", 2, false, None),
            ("", 2, false, None),
        ];
        for &(token, min, glued, want) in table {
            let mut at = Vec::new();
            let got = v.split(token, min, glued, &mut at).then(|| {
                let mut s = String::new();
                let mut prev = 0;
                for &k in &at {
                    s.push_str(&token[prev..k]);
                    s.push(' ');
                    prev = k;
                }
                s.push_str(&token[prev..]);
                s
            });
            assert_eq!(got.as_deref(), want, "{token} {glued}");
        }
        // "cock" + "tail" are both words, one of them harmful: a spelled-out "cocktail" is split,
        // which is why only tokens with a sign are ever searched.
        assert!(v.split("cocktail", 2, false, &mut Vec::new()));
        let long = "a".repeat(MAX_TOKEN_BYTES + 1);
        assert!(!v.split(&long, 2, false, &mut Vec::new()));
    }

    #[test]
    fn harmful_words_and_stems() {
        let v = vocab();
        assert!(v.is_harmful("idiot"));
        assert!(v.is_harmful("killer"));
        assert!(v.is_harmful("идиоты"));
        assert!(!v.is_harmful("idio"));
        assert!(!v.is_harmful("you"));
        assert!(!v.is_harmful("idiots"));
    }

    fn restored(text: &str) -> (String, Normalized) {
        let mut norm = normalize(text);
        vocab().restore(text, &mut norm);
        (norm.as_str().to_string(), norm)
    }

    #[test]
    fn signs_in_the_source() {
        let table: &[(&str, &str)] = &[
            ("y o u a r e a n i d i o t", "you are an idiot"),
            ("you are a m o r o n", "you are a moron"),
            ("т ы и д и о т", "ты идиот"),
            ("I hateMuslims", "i hate muslims"),
            ("#killalljews now", "kill all jews now"),
            ("I hate Mus-lims", "i hate muslims"),
            ("an id/iot", "an idiot"),
            // A message of one token, addressing the reader: split freely.
            ("youareanidiot", "you are an idiot"),
            ("Youareanidiot!!", "you are an idiot !"),
            ("тыидиот", "ты идиот"),
            // A message of one token not addressing the reader: split as a hashtag is.
            ("killalljews", "kill all jews"),
            ("therapist", "therapist"),
            ("выжидали", "выжидали"),
            // Inside a longer message, a token that opens by addressing the reader.
            ("lol youareanidiot", "lol you are an idiot"),
            ("ну и тыидиот", "ну и ты идиот"),
            // Any token, up to four of them.
            ("lol youareanidiot haha", "lol you are an idiot haha"),
            (
                "so what now youareanidiot ok",
                "so what now you are an idiot ok",
            ),
            // A long token that opens like an address but holds no harmful word stays whole.
            ("lol yourselves only", "lol yourselves only"),
            // No sign: glued words stay glued, cut words stay cut.
            ("lol killalljews", "lol killalljews"),
            ("the youngsters left", "the youngsters left"),
            ("an id iot", "an id iot"),
            // A sign but no harmful word.
            ("YouAre", "youare"),
            ("well-known", "well known"),
            // Both parts harmful on their own: not one word.
            ("kill-kill", "kill kill"),
            // Three parts: a compound, not a word cut in two.
            ("re-tard-ing", "re tard ing"),
            ("a re-tard", "a retard"),
            // A hashtag of two words.
            ("#therapist", "therapist"),
        ];
        for &(text, want) in table {
            assert_eq!(restored(text).0, want, "{text}");
        }
    }

    #[test]
    fn every_opening_is_found_once_in_order() {
        for text in [
            "",
            " ",
            " y",
            "a yb",
            "        u",
            "one you  uthree   !y! ! yfour",
            "ты идиот, тупой ! да \u{442}ы",
            "abcdefg yh",
            "abcdefgh y! !!u                 y",
            "\u{2020}  \u{120} !x yy uu \u{479}",
        ] {
            let b = text.as_bytes();
            let mut got = Vec::new();
            for_each_opening(b, |k| got.push(k));
            let want: Vec<usize> = (1..b.len())
                .filter(|&k| b[k - 1] == b' ' && opens_glued(b[k]))
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
        // The bytes looked for are exactly the openers' first bytes.
        let firsts: Vec<u8> = GLUED_OPENERS.iter().map(|w| w.as_bytes()[0]).collect();
        assert!((0..=255u8).all(|c| opens_glued(c) == firsts.contains(&c)));
    }

    #[test]
    fn spans_still_point_at_the_letters() {
        let text = "so y o u a r e a n i d i o t";
        let (out, norm) = restored(text);
        let at = out.find("idiot").unwrap();
        let (s, e) = norm.source_span(at, at + "idiot".len());
        assert_eq!(&text[s..e], "i d i o t");
        let at = out.find("you").unwrap();
        let (s, e) = norm.source_span(at, at + 3);
        assert_eq!(&text[s..e], "y o u");
        let text = "I hate Mus-lims!";
        let (out, norm) = restored(text);
        let at = out.find("muslims").unwrap();
        let (s, e) = norm.source_span(at, at + "muslims".len());
        assert_eq!(&text[s..e], "Mus-lims");
    }

    #[test]
    fn round_trip_and_damage() {
        let v = vocab();
        let mut w = Writer::default();
        v.encode(&mut w);
        let back = WordBreaks::decode(&mut Reader::new(&w.out)).unwrap();
        assert_eq!(back.words, v.words);
        assert_eq!(back.flags, v.flags);
        for cut in 0..w.out.len() {
            assert!(WordBreaks::decode(&mut Reader::new(&w.out[..cut])).is_err());
        }
        let mut bad = w.out.clone();
        let last = bad.len() - 1;
        bad[last] = 9; // a flag that means nothing
        assert!(WordBreaks::decode(&mut Reader::new(&bad)).is_err());
    }

    #[test]
    fn hostile_input_stays_cheap() {
        let v = vocab();
        let text = "a.m.o.r.o.n ".repeat(20_000);
        let mut norm = normalize(&text);
        assert_eq!(norm.spelled_out().len(), 20_000);
        v.restore(&text, &mut norm);
        // Only the first MAX_TOKENS spelled-out tokens are searched.
        assert_eq!(norm.as_str().matches("a moron").count(), MAX_TOKENS);
        // One spelled-out run longer than any split is left whole.
        let text = "a m o r o n ".repeat(20);
        let mut norm = normalize(&text);
        v.restore(&text, &mut norm);
        assert!(!norm.as_str().contains(' '));
    }
}
