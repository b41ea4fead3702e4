//! Per-character stage: turns every input `char` into zero or more classified [`Unit`]s.
//!
//! This is where compatibility folding (NFKD per char), lowercasing, diacritic stripping and
//! dropping of invisible characters happen. Working one input char at a time keeps the cost linear
//! and lets every produced unit remember exactly which original bytes it came from, which is what
//! the offset map is built from. Because combining marks are dropped anyway, NFKD per char followed
//! by mark removal gives the same letters as "NFKC, then NFD, then strip marks".

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use super::confusables::{self, MessageScript, Votes};

/// What a unit is, as far as tokenisation cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A letter of any script (already lowercased and stripped of marks).
    Letter,
    /// A digit: ASCII `0-9`, or another script's decimal digit (kept verbatim, never leet-decoded).
    Digit,
    /// `@ $ |`: symbols that may stand for letters in leetspeak.
    Sym,
    /// An apostrophe. `c` is `'\''` if it may also act as a quote mark, `` '`' `` otherwise.
    Apos,
    /// One of `. , ! ? : ; ( ) " - _ * /`; every quotation mark arrives here as `"`.
    Punct,
    /// Whitespace.
    Space,
    /// Anything else (emoji, other symbols, control chars): a separator.
    Other,
}

/// Script of a letter. Only Latin and Cyrillic take part in look-alike folding; Greek letters are
/// folded into whichever of the two a word is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Cyrillic,
    Greek,
    Other,
}

/// One classified character of the folded text, with the byte range of the original input char it
/// came from. One input char can yield several units (`ß` → `s s`, `½` → `1 / 2`); all of them carry
/// the same range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    /// The folded char (lowercase, no diacritics).
    pub c: char,
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// Meaningful for letters only.
    pub script: Script,
    /// The original char was an uppercase letter: needed to tell `end.Start` (sentence end) from
    /// `fu.ck`, and Latin `B`/`H` (which look like Cyrillic `В`/`Н`) from `b`/`h`.
    pub upper: bool,
}

impl Unit {
    /// Space or other separator: nothing of a token.
    #[inline]
    pub(crate) fn is_sep(&self) -> bool {
        matches!(self.kind, Kind::Space | Kind::Other)
    }
}

/// Receives the output of [`map_char`].
pub(crate) trait Sink {
    fn unit(&mut self, u: Unit);
    /// A combining mark (already dropped from the text). `end` is the end of the char that
    /// produced it, so the previous letter's span can grow to cover it.
    fn mark(&mut self, m: char, end: u32);
}

const fn ascii_kind(b: u8) -> Kind {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Kind::Letter,
        b'0'..=b'9' => Kind::Digit,
        b'@' | b'$' | b'|' => Kind::Sym,
        b'\'' | b'`' => Kind::Apos,
        b'.' | b',' | b'!' | b'?' | b':' | b';' | b'(' | b')' | b'"' | b'-' | b'_' | b'*'
        | b'/' => Kind::Punct,
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Kind::Space,
        _ => Kind::Other,
    }
}

/// Kind of every ASCII byte: the fast path never touches the Unicode tables.
pub(crate) static ASCII_KIND: [Kind; 128] = {
    let mut t = [Kind::Other; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = ascii_kind(i as u8);
        i += 1;
    }
    t
};

/// The unit for an ASCII char (`b < 0x80`). `upper` is passed in because the char may already have
/// been lowercased (e.g. it came out of the decomposition of `𝐊`).
#[inline]
pub(crate) fn ascii_unit(b: u8, start: u32, end: u32, upper: bool) -> Unit {
    let kind = ASCII_KIND[(b & 0x7f) as usize];
    Unit {
        c: b.to_ascii_lowercase() as char,
        start,
        end,
        kind,
        script: if matches!(kind, Kind::Letter) {
            Script::Latin
        } else {
            Script::Other
        },
        upper,
    }
}

#[inline]
fn unit(c: char, start: u32, end: u32, kind: Kind, script: Script, upper: bool) -> Unit {
    Unit {
        c,
        start,
        end,
        kind,
        script,
        upper,
    }
}

