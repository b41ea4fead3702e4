//! Look-alike tables.
//!
//! Evaders swap letters for visually identical ones from the other script (`сука` typed with a
//! Latin `c`, `kіll` with a Cyrillic `і`, `fυck` with a Greek `υ`) or for styled letters that
//! Unicode normalisation leaves alone (small capitals `ᴋɪʟʟ`, `ł`, `ø`). Everything here is a
//! `match` or a sorted static table: no allocation and nothing built at run time.
//!
//! Which way a word is folded is decided per word from its *unambiguous* letters (see [`vote`]);
//! the tables below only say what each letter becomes once the direction is known.

use super::chars::Script;

/// Script of an alphabetic char, by Unicode block.
pub(crate) fn script_of(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A
        | 0x61..=0x7A
        | 0xC0..=0x2AF
        | 0x1D00..=0x1DBF
        | 0x1E00..=0x1EFF
        | 0x2C60..=0x2C7F
        | 0xA720..=0xA7FF
        | 0xAB30..=0xAB6F
        | 0xFF21..=0xFF5A => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        _ => Script::Other,
    }
}

/// Lowercase letters that have no Unicode decomposition but read as ASCII letters: stroke and
/// ligature letters of European orthographies, and the small-capital / IPA letters used to spell
/// words in "tiny caps" (`ᴋɪʟʟ ʏᴏᴜ`). Sorted by code point (a test checks this).
static SPECIAL: [(char, &str); 89] = [
    ('\u{00DF}', "ss"), // ß
    ('\u{00E6}', "ae"), // æ
    ('\u{00F0}', "d"),  // ð
    ('\u{00F8}', "o"),  // ø
    ('\u{00FE}', "th"), // þ
    ('\u{0111}', "d"),  // đ
    ('\u{0127}', "h"),  // ħ
    ('\u{0131}', "i"),  // ı
    ('\u{0138}', "k"),  // ĸ
    ('\u{0142}', "l"),  // ł
    ('\u{014B}', "n"),  // ŋ
    ('\u{0153}', "oe"), // œ
    ('\u{0167}', "t"),  // ŧ
    ('\u{0180}', "b"),  // ƀ
    ('\u{0188}', "c"),  // ƈ
    ('\u{0192}', "f"),  // ƒ
    ('\u{0199}', "k"),  // ƙ
    ('\u{019A}', "l"),  // ƚ
    ('\u{01A5}', "p"),  // ƥ
    ('\u{01AD}', "t"),  // ƭ
    ('\u{01B4}', "y"),  // ƴ
    ('\u{01B6}', "z"),  // ƶ
    ('\u{01E5}', "g"),  // ǥ
    ('\u{0225}', "z"),  // ȥ
    ('\u{0237}', "j"),  // ȷ
    ('\u{023C}', "c"),  // ȼ
    ('\u{0247}', "e"),  // ɇ
    ('\u{0249}', "j"),  // ɉ
    ('\u{024B}', "q"),  // ɋ
    ('\u{024D}', "r"),  // ɍ
    ('\u{024F}', "y"),  // ɏ
    ('\u{0253}', "b"),  // ɓ
    ('\u{0256}', "d"),  // ɖ
    ('\u{0257}', "d"),  // ɗ
    ('\u{0260}', "g"),  // ɠ
    ('\u{0261}', "g"),  // ɡ
    ('\u{0262}', "g"),  // ɢ
    ('\u{0266}', "h"),  // ɦ
    ('\u{0268}', "i"),  // ɨ
    ('\u{026A}', "i"),  // ɪ
    ('\u{026B}', "l"),  // ɫ
    ('\u{026C}', "l"),  // ɬ
    ('\u{026D}', "l"),  // ɭ
    ('\u{0271}', "m"),  // ɱ
    ('\u{0272}', "n"),  // ɲ
    ('\u{0273}', "n"),  // ɳ
    ('\u{0274}', "n"),  // ɴ
    ('\u{0275}', "o"),  // ɵ
    ('\u{0276}', "oe"), // ɶ
    ('\u{027C}', "r"),  // ɼ
    ('\u{027D}', "r"),  // ɽ
    ('\u{027E}', "r"),  // ɾ
    ('\u{0280}', "r"),  // ʀ
    ('\u{0282}', "s"),  // ʂ
    ('\u{0288}', "t"),  // ʈ
    ('\u{0289}', "u"),  // ʉ
    ('\u{028B}', "v"),  // ʋ
    ('\u{028F}', "y"),  // ʏ
    ('\u{0290}', "z"),  // ʐ
    ('\u{0291}', "z"),  // ʑ
    ('\u{0299}', "b"),  // ʙ
    ('\u{029C}', "h"),  // ʜ
    ('\u{029D}', "j"),  // ʝ
    ('\u{029F}', "l"),  // ʟ
    ('\u{02A0}', "q"),  // ʠ
    ('\u{1D00}', "a"),  // ᴀ
    ('\u{1D01}', "ae"), // ᴁ
    ('\u{1D03}', "b"),  // ᴃ
    ('\u{1D04}', "c"),  // ᴄ
    ('\u{1D05}', "d"),  // ᴅ
    ('\u{1D06}', "d"),  // ᴆ
    ('\u{1D07}', "e"),  // ᴇ
    ('\u{1D0A}', "j"),  // ᴊ
    ('\u{1D0B}', "k"),  // ᴋ
    ('\u{1D0C}', "l"),  // ᴌ
    ('\u{1D0D}', "m"),  // ᴍ
    ('\u{1D0F}', "o"),  // ᴏ
    ('\u{1D18}', "p"),  // ᴘ
    ('\u{1D1B}', "t"),  // ᴛ
    ('\u{1D1C}', "u"),  // ᴜ
    ('\u{1D20}', "v"),  // ᴠ
    ('\u{1D21}', "w"),  // ᴡ
    ('\u{1D22}', "z"),  // ᴢ
    ('\u{2C65}', "a"),  // ⱥ
    ('\u{2C66}', "t"),  // ⱦ
    ('\u{A730}', "f"),  // ꜰ
    ('\u{A731}', "s"),  // ꜱ
    ('\u{A74F}', "oo"), // ꝏ
    ('\u{AB63}', "uo"), // ꭣ
];

