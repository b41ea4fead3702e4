//! Plain words, the bulk of most messages, scanned once and written in stretches.
//!
//! A word of 2+ ASCII letters that votes Latin, or of 2+ lowercase Russian letters `а..я` that
//! votes Cyrillic, with no tripled letter, comes out as it is (ASCII lowercased), each char mapping
//! to itself; when such words follow each other with one space between them, the space between two
//! tokens maps to the gap between them, which is that space. So the whole stretch is the input
//! (ASCII lowercased) with the identity map, and is written in one piece instead of word by word.

use super::confusables;

/// What the emitter needs to know about a run of ASCII letters, gathered in the one pass that
/// finds its end.
#[derive(Clone, Copy)]
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

/// Scans the lowercase Russian letters `а..я` (not `ё`, which becomes `е`) at the start of
/// `bytes`: are there 2+ of them, is one not a Latin look-alike, and is none the third of a kind
/// in a row? Returns their length in bytes if so.
fn plain_russian(bytes: &[u8], latin_default: bool) -> Option<usize> {
    let mut votes_cyrillic = false;
    let mut triple = false;
    let (mut p1, mut p2) = (u8::MAX, u8::MAX);
    let mut k = 0;
    while let (Some(&b0), Some(&b1)) = (bytes.get(k), bytes.get(k + 1)) {
        // Index of the letter from `а` (two-byte UTF-8: D0 B0..BF, D1 80..8F).
        let idx = match (b0, b1) {
            (0xD0, 0xB0..=0xBF) => b1 - 0xB0,
            (0xD1, 0x80..=0x8F) => b1 - 0x80 + 16,
            _ => break,
        };
        let c = char::from_u32(0x430 + u32::from(idx)).unwrap_or('а');
        votes_cyrillic |= confusables::russian_votes_cyrillic(c, false).unwrap_or(false);
        triple |= (idx == p1) & (idx == p2);
        p2 = p1;
        p1 = idx;
        k += 2;
    }
    (k >= 4 && !triple && (votes_cyrillic || !latin_default)).then_some(k)
}

/// A stretch of plain words separated by single spaces, found by [`stretch`].
pub(crate) struct Stretch {
    /// End of the stretch's last word.
    pub end: usize,
    /// Letters in the stretch, by script.
    pub latin: usize,
    pub cyrillic: usize,
    /// Where the word after the stretch starts, and the scan of its leading ASCII letters.
    pub next: usize,
    pub next_word: AsciiLetters,
}

/// If the word at `bytes[start..]` (whose leading ASCII letters were scanned as `first`) is plain
/// and followed by one space and another letter, the longest stretch of such words from there.
/// The ASCII letters of the word after the stretch are scanned too, so none is scanned twice.
#[inline]
pub(crate) fn stretch(
    bytes: &[u8],
    start: usize,
    first: &AsciiLetters,
    latin_default: bool,
) -> Option<Stretch> {
    // Another word follows `end` after one space (what it is made of is checked next).
    let continues = |end: usize| {
        bytes.get(end) == Some(&b' ')
            && bytes
                .get(end + 1)
                .is_some_and(|&b| b.is_ascii_alphabetic() || b == 0xD0 || b == 0xD1)
    };
    let (mut latin, mut cyrillic) = (0, 0);
    let mut at = start;
    let mut w = *first;
    loop {
        // The end of the plain word at `at` (whose leading ASCII letters are `w`), if it is one.
        let end = if w.len > 0 {
            w.is_plain(latin_default).then_some(at + w.len)
        } else {
            plain_russian(bytes.get(at..).unwrap_or(&[]), latin_default).map(|n| at + n)
        };
        match end {
            Some(end) if continues(end) => {
                if w.len > 0 {
                    latin += w.len;
                } else {
                    cyrillic += (end - at) / 2;
                }
                at = end + 1;
                w = scan_ascii_letters(bytes.get(at..).unwrap_or(&[]));
            }
            _ if at == start => return None,
            _ => {
                return Some(Stretch {
                    end: at - 1,
                    latin,
                    cyrillic,
                    next: at,
                    next_word: w,
                })
            }
        }
    }
}