/// Default-ignorable characters that are removed without splitting a word: zero-width chars, soft
/// hyphen, bidi controls, variation selectors, fillers, tags. Evaders put them inside words
/// (`k\u{200B}ill`) because they are invisible.
pub(crate) fn is_ignorable(cp: u32) -> bool {
    matches!(
        cp,
        0x00AD
            | 0x034F
            | 0x061C
            | 0x115F
            | 0x1160
            | 0x17B4
            | 0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// Enclosed and regional-indicator Latin letters that NFKC leaves alone but that read as plain
/// letters (`🇰🇮🇱🇱`, `🅺🅸🅻🅻`, `⒦⒤⒧⒧`). Returns the letter index 0..26 and whether it is a capital.
fn enclosed_letter(cp: u32) -> Option<(u32, bool)> {
    match cp {
        0x1F1E6..=0x1F1FF => Some((cp - 0x1F1E6, true)), // regional indicators
        0x1F150..=0x1F169 => Some((cp - 0x1F150, true)), // negative circled capitals
        0x1F170..=0x1F189 => Some((cp - 0x1F170, true)), // negative squared capitals
        0x1F110..=0x1F129 => Some((cp - 0x1F110, true)), // parenthesized capitals
        0x249C..=0x24B5 => Some((cp - 0x249C, false)),   // parenthesized small letters
        _ => None,
    }
}

/// Non-ASCII punctuation that tokenisation treats like its ASCII twin.
fn punct_like(c: char) -> Option<(Kind, char)> {
    Some(match c {
        // Apostrophes that may also be used as single quotes.
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '\u{201B}' => (Kind::Apos, '\''),
        // Apostrophe-like marks that are never quotes.
        '\u{00B4}' | '\u{02B9}' | '\u{2035}' => (Kind::Apos, '`'),
        // Every double/single/angle quotation mark.
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2039}' | '\u{203A}' | '\u{201A}' | '\u{301D}' | '\u{301E}' | '\u{301F}' => {
            (Kind::Punct, '"')
        }
        // Dashes and minus: they join split letters like `-` does.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{2043}' => (Kind::Punct, '-'),
        '\u{2044}' | '\u{2215}' => (Kind::Punct, '/'),
        // Middle dots are used exactly like `.` to split letters (`k·i·l·l`).
        '\u{00B7}' | '\u{2027}' | '\u{2219}' | '\u{22C5}' | '\u{3002}' | '\u{FF61}' => {
            (Kind::Punct, '.')
        }
        '\u{3001}' | '\u{FF64}' => (Kind::Punct, ','),
        _ => return None,
    })
}

/// The Russian alphabet `А..я`, `Ё`, `ё` → (lowercase letter with `ё` → `е`, was uppercase).
/// These need no decomposition, so they skip the Unicode tables.
#[inline]
pub(crate) fn basic_cyrillic(c: char) -> Option<(char, bool)> {
    match c {
        '\u{0430}'..='\u{044F}' => Some((c, false)),
        '\u{0410}'..='\u{042F}' => Some((char::from_u32(c as u32 + 0x20).unwrap_or(c), true)),
        '\u{0451}' => Some(('\u{0435}', false)),
        '\u{0401}' => Some(('\u{0435}', true)),
        _ => None,
    }
}

/// Map one input char (occupying bytes `start..end` of the input) to units.
#[inline]
pub(crate) fn map_char<S: Sink>(c: char, start: u32, end: u32, sink: &mut S) {
    let cp = c as u32;
    if cp < 0x80 {
        let b = cp as u8;
        sink.unit(ascii_unit(b, start, end, b.is_ascii_uppercase()));
        return;
    }
    map_non_ascii(c, start, end, sink);
}

fn map_non_ascii<S: Sink>(c: char, start: u32, end: u32, sink: &mut S) {
    let cp = c as u32;
    // Basic Russian alphabet: no decomposition needed (and `й` must keep its breve).
    if let Some((lc, upper)) = basic_cyrillic(c) {
        sink.unit(unit(lc, start, end, Kind::Letter, Script::Cyrillic, upper));
        return;
    }
    if is_ignorable(cp) {
        return;
    }
    if let Some((idx, upper)) = enclosed_letter(cp) {
        let ch = char::from_u32('a' as u32 + idx).unwrap_or('a');
        sink.unit(unit(ch, start, end, Kind::Letter, Script::Latin, upper));
        return;
    }
    // `´` decomposes to space + acute, but in text it is an apostrophe (`don´t`).
    if cp == 0x00B4 {
        sink.unit(unit('`', start, end, Kind::Apos, Script::Other, false));
        return;
    }
    // Hangul syllables would decompose into jamo; keep them whole.
    if (0xAC00..=0xD7A3).contains(&cp) {
        sink.unit(unit(c, start, end, Kind::Letter, Script::Other, false));
        return;
    }
    // The two Arabic honorific ligatures expand to 18 and 8 letters in three and two words, by
    // far the longest compatibility forms (the next is 7 chars); kept whole, a message of them
    // cannot have a normal form (and working memory) ten times its own size.
    if cp == 0xFDFA || cp == 0xFDFB {
        sink.unit(unit(c, start, end, Kind::Letter, Script::Other, false));
        return;
    }
    if is_plain_symbol(cp) {
        sink.unit(unit(c, start, end, Kind::Other, Script::Other, false));
        return;
    }
    map_decomposed(c, start, end, sink);
}