/// ASCII spelling of a decomposition-less Latin look-alike letter (`ł` → `l`, `ᴋ` → `k`).
#[inline]
pub(crate) fn special_fold(c: char) -> Option<&'static str> {
    let cp = c as u32;
    if !(0xDF..=0xAB63).contains(&cp) {
        return None;
    }
    SPECIAL
        .binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .map(|i| SPECIAL[i].1)
}

/// Which script a letter votes for when deciding a word's dominant script, or `None` if the letter
/// looks the same in both (so it says nothing about what the writer was typing).
///
/// The sets are deliberately asymmetric and case-aware:
/// - Latin `a c e k o p x y` look like Russian `а с е к о р х у`; capital `B H M T` look like
///   `В Н М Т` but lowercase `b h m t` do not, so only the capitals are ambiguous.
/// - Latin `i j s` look like Cyrillic `і ј ѕ`, but those are not Russian letters, so a Latin `i`
///   still votes Latin.
/// - Cyrillic `ѕ ј ԁ һ ԛ ԝ ӏ` exist in no Russian word and are used almost only to spoof Latin, so
///   they vote Latin. Cyrillic `і` (Ukrainian) is ambiguous.
/// - Greek counts as Latin, except its look-alikes (see [`greek_to_latin`]), which are ambiguous.
#[inline]
pub(crate) fn vote(c: char, script: Script, upper: bool) -> Option<Script> {
    match script {
        Script::Latin => {
            let amb = matches!(c, 'a' | 'c' | 'e' | 'k' | 'o' | 'p' | 'x' | 'y')
                || (upper && matches!(c, 'b' | 'h' | 'm' | 't'));
            if amb {
                None
            } else {
                Some(Script::Latin)
            }
        }
        Script::Cyrillic => match c {
            'ѕ' | 'ј' | 'ԁ' | 'һ' | 'ԛ' | 'ԝ' | 'ӏ' => Some(Script::Latin),
            'а' | 'е' | 'к' | 'о' | 'р' | 'с' | 'у' | 'х' | 'і' | 'ѵ' | 'ү' => None,
            'в' | 'н' | 'м' | 'т' if upper => None,
            _ => Some(Script::Cyrillic),
        },
        Script::Greek => {
            if greek_to_latin(c) != c {
                None
            } else {
                Some(Script::Latin)
            }
        }
        Script::Other => None,
    }
}

