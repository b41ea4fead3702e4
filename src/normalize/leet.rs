//! Leetspeak decoding (`k1ll` → `kill`, `сд0хни` → `сдохни`).
//!
//! Digits are decoded only inside words, never in numbers: a false decode turns a date, price or
//! id into garbage, while a missed decode only loses one evasion. So the rules are conservative;
//! the word-level decision ([`should_decode`]) is made by the tokenizer from counts it collects.

use super::chars::{Script, Unit};

/// Latin reading of a digit.
#[inline]
fn digit_latin(d: char) -> Option<char> {
    Some(match d {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '6' => 'g',
        '7' => 't',
        '8' => 'b',
        '9' => 'g',
        _ => return None,
    })
}

/// Cyrillic reading of a digit (`3` looks like `з`, `4` like `ч`, `6` like `б`; `1` is the `i`
/// of Latin leet, `и`: `п1дор`).
#[inline]
fn digit_cyrillic(d: char) -> Option<char> {
    Some(match d {
        '0' => 'о',
        '1' => 'и',
        '3' => 'з',
        '4' => 'ч',
        '6' => 'б',
        _ => return None,
    })
}

/// The letter a digit stands for in a word of the given dominant script, if any.
#[inline]
pub(crate) fn decode_digit(d: char, dominant: Script) -> Option<char> {
    match dominant {
        Script::Cyrillic => digit_cyrillic(d),
        _ => digit_latin(d),
    }
}

/// The letter a symbol stands for (`@ $ | !`). In a Cyrillic word the Latin reading is mapped to
/// its Cyrillic look-alike (`@` → `а`, `$` → `с`).
#[inline]
pub(crate) fn decode_sym(c: char, dominant: Script) -> char {
    let latin = match c {
        '@' => 'a',
        '$' => 's',
        '|' => 'l',
        '!' => 'i',
        _ => c,
    };
    match dominant {
        Script::Cyrillic => super::confusables::latin_to_cyrillic(latin, false),
        _ => latin,
    }
}

/// Letter suffixes that turn a leading digit into a number with a unit or an ordinal (`3am`,
/// `4pm`, `1st`, `5min`, `3км`, `2-го` is split by the hyphen anyway). Sorted; checked by a test.
static NUMBER_SUFFIXES: [&str; 44] = [
    "am", "bn", "cm", "fps", "ft", "gb", "hr", "hrs", "kb", "kg", "km", "kw", "lb", "lbs", "mb",
    "mg", "min", "ml", "mm", "mph", "nd", "oz", "pm", "px", "rd", "sec", "st", "tb", "th", "yr",
    "yrs", "гб", "го", "кб", "кг", "км", "мб", "мин", "мм", "руб", "сек", "см", "тыс", "шт",
];

/// Whether a word that is a single leading digit followed by letters is really a number with a
/// unit/ordinal suffix, or a `0x` hex literal. `core` yields the word's digits and letters in
/// order (connectors removed).
pub(crate) fn looks_numeric<'a, I>(mut core: I) -> bool
where
    I: Iterator<Item = &'a Unit>,
{
    use super::chars::Kind;
    let first = match core.next() {
        Some(u) if u.kind == Kind::Digit => u.c,
        _ => return false,
    };
    // Collect up to 4 following letters; anything else means "not a simple number+suffix".
    let mut buf = ['\0'; 4];
    let mut n = 0;
    for u in core {
        if u.kind != Kind::Letter || n == buf.len() {
            // `0x1f` style: still a number.
            return first == '0' && n >= 1 && buf[0] == 'x';
        }
        buf[n] = u.c;
        n += 1;
    }
    if first == '0' && n >= 1 && buf[0] == 'x' {
        return true;
    }
    let s = &buf[..n];
    NUMBER_SUFFIXES
        .iter()
        .any(|suf| suf.chars().eq(s.iter().copied()))
}

/// Word-level counts the decision is made from.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Counts {
    pub letters: usize,
    pub digits: usize,
    /// Two or more digits next to each other (`covid19`, `2024`), except one doubled digit with
    /// letters on both sides (`sh00t`).
    pub digit_run: bool,
    /// Number punctuation between digits (`v1.2`, `10:30am`).
    pub number_punct: bool,
    /// See [`looks_numeric`].
    pub numeric_shape: bool,
}