/// Symbol and emoji blocks whose every code point is a lone separator (no decomposition, not a
/// letter, digit, mark or space): the general path's several table lookups cost thousands of
/// instructions per emoji. A test checks each of them against [`map_decomposed`].
#[inline]
fn is_plain_symbol(cp: u32) -> bool {
    matches!(
        cp,
        0x2300..=0x2328 | 0x232B..=0x245F | 0x2500..=0x2775 | 0x2794..=0x2A0B | 0x1F252..=0x1FBEF
    )
}

/// Compatibility decomposition, lowercasing and classification of what it gives.
fn map_decomposed<S: Sink>(c: char, start: u32, end: u32, sink: &mut S) {
    decompose_compatible(c, |d| {
        let upper = d.is_uppercase();
        if (d as u32) < 0x80 {
            let b = d as u8;
            sink.unit(ascii_unit(b, start, end, upper));
            return;
        }
        for l in d.to_lowercase() {
            classify(l, upper, start, end, sink);
        }
    });
}

/// Classify one char that came out of decomposition + lowercasing.
fn classify<S: Sink>(l: char, upper: bool, start: u32, end: u32, sink: &mut S) {
    let cp = l as u32;
    if cp < 0x80 {
        sink.unit(ascii_unit(cp as u8, start, end, upper));
        return;
    }
    if is_combining_mark(l) {
        sink.mark(l, end);
        return;
    }
    if is_ignorable(cp) {
        return;
    }
    if let Some(rep) = confusables::special_fold(l) {
        for ch in rep.chars() {
            sink.unit(unit(ch, start, end, Kind::Letter, Script::Latin, upper));
        }
        return;
    }
    if let Some((kind, ch)) = punct_like(l) {
        sink.unit(unit(ch, start, end, kind, Script::Other, false));
        return;
    }
    let u = if l.is_alphabetic() {
        unit(
            l,
            start,
            end,
            Kind::Letter,
            confusables::script_of(l),
            upper,
        )
    } else if l.is_numeric() {
        unit(l, start, end, Kind::Digit, Script::Other, false)
    } else if l.is_whitespace() {
        unit(' ', start, end, Kind::Space, Script::Other, false)
    } else {
        unit(l, start, end, Kind::Other, Script::Other, false)
    };
    sink.unit(u);
}

/// Counts letters by script; used for the message-wide script majority.
struct Counter {
    latin: usize,
    cyrillic: usize,
    votes: Votes,
}

impl Sink for Counter {
    #[inline]
    fn unit(&mut self, u: Unit) {
        if u.kind == Kind::Letter {
            match u.script {
                Script::Latin => self.latin += 1,
                Script::Cyrillic => self.cyrillic += 1,
                _ => {}
            }
            self.votes.add(u.c, u.script, u.upper);
        }
    }
    #[inline]
    fn mark(&mut self, _m: char, _end: u32) {}
}