/// Cyrillic letter → the Latin letter it is used to fake. Identity for everything else.
pub(crate) fn cyrillic_to_latin(c: char) -> char {
    match c {
        'а' => 'a',
        'в' => 'b',
        'г' => 'r',
        'е' => 'e',
        'и' => 'u',
        'к' => 'k',
        'м' => 'm',
        'н' => 'h',
        'о' => 'o',
        'п' => 'n',
        'р' => 'p',
        'с' => 'c',
        'т' => 't',
        'у' => 'y',
        'х' => 'x',
        'ш' => 'w',
        'ь' => 'b',
        'ѕ' => 's',
        'і' => 'i',
        'ј' => 'j',
        'ѵ' => 'v',
        'ү' => 'y',
        'һ' => 'h',
        'ԁ' => 'd',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ӏ' => 'l',
        _ => c,
    }
}

/// Latin letter → the Russian letter it is used to fake, in a word that is otherwise Cyrillic.
/// Capital `B` looks like `В` while lowercase `b` looks like `б`, hence `upper`.
/// Mostly shape-based (`n` → `п`, `u` → `и`); `i` and `s` follow the common Russian reading (`и`,
/// `с`) because the exact look-alikes `і`, `ѕ` are not Russian letters.
pub(crate) fn latin_to_cyrillic(c: char, upper: bool) -> char {
    match c {
        'a' => 'а',
        'b' if upper => 'в',
        'b' => 'б',
        'c' => 'с',
        'e' => 'е',
        'h' => 'н',
        'i' => 'и',
        'k' => 'к',
        'm' => 'м',
        'n' => 'п',
        'o' => 'о',
        'p' => 'р',
        's' => 'с',
        't' => 'т',
        'u' => 'и',
        'w' => 'ш',
        'x' => 'х',
        'y' => 'у',
        _ => c,
    }
}

/// Greek letter → Latin look-alike (in a Latin word). Identity when there is none.
pub(crate) fn greek_to_latin(c: char) -> char {
    match c {
        'α' => 'a',
        'β' => 'b',
        'γ' => 'y',
        'ε' => 'e',
        'η' => 'n',
        'ι' => 'i',
        'κ' => 'k',
        'μ' => 'u',
        'ν' => 'v',
        'ο' => 'o',
        'π' => 'n',
        'ρ' => 'p',
        'σ' => 'o',
        'ς' => 'c',
        'τ' => 't',
        'υ' => 'u',
        'χ' => 'x',
        'ω' => 'w',
        _ => c,
    }
}

/// Greek letter → Cyrillic look-alike (in a Cyrillic word). Identity when there is none.
pub(crate) fn greek_to_cyrillic(c: char) -> char {
    match c {
        'α' => 'а',
        'β' => 'в',
        'γ' => 'у',
        'ε' => 'е',
        'η' => 'п',
        'ι' => 'и',
        'κ' => 'к',
        'λ' => 'л',
        'ο' => 'о',
        'π' => 'п',
        'ρ' => 'р',
        'σ' => 'о',
        'ς' => 'с',
        'τ' => 'т',
        'υ' => 'и',
        'φ' => 'ф',
        'χ' => 'х',
        _ => c,
    }
}

/// Fold one letter into the word's dominant script (`Latin` or `Cyrillic`).
#[inline(always)]
pub(crate) fn fold(c: char, script: Script, upper: bool, dominant: Script) -> char {
    if script == dominant {
        // `і` is no Russian letter: in a Cyrillic word it fakes `и` ("ідіот") as the Latin `i`
        // does.
        return if c == '\u{0456}' { 'и' } else { c };
    }
    fold_slow(c, script, upper, dominant)
}

fn fold_slow(c: char, script: Script, upper: bool, dominant: Script) -> char {
    match (script, dominant) {
        (Script::Cyrillic, Script::Latin) => cyrillic_to_latin(c),
        (Script::Greek, Script::Latin) => greek_to_latin(c),
        (Script::Latin, Script::Cyrillic) => latin_to_cyrillic(c, upper),
        (Script::Greek, Script::Cyrillic) => greek_to_cyrillic(c),
        _ => c,
    }
}

