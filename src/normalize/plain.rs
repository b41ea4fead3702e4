//! Plain ASCII words, the bulk of most messages, scanned once and written in stretches.
//!
//! A word of 2+ ASCII letters that votes Latin and has no tripled letter comes out lowercased,
//! each byte mapping to itself; when such words follow each other with one space between them,
//! the space between two tokens maps to the gap between them, which is that space. So the whole
//! stretch is the input lowercased with the identity map, and is written in one piece instead of
//! word by word.

use super::confusables;

/// What the emitter needs to know about a run of ASCII letters, gathered in the one pass that
/// finds its end.
pub(crate) struct AsciiLetters {
    /// Number of letters (= bytes).
    pub len: usize,
    /// Some letter is not a Russian look-alike, so the word is Latin.
    pub votes_latin: bool,
    /// Some letter is the third of a kind in a row (case-insensitively): repeats to collapse.
    pub triple: bool,
}

impl AsciiLetters {
    /// Is this word, when it ends at a space, written as its own lowercased bytes?
    /// (`latin_default`: a word of look-alike letters only is Latin in this message.)
    #[inline]
    fn is_plain(&self, latin_default: bool) -> bool {
        self.len >= 2 && !self.triple && (self.votes_latin || latin_default)
    }
}

/// Scans the ASCII letters at the start of `bytes`.
#[inline]
pub(crate) fn scan_ascii_letters(bytes: &[u8]) -> AsciiLetters {
    let mut votes_latin = false;
    let mut triple = false;
    // The two letters before, lowercased (0: none; no letter lowercases to 0).
    let (mut p1, mut p2) = (0u8, 0u8);
    let mut len = 0;
    for &b in bytes {
        if !b.is_ascii_alphabetic() {
            break;
        }
        let l = b | 0x20;
        votes_latin |= confusables::ascii_votes_latin(b);
        triple |= (l == p1) & (l == p2);
        p2 = p1;
        p1 = l;
        len += 1;
    }
    AsciiLetters {
        len,
        votes_latin,
        triple,
    }
}

/// A stretch of plain words separated by single spaces, found by [`stretch`].
pub(crate) struct Stretch {
    /// End of the stretch's last word.
    pub end: usize,
    /// Letters in the stretch.
    pub letters: usize,
    /// Where the word after the stretch starts, and its scan.
    pub next: usize,
    pub next_word: AsciiLetters,
}

/// If the word at `bytes[start..]` (scanned as `first`) is plain and followed by one space and
/// another ASCII letter, the longest stretch of such words from there. The word after the
/// stretch is scanned too (it starts with an ASCII letter), so no byte is scanned twice.
#[inline]
pub(crate) fn stretch(
    bytes: &[u8],
    start: usize,
    first: &AsciiLetters,
    latin_default: bool,
) -> Option<Stretch> {
    let continues = |end: usize| {
        bytes.get(end) == Some(&b' ') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
    };
    let mut end = start + first.len;
    if !(first.is_plain(latin_default) && continues(end)) {
        return None;
    }
    let mut letters = first.len;
    loop {
        let next = end + 1;
        let w = scan_ascii_letters(bytes.get(next..).unwrap_or(&[]));
        if w.is_plain(latin_default) && continues(next + w.len) {
            end = next + w.len;
            letters += w.len;
            continue;
        }
        return Some(Stretch {
            end,
            letters,
            next,
            next_word: w,
        });
    }
}