/// Number of (Latin, Cyrillic) letters in `input`, counted after compatibility folding (so `𝐤`
/// is Latin) but before any look-alike folding, and the message's script preference.
pub(crate) fn count_letters(input: &str) -> (usize, usize, MessageScript) {
    let mut k = Counter {
        latin: 0,
        cyrillic: 0,
        votes: Votes::default(),
    };
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphabetic() {
                k.latin += 1;
                k.votes.add_ascii(b | 0x20, b.is_ascii_uppercase());
            }
            i += 1;
            continue;
        }
        match input.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c) => {
                if let Some((l, upper)) = basic_cyrillic(c) {
                    k.cyrillic += 1;
                    k.votes.add(l, Script::Cyrillic, upper);
                } else {
                    map_non_ascii(c, 0, 0, &mut k);
                }
                i += c.len_utf8();
            }
            None => i += 1, // unreachable for valid UTF-8; just make progress
        }
    }
    (k.latin, k.cyrillic, MessageScript::from_votes(&k.votes))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Collect(Vec<Unit>, usize);
    impl Sink for Collect {
        fn unit(&mut self, u: Unit) {
            self.0.push(u);
        }
        fn mark(&mut self, _m: char, _end: u32) {
            self.1 += 1;
        }
    }

    fn units(c: char) -> (String, Vec<Kind>, usize) {
        let mut k = Collect(Vec::new(), 0);
        map_char(c, 0, c.len_utf8() as u32, &mut k);
        (
            k.0.iter().map(|u| u.c).collect(),
            k.0.iter().map(|u| u.kind).collect(),
            k.1,
        )
    }

    #[test]
    fn plain_symbols_are_lone_separators() {
        for cp in (0x2000..=0x2BFF).chain(0x1F000..=0x1FFFF) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            if !is_plain_symbol(cp) {
                continue;
            }
            assert!(
                !is_ignorable(cp) && enclosed_letter(cp).is_none(),
                "U+{cp:04X}"
            );
            let mut k = Collect(Vec::new(), 0);
            map_decomposed(c, 3, 7, &mut k);
            let u = k.0.first().copied();
            assert!(
                k.1 == 0
                    && k.0.len() == 1
                    && u == Some(unit(c, 3, 7, Kind::Other, Script::Other, false)),
                "U+{cp:04X}"
            );
        }
    }

    #[test]
    fn single_char_folding() {
        use Kind::*;
        let table: &[(char, &str, &[Kind])] = &[
            ('A', "a", &[Letter]),
            ('𝐤', "k", &[Letter]),
            ('𝓀', "k", &[Letter]),
            ('𝔨', "k", &[Letter]),
            ('𝕜', "k", &[Letter]),
            ('𝚔', "k", &[Letter]),
            ('𝗸', "k", &[Letter]),
            ('ｋ', "k", &[Letter]),
            ('Ｋ', "k", &[Letter]),
            ('ⓚ', "k", &[Letter]),
            ('Ⓚ', "k", &[Letter]),
            ('🇰', "k", &[Letter]),
            ('🅺', "k", &[Letter]),
            ('🅚', "k", &[Letter]),
            ('⒦', "k", &[Letter]),
            ('🄚', "k", &[Letter]),
            ('é', "e", &[Letter]),
            ('ķ', "k", &[Letter]),
            ('ł', "l", &[Letter]),
            ('Ł', "l", &[Letter]),
            ('ø', "o", &[Letter]),
            ('ß', "ss", &[Letter, Letter]),
            ('ẞ', "ss", &[Letter, Letter]),
            ('æ', "ae", &[Letter, Letter]),
            ('ﬁ', "fi", &[Letter, Letter]),
            ('ᴋ', "k", &[Letter]),
            ('ɪ', "i", &[Letter]),
            ('İ', "i", &[Letter]),
            ('й', "й", &[Letter]),
            ('Й', "й", &[Letter]),
            ('ё', "е", &[Letter]),
            ('Ё', "е", &[Letter]),
            ('Ж', "ж", &[Letter]),
            ('ї', "і", &[Letter]),
            ('Ω', "ω", &[Letter]),
            ('１', "1", &[Digit]),
            ('𝟏', "1", &[Digit]),
            ('²', "2", &[Digit]),
            ('①', "1", &[Digit]),
            ('’', "'", &[Apos]),
            ('´', "`", &[Apos]),
            ('«', "\"", &[Punct]),
            ('„', "\"", &[Punct]),
            ('—', "-", &[Punct]),
            ('·', ".", &[Punct]),
            ('…', "...", &[Punct, Punct, Punct]),
            ('！', "!", &[Punct]),
            ('\u{00A0}', " ", &[Space]),
            ('\u{3000}', " ", &[Space]),
            ('😀', "😀", &[Other]),
            ('\0', "\0", &[Other]),
            ('\u{200B}', "", &[]),
            ('\u{00AD}', "", &[]),
            ('\u{202E}', "", &[]),
            ('\u{FE0F}', "", &[]),
            ('\u{E0041}', "", &[]),
            ('가', "가", &[Letter]),
        ];
        for &(c, want, kinds) in table {
            let (got, got_kinds, _) = units(c);
            assert_eq!(got, want, "char {:?} (U+{:04X})", c, c as u32);
            assert_eq!(got_kinds, kinds, "char {:?}", c);
        }
    }

    #[test]
    fn marks_are_reported_not_emitted() {
        for c in ['\u{0301}', '\u{0306}', '\u{0308}', '\u{20DD}'] {
            let (got, _, marks) = units(c);
            assert_eq!(got, "");
            assert_eq!(marks, 1, "{:?}", c);
        }
    }

    #[test]
    fn scripts_and_case() {
        let mut k = Collect(Vec::new(), 0);
        for c in "Kк𝐊ΚκЖ".chars() {
            map_char(c, 0, 0, &mut k);
        }
        let got: Vec<(Script, bool)> = k.0.iter().map(|u| (u.script, u.upper)).collect();
        assert_eq!(
            got,
            vec![
                (Script::Latin, true),
                (Script::Cyrillic, false),
                (Script::Latin, true),
                (Script::Greek, true),
                (Script::Greek, false),
                (Script::Cyrillic, true),
            ]
        );
    }

    #[test]
    fn letter_counts() {
        let table: &[(&str, (usize, usize))] = &[
            ("", (0, 0)),
            ("hello 123", (5, 0)),
            ("привет, world", (5, 6)),
            ("𝐤𝐢𝐥𝐥 ⓚ", (5, 0)),
            ("ёж й", (0, 3)),
            ("αβγ", (0, 0)),
            ("k\u{200B}i\u{0301}", (2, 0)),
        ];
        for &(s, want) in table {
            let (l, c, _) = count_letters(s);
            assert_eq!((l, c), want, "{:?}", s);
        }
    }
}