/// Tally of a word's letters, used to pick the script its look-alikes are folded into.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Votes {
    /// Unambiguous votes.
    latin: u32,
    cyrillic: u32,
    /// All letters, by script (Greek counted as Latin).
    raw_latin: u32,
    raw_cyrillic: u32,
}

/// Bit `n` set: ASCII letter `'a' + n` looks like a Russian letter in any case / only as a capital.
const LATIN_AMBIGUOUS: u32 = bits(b"acekopxy");
const LATIN_AMBIGUOUS_UPPER: u32 = bits(b"bhmt");

const fn bits(letters: &[u8]) -> u32 {
    let mut m = 0;
    let mut i = 0;
    while i < letters.len() {
        m |= 1 << (letters[i] - b'a');
        i += 1;
    }
    m
}

/// Does ASCII letter `b` (either case) vote Latin, i.e. is it not a Russian look-alike?
#[inline(always)]
pub(crate) fn ascii_votes_latin(b: u8) -> bool {
    let bit = 1u32 << ((b | 0x20).wrapping_sub(b'a') & 31);
    let amb = LATIN_AMBIGUOUS
        | if b.is_ascii_uppercase() {
            LATIN_AMBIGUOUS_UPPER
        } else {
            0
        };
    bit & amb == 0
}

/// Bit `n` set: Russian letter `'а' + n` looks like a Latin letter in any case / only as a capital.
const RUSSIAN_AMBIGUOUS: u32 = cyr_bits(&['а', 'е', 'к', 'о', 'р', 'с', 'у', 'х']);
const RUSSIAN_AMBIGUOUS_UPPER: u32 = cyr_bits(&['в', 'н', 'м', 'т']);

const fn cyr_bits(letters: &[char]) -> u32 {
    let mut m = 0;
    let mut i = 0;
    while i < letters.len() {
        m |= 1 << (letters[i] as u32 - 0x430);
        i += 1;
    }
    m
}

/// For a lowercase letter `а..я`: does it vote Cyrillic (`Some(true)`) or nothing
/// (`Some(false)`)? `None` for any other char. Same answers as [`vote`], as a bit test.
#[inline(always)]
pub(crate) fn russian_votes_cyrillic(c: char, upper: bool) -> Option<bool> {
    let idx = (c as u32).wrapping_sub(0x430);
    if idx >= 32 {
        return None;
    }
    let amb = RUSSIAN_AMBIGUOUS | if upper { RUSSIAN_AMBIGUOUS_UPPER } else { 0 };
    Some((1u32 << idx) & amb == 0)
}

impl Votes {
    /// [`Votes::add`] for a lowercase ASCII letter `l`.
    #[inline(always)]
    pub(crate) fn add_ascii(&mut self, l: u8, upper: bool) {
        self.raw_latin += 1;
        let bit = 1u32 << (l.wrapping_sub(b'a') & 31);
        let amb = LATIN_AMBIGUOUS | if upper { LATIN_AMBIGUOUS_UPPER } else { 0 };
        self.latin += (bit & amb == 0) as u32;
    }

    #[inline(always)]
    pub(crate) fn add(&mut self, c: char, script: Script, upper: bool) {
        if script == Script::Latin && c.is_ascii_lowercase() {
            self.add_ascii(c as u8, upper);
            return;
        }
        if let Some(votes_cyrillic) = russian_votes_cyrillic(c, upper) {
            self.raw_cyrillic += 1;
            self.cyrillic += votes_cyrillic as u32;
            return;
        }
        match script {
            Script::Latin | Script::Greek => self.raw_latin += 1,
            Script::Cyrillic => self.raw_cyrillic += 1,
            Script::Other => return,
        }
        match vote(c, script, upper) {
            Some(Script::Latin) => self.latin += 1,
            Some(Script::Cyrillic) => self.cyrillic += 1,
            _ => {}
        }
    }

    /// A word's dominant script, in order of evidence: the script with more unambiguous letters
    /// in the word; else the one with more unambiguous letters in the whole message (`ты cyкa`);
    /// else, for a word that mixes scripts, the one most of its letters are in (`cука` alone);
    /// else the script most of the message's letters are in (`сор` alone stays Cyrillic).
    pub(crate) fn dominant(&self, msg: MessageScript) -> Script {
        if self.latin != self.cyrillic {
            return larger(self.latin, self.cyrillic);
        }
        if let Some(s) = msg.votes {
            return s;
        }
        if self.raw_latin > 0 && self.raw_cyrillic > 0 && self.raw_latin != self.raw_cyrillic {
            return larger(self.raw_latin, self.raw_cyrillic);
        }
        msg.raw
    }
}