/// Decode digits/symbols in this word at all? Only when it has letters, more letters than digits,
/// no run of 2+ digits (see [`Counts::digit_run`]) and no number punctuation, and it is not a
/// number with a unit suffix. (Adjacency to a letter is implied: a word is a contiguous run of
/// letters, digits and symbols. The tokenizer additionally never decodes a word's last digit.)
#[inline]
pub(crate) fn should_decode(k: &Counts) -> bool {
    k.letters > k.digits && !k.digit_run && !k.number_punct && !k.numeric_shape
}

#[cfg(test)]
mod tests {
    use super::super::chars::{Kind, Script, Unit};
    use super::*;

    #[test]
    fn suffixes_sorted() {
        for w in NUMBER_SUFFIXES.windows(2) {
            assert!(w[0] < w[1], "{} !< {}", w[0], w[1]);
        }
    }

    #[test]
    fn digit_maps() {
        let latin = "0o 1i 3e 4a 5s 7t 8b 9g";
        for pair in latin.split(' ') {
            let mut it = pair.chars();
            let (d, l) = (it.next().unwrap(), it.next().unwrap());
            assert_eq!(decode_digit(d, Script::Latin), Some(l));
        }
        assert_eq!(decode_digit('2', Script::Latin), None);
        assert_eq!(decode_digit('6', Script::Latin), Some('g'));
        let table: &[(char, Option<char>)] = &[
            ('0', Some('\u{043E}')),
            ('3', Some('\u{0437}')),
            ('4', Some('\u{0447}')),
            ('6', Some('\u{0431}')),
            ('1', Some('\u{0438}')),
            ('2', None),
            ('٣', None),
        ];
        for &(d, want) in table {
            assert_eq!(decode_digit(d, Script::Cyrillic), want, "{:?}", d);
        }
        assert_eq!(decode_sym('@', Script::Latin), 'a');
        assert_eq!(decode_sym('$', Script::Latin), 's');
        assert_eq!(decode_sym('|', Script::Latin), 'l');
        assert_eq!(decode_sym('!', Script::Latin), 'i');
        assert_eq!(decode_sym('@', Script::Cyrillic), '\u{0430}');
        assert_eq!(decode_sym('$', Script::Cyrillic), '\u{0441}');
    }

    fn u(c: char) -> Unit {
        let kind = if c.is_ascii_digit() {
            Kind::Digit
        } else {
            Kind::Letter
        };
        Unit {
            c,
            start: 0,
            end: 0,
            kind,
            script: Script::Latin,
            upper: false,
        }
    }

    #[test]
    fn numeric_shapes() {
        let table: &[(&str, bool)] = &[
            ("3am", true),
            ("4pm", true),
            ("1st", true),
            ("3rd", true),
            ("5min", true),
            ("3км", true),
            ("0xff", true),
            ("0x1f", true),
            ("1diot", false),
            ("4мо", false),
            ("h4te", false),
            ("4", false),
            ("", false),
            ("4ever", false),
        ];
        for &(w, want) in table {
            let units: Vec<Unit> = w.chars().map(u).collect();
            assert_eq!(looks_numeric(units.iter()), want, "{:?}", w);
        }
    }

    #[test]
    fn decision() {
        let c = |letters, digits, digit_run, number_punct, numeric_shape| Counts {
            letters,
            digits,
            digit_run,
            number_punct,
            numeric_shape,
        };
        let table: &[(&str, Counts, bool)] = &[
            ("k1ll", c(3, 1, false, false, false), true),
            ("a$$", c(1, 0, false, false, false), true),
            ("4a7f9", c(2, 3, false, false, false), false),
            ("covid19", c(5, 2, true, false, false), false),
            ("b4", c(1, 1, false, false, false), false),
            ("v1.2", c(1, 2, false, true, false), false),
            ("3am", c(2, 1, false, false, true), false),
            ("2024", c(0, 4, true, false, false), false),
            ("$$", c(0, 0, false, false, false), false),
        ];
        for (name, k, want) in table {
            assert_eq!(should_decode(k), *want, "{}", name);
        }
    }
}