#[inline]
fn larger(latin: u32, cyrillic: u32) -> Script {
    if cyrillic > latin {
        Script::Cyrillic
    } else {
        Script::Latin
    }
}

/// The message-wide script preference for words whose own letters cannot decide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MessageScript {
    /// By unambiguous letters, if they are not tied.
    votes: Option<Script>,
    /// By all letters (ties go to Latin).
    raw: Script,
}

impl MessageScript {
    /// For a message with no Cyrillic at all.
    pub(crate) const LATIN: MessageScript = MessageScript {
        votes: None,
        raw: Script::Latin,
    };

    /// From the votes of every letter in the message.
    pub(crate) fn from_votes(v: &Votes) -> MessageScript {
        MessageScript {
            votes: (v.latin != v.cyrillic).then(|| larger(v.latin, v.cyrillic)),
            raw: larger(v.raw_latin, v.raw_cyrillic),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_table_is_sorted_and_lowercase() {
        for w in SPECIAL.windows(2) {
            assert!(w[0].0 < w[1].0, "{:?} !< {:?}", w[0].0, w[1].0);
        }
        for &(c, rep) in SPECIAL.iter() {
            assert_eq!(
                c.to_lowercase().next(),
                Some(c),
                "{:?} must be lowercase",
                c
            );
            assert!(rep.bytes().all(|b| b.is_ascii_lowercase()), "{:?}", rep);
            assert_eq!(special_fold(c), Some(rep));
        }
        assert_eq!(special_fold('a'), None);
        assert_eq!(special_fold('ж'), None);
    }

    #[test]
    fn scripts() {
        let table: &[(char, Script)] = &[
            ('a', Script::Latin),
            ('é', Script::Latin),
            ('ɪ', Script::Latin),
            ('ᴋ', Script::Latin),
            ('а', Script::Cyrillic),
            ('й', Script::Cyrillic),
            ('\u{0456}', Script::Cyrillic),
            ('\u{03C5}', Script::Greek),
            ('中', Script::Other),
        ];
        for &(c, s) in table {
            assert_eq!(script_of(c), s, "{:?}", c);
        }
    }

    #[test]
    fn votes() {
        use Script::*;
        let table: &[(char, Script, bool, Option<Script>)] = &[
            ('a', Latin, false, None),
            ('k', Latin, false, None),
            ('l', Latin, false, Some(Latin)),
            ('i', Latin, false, Some(Latin)),
            ('b', Latin, false, Some(Latin)),
            ('b', Latin, true, None),
            ('m', Latin, true, None),
            ('\u{0430}', Cyrillic, false, None),           // а
            ('\u{0431}', Cyrillic, false, Some(Cyrillic)), // б
            ('\u{0432}', Cyrillic, false, Some(Cyrillic)), // в
            ('\u{0432}', Cyrillic, true, None),            // В
            ('\u{0456}', Cyrillic, false, None),           // і
            ('\u{0455}', Cyrillic, false, Some(Latin)),    // ѕ
            ('\u{03C5}', Greek, false, None),              // υ
            ('\u{03BB}', Greek, false, Some(Latin)),       // λ
            ('中', Other, false, None),
        ];
        for &(c, s, up, want) in table {
            assert_eq!(vote(c, s, up), want, "{:?} upper={}", c, up);
        }
    }

    #[test]
    fn ascii_votes_match_table() {
        for l in b'a'..=b'z' {
            for upper in [false, true] {
                let mut fast = Votes::default();
                fast.add_ascii(l, upper);
                let want = vote(l as char, Script::Latin, upper);
                assert_eq!(
                    fast.latin == 1,
                    want == Some(Script::Latin),
                    "{} {}",
                    l as char,
                    upper
                );
                assert_eq!(fast.raw_latin, 1);
            }
        }
    }

    #[test]
    fn russian_votes_match_table() {
        for cp in 0x430..0x450u32 {
            let c = char::from_u32(cp).unwrap();
            for upper in [false, true] {
                let want = vote(c, Script::Cyrillic, upper) == Some(Script::Cyrillic);
                assert_eq!(
                    russian_votes_cyrillic(c, upper),
                    Some(want),
                    "{} {}",
                    c,
                    upper
                );
            }
        }
        assert_eq!(russian_votes_cyrillic('a', false), None);
        assert_eq!(russian_votes_cyrillic('\u{0456}', false), None);
    }

    #[test]
    fn folding_tables() {
        use Script::*;
        // (letter, its script, upper, dominant, expected)
        let table: &[(char, Script, bool, Script, char)] = &[
            ('\u{0456}', Cyrillic, false, Latin, 'i'),        // і → i
            ('\u{0441}', Cyrillic, false, Latin, 'c'),        // с → c
            ('\u{0440}', Cyrillic, false, Latin, 'p'),        // р → p
            ('\u{0436}', Cyrillic, false, Latin, '\u{0436}'), // ж stays
            ('\u{03C5}', Greek, false, Latin, 'u'),           // υ → u
            ('\u{03BF}', Greek, false, Latin, 'o'),           // ο → o
            ('\u{03BA}', Greek, false, Cyrillic, '\u{043A}'), // κ → к
            ('y', Latin, false, Cyrillic, '\u{0443}'),        // y → у
            ('c', Latin, false, Cyrillic, '\u{0441}'),        // c → с
            ('b', Latin, true, Cyrillic, '\u{0432}'),         // B → в
            ('b', Latin, false, Cyrillic, '\u{0431}'),        // b → б
            ('h', Latin, true, Cyrillic, '\u{043D}'),         // H → н
            ('f', Latin, false, Cyrillic, 'f'),               // no look-alike
            ('k', Latin, false, Latin, 'k'),                  // same script: untouched
            ('\u{043A}', Cyrillic, false, Cyrillic, '\u{043A}'),
        ];
        for &(c, s, up, dom, want) in table {
            assert_eq!(fold(c, s, up, dom), want, "{:?} -> {:?}", c, dom);
        }
    }

    #[test]
    fn dominant_script() {
        use Script::*;
        fn dom(word: &str, default: Script) -> Script {
            let default = MessageScript {
                votes: None,
                raw: default,
            };
            let mut v = Votes::default();
            for c in word.chars() {
                let up = c.is_uppercase();
                let l = c.to_lowercase().next().unwrap_or(c);
                v.add(l, script_of(l), up);
            }
            v.dominant(default)
        }
        let table: &[(&str, Script, Script)] = &[
            ("kill", Cyrillic, Latin),
            ("k\u{0456}ll", Cyrillic, Latin),               // kіll
            ("y\u{0431}\u{044C}\u{044E}", Latin, Cyrillic), // yбью
            ("c\u{0443}\u{043A}\u{0430}", Latin, Cyrillic), // cука: tie 0:0, raw 3:1
            ("\u{0441}\u{043E}\u{0440}", Latin, Latin),     // сор in a Latin message
            ("\u{0441}\u{043E}\u{0440}", Cyrillic, Cyrillic),
            ("cop", Cyrillic, Cyrillic),
            ("cop", Latin, Latin),
            ("f\u{03C5}ck", Cyrillic, Latin), // fυck
            ("\u{0441}\u{0443}\u{03BA}\u{0430}", Latin, Cyrillic), // суκа
            ("\u{04BB}\u{0435}\u{04CF}\u{04CF}\u{043E}", Cyrillic, Latin), // һеӏӏо
            ("", Cyrillic, Cyrillic),
        ];
        // Message votes come before a mixed word's own raw majority.
        let mut msg = Votes::default();
        for c in ['\u{0442}', '\u{044B}'] {
            msg.add(c, Cyrillic, false); // ты
        }
        let msg = MessageScript::from_votes(&msg);
        let mut cyka = Votes::default();
        for c in ['c', 'y', 'a'] {
            cyka.add(c, Latin, false);
        }
        cyka.add('\u{043A}', Cyrillic, false);
        assert_eq!(cyka.dominant(msg), Cyrillic);
        assert_eq!(cyka.dominant(MessageScript::LATIN), Latin);
        for &(w, default, want) in table {
            assert_eq!(dom(w, default), want, "{:?}", w);
        }
    }
}
