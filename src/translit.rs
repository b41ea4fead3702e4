//! Russian typed in Latin letters ("ty pidor", "ubyu tebya", "idi nahui") read as Cyrillic
//! before anything is matched.
//!
//! Why: many Russian speakers type Russian on a Latin keyboard (on Telegram, the motivating
//! platform, as anywhere), and to the Russian lexicons and the model "ty pidor" is two unknown
//! English words. A message is read as transliterated Russian only when its Latin words include
//! enough words that are Russian and rarely anything else ([`MARKERS`]: `tebya`, `chto`, `blyat`):
//! an English message with one "ty" or "da" in it stays English. Then each word of plain Latin
//! letters is rewritten with the usual conventions (`zh` ж, `kh`/`h`/`x` х, `ch` ч, `sh` ш,
//! `shch`/`sch` щ, `ya` я, `yu` ю, `y` ы or й, `ts` ц at the end). What the conventions leave
//! out, mostly the soft sign, is put back after a modal (`nado ubit` надо убить) and, for the
//! words of harmful terms, by the misspelling repair that runs next (`zhivesh` is read as живеш,
//! then put right as живешь: [`crate::spelling`]); the lexicon lists `блят` itself.
//!
//! Rewritten words keep their map to the original, so spans still point at the Latin letters the
//! user typed.

use crate::normalize::Normalized;
use crate::spelling::fnv;

/// Latin spellings of Russian words, sorted, with how much each one says the message is Russian:
/// 2 for words that are hardly ever anything else, 1 for words that also are short English,
/// Romance or Indonesian words or chat shorthand (`ty`, `da`, `suka`, `moi`).
const MARKERS: &[(&str, u8)] = &[
    ("blya", 2),
    ("blyad", 2),
    ("blyat", 2),
    ("budesh", 2),
    ("budet", 2),
    ("budu", 2),
    ("byl", 2),
    ("byla", 2),
    ("bylo", 2),
    ("chego", 2),
    ("chto", 2),
    ("chtob", 2),
    ("chtoby", 2),
    ("da", 1),
    ("debil", 2),
    ("dlya", 2),
    ("durak", 2),
    ("ebal", 2),
    ("ebat", 2),
    ("eshche", 2),
    ("esli", 2),
    ("eto", 2),
    ("etot", 2),
    ("gandon", 2),
    ("gde", 2),
    ("govoryu", 2),
    ("hochu", 2),
    ("horosho", 2),
    ("hui", 1),
    ("huy", 2),
    ("idi", 1),
    ("ikh", 2),
    ("kak", 2),
    ("khochu", 2),
    ("khorosho", 2),
    ("khuy", 2),
    ("kogda", 2),
    ("kto", 2),
    ("menya", 2),
    ("mne", 2),
    ("moi", 1),
    ("moy", 2),
    ("moya", 2),
    ("mudak", 2),
    ("nado", 2),
    ("nahooy", 2),
    ("nahui", 2),
    ("nahuy", 2),
    ("nakhuy", 2),
    ("ne", 1),
    ("net", 1),
    ("nichego", 2),
    ("nikto", 2),
    ("nu", 1),
    ("nuzhno", 2),
    ("ochen", 2),
    ("pidar", 2),
    ("pidaras", 2),
    ("pidor", 2),
    ("pidoras", 2),
    ("pizda", 2),
    ("pizdec", 2),
    ("pizdets", 2),
    ("pochemu", 2),
    ("poka", 1),
    ("potomu", 2),
    ("privet", 2),
    ("sdohni", 2),
    ("sdokhni", 2),
    ("sebya", 2),
    ("segodnya", 2),
    ("sejchas", 2),
    ("seychas", 2),
    ("shluha", 2),
    ("shlyukha", 2),
    ("skazal", 2),
    ("spasibo", 2),
    ("suka", 1),
    ("tebe", 2),
    ("tebya", 2),
    ("tolko", 2),
    ("tozhe", 2),
    ("tupaya", 2),
    ("tupoy", 2),
    ("tvoi", 2),
    ("tvoy", 2),
    ("tvoya", 2),
    ("tvoyu", 2),
    ("ty", 1),
    ("ubey", 2),
    ("ubit", 2),
    ("ubiu", 2),
    ("ubyu", 2),
    ("urod", 2),
    ("uzhe", 2),
    ("vam", 1),
    ("vas", 1),
    ("vchera", 2),
    ("vse", 2),
    ("vseh", 2),
    ("vsekh", 2),
    ("vsem", 2),
    ("vy", 2),
    ("ya", 1),
    ("yebat", 2),
    ("zachem", 2),
    ("zaebal", 2),
    ("zavtra", 2),
    ("zhid", 2),
    ("zhidy", 2),
    ("znayu", 2),
];

// `Markers` keeps the markers it has seen in a 128-bit set.
const _: () = assert!(MARKERS.len() <= 128);

/// The longest marker, in bytes: longer tokens are not looked up.
const LONGEST_MARKER: usize = 8;

/// Words longer than this are left as they are (no Russian word is; a long run of letters is
/// a URL slug, a hash or a hostile input).
const LONGEST_WORD: usize = 40;

/// A word of up to 8 bytes as a number: its bytes big-endian, padded with zeros, so that
/// numbers sort like the words and a marker is found without comparing strings.
const fn pack(word: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < 8 {
        key <<= 8;
        if i < word.len() {
            key |= word[i] as u64;
        }
        i += 1;
    }
    key
}

/// [`MARKERS`] packed, in the same (sorted) order.
const PACKED: [u64; MARKERS.len()] = {
    let mut out = [0u64; MARKERS.len()];
    let mut i = 0;
    while i < MARKERS.len() {
        out[i] = pack(MARKERS[i].0.as_bytes());
        i += 1;
    }
    out
};

/// The filter bit of a word's FNV-1a state.
const fn filter_bit(h: u32) -> usize {
    (h.wrapping_mul(0x9e37_79b1) >> 22) as usize
}

/// One bit per marker (1,024 bits): most words of a message are ruled out by one test.
const FILTER: [u64; 16] = {
    let mut out = [0u64; 16];
    let mut i = 0;
    while i < MARKERS.len() {
        let bit = filter_bit(fnv(MARKERS[i].0.as_bytes()));
        out[bit / 64] |= 1 << (bit % 64);
        i += 1;
    }
    out
};

/// The markers among the words of one message, counted from the words' FNV-1a states, which the
/// misspelling repair's single pass over the text computes anyway: reading a message once more
/// only for this cost about 3% of a tweet's classification.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Markers {
    /// Bit `i`: marker `i` was seen.
    seen: u128,
    markers: usize,
    words: usize,
}

impl Markers {
    /// Counts one word (not empty) whose FNV-1a state is `h`.
    #[inline(always)]
    pub(crate) fn word(&mut self, word: &[u8], h: u32) {
        self.words += 1;
        let bit = filter_bit(h);
        if (2..=LONGEST_MARKER).contains(&word.len()) && FILTER[bit / 64] & (1 << (bit % 64)) != 0 {
            self.confirm(word);
        }
    }

    /// A word the filter let through: a marker if it packs like one.
    #[inline(never)]
    fn confirm(&mut self, word: &[u8]) {
        if let Ok(m) = PACKED.binary_search(&pack(word)) {
            self.seen |= 1 << m;
            self.markers += 1;
        }
    }

    /// Whether the words read as transliterated Russian: different markers worth 2 or more in
    /// all, one of them a word that is hardly ever anything else, and at least one word in four
    /// a marker (Russian chat is about that dense in the listed function words; English with a
    /// stray "ty", or "ya" three times, is not).
    pub(crate) fn read_as_translit(&self) -> bool {
        let (mut seen, mut weight, mut strong) = (self.seen, 0u32, false);
        while seen != 0 {
            let w = MARKERS[seen.trailing_zeros() as usize].1;
            weight += u32::from(w);
            strong |= w == 2;
            seen &= seen - 1;
        }
        strong && weight >= 2 && self.markers * 4 >= self.words
    }
}

/// Whether a token is a word of plain Latin letters (the normaliser lowercases and has already
/// decoded leet and dropped apostrophes).
fn is_latin_word(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_lowercase())
}

/// The tokens of normalised text with their byte offsets (empty ones too).
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split(' ').map(move |t| {
        let start = at;
        at += t.len() + 1;
        (start, t)
    })
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Appends the Cyrillic reading of one word of lowercase Latin letters to `out`.
fn to_cyrillic(word: &str, out: &mut String) {
    let b = word.as_bytes();
    // Whether the letter written last is a vowel, and whether it is a labial (after б, п, в, м,
    // ф a `yu`/`ye`/`yo` carries a soft sign: `ubyu` убью, `pyot` пьет; `ya` does not: тебя).
    let mut after_vowel = false;
    let mut after_labial = false;
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let at_end_or_consonant = |k: usize| rest.get(k).map_or(true, |&c| !is_vowel(c));
        let (cyr, used): (&str, usize) = match rest {
            [b's', b'h', b'c', b'h', ..] => ("щ", 4),
            [b's', b'c', b'h', ..] => ("щ", 3),
            [b'z', b'h', ..] => ("ж", 2),
            [b'k', b'h', ..] => ("х", 2),
            [b'c', b'h', ..] => ("ч", 2),
            [b's', b'h', ..] => ("ш", 2),
            [b't', b's'] | [b't', b'z'] => ("ц", 2),
            [b'y' | b'j', b'a', ..] => ("я", 2),
            [b'y' | b'j', b'u', ..] => (if after_labial { "ью" } else { "ю" }, 2),
            [b'y' | b'j', b'e' | b'o', ..] => (if after_labial { "ье" } else { "е" }, 2),
            [b'y', ..] => (if after_vowel || i == 0 { "й" } else { "ы" }, 1),
            [b'j', b'i', ..] => ("ж", 1),
            [b'j', ..] => ("й", 1),
            [b'i', ..] if after_vowel && at_end_or_consonant(1) => ("й", 1),
            [b'a', ..] => ("а", 1),
            [b'b', ..] => ("б", 1),
            [b'c', ..] => ("ц", 1),
            [b'd', ..] => ("д", 1),
            [b'e', ..] => ("е", 1),
            [b'f', ..] => ("ф", 1),
            [b'g', ..] => ("г", 1),
            [b'h' | b'x', ..] => ("х", 1),
            [b'i', ..] => ("и", 1),
            [b'k' | b'q', ..] => ("к", 1),
            [b'l', ..] => ("л", 1),
            [b'm', ..] => ("м", 1),
            [b'n', ..] => ("н", 1),
            [b'o', ..] => ("о", 1),
            [b'p', ..] => ("п", 1),
            [b'r', ..] => ("р", 1),
            [b's', ..] => ("с", 1),
            [b't', ..] => ("т", 1),
            [b'u', ..] => ("у", 1),
            [b'v' | b'w', ..] => ("в", 1),
            [b'z', ..] => ("з", 1),
            _ => ("", 1), // not a lowercase Latin letter: callers pass none
        };
        out.push_str(cyr);
        let last = cyr.chars().next_back();
        after_vowel = matches!(last, Some('а' | 'е' | 'и' | 'о' | 'у' | 'ы' | 'ю' | 'я'));
        after_labial = matches!(last, Some('б' | 'п' | 'в' | 'м' | 'ф'));
        i += used;
    }
}

/// Words after which a verb is an infinitive (`nado ubit` надо убить, `budu ubivat`): there a
/// final `t` lost its soft sign, which is otherwise often left out too but cannot be told from
/// a verb's third person (`ubit` is also "killed", `govorit` "says").
const TAKES_INFINITIVE: &[&str] = &[
    "budem", "budesh", "budete", "budu", "budut", "dolzhen", "dolzhna", "dolzhny", "hochesh",
    "hochu", "khochesh", "khochu", "mozhno", "nado", "nelzya", "nuzhno", "pora",
];

fn takes_infinitive(word: &str) -> bool {
    TAKES_INFINITIVE.binary_search(&word).is_ok()
}

/// A word that ends like an infinitive with its soft sign left out: a vowel, then `t`.
fn is_infinitive_without_soft_sign(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3 && b[b.len() - 1] == b't' && is_vowel(b[b.len() - 2])
}

/// Rewrites the Latin words of `norm` in Cyrillic: for a message whose words read as
/// transliterated Russian ([`Markers::read_as_translit`]). Allocates.
pub(crate) fn rewrite(norm: &mut Normalized) {
    let text = norm.as_str();
    let mut cyrillic = String::with_capacity(text.len() * 2);
    // Each rewritten token's range in `text` and its reading's end in `cyrillic`.
    let mut rewritten = Vec::new();
    let mut letters = 0;
    let mut prev = "";
    for (start, tok) in tokens(text) {
        if tok.is_empty() {
            continue;
        }
        let modal = core::mem::replace(&mut prev, tok);
        if is_latin_word(tok) && tok.len() <= LONGEST_WORD {
            to_cyrillic(tok, &mut cyrillic);
            if takes_infinitive(modal) && is_infinitive_without_soft_sign(tok) {
                cyrillic.push('ь');
            }
            rewritten.push((start, start + tok.len(), cyrillic.len()));
            letters += tok.len();
        }
    }
    let mut from = 0;
    let edits: Vec<(usize, usize, &str)> = rewritten
        .iter()
        .map(|&(start, end, to)| {
            let reading = &cyrillic[core::mem::replace(&mut from, to)..to];
            (start, end, reading)
        })
        .collect();
    norm.replace_tokens(&edits);
    norm.read_as_cyrillic(letters);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn cyr(word: &str) -> String {
        let mut s = String::new();
        to_cyrillic(word, &mut s);
        s
    }

    /// Whether the words of `text` read as transliterated Russian.
    fn reads_as_translit(text: &str) -> bool {
        let mut markers = Markers::default();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            markers.word(word.as_bytes(), fnv(word.as_bytes()));
        }
        markers.read_as_translit()
    }

    /// `text` normalised, and rewritten if it reads as transliterated Russian.
    fn restored(text: &str) -> String {
        let mut norm = normalize(text);
        if reads_as_translit(norm.as_str()) {
            rewrite(&mut norm);
        }
        norm.as_str().to_string()
    }

    #[test]
    fn markers_are_sorted_unique_and_short() {
        assert!(MARKERS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(PACKED.windows(2).all(|w| w[0] < w[1]));
        for (i, (m, _)) in MARKERS.iter().enumerate() {
            let mut one = Markers::default();
            one.word(m.as_bytes(), fnv(m.as_bytes()));
            assert_eq!(one.seen, 1 << i, "{m}");
        }
        assert!(MARKERS
            .iter()
            .all(|(m, w)| m.len() <= LONGEST_MARKER && is_latin_word(m) && (1..=2).contains(w)));
    }

    #[test]
    fn infinitives_get_their_soft_sign_after_a_modal() {
        assert!(TAKES_INFINITIVE.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(restored("vsekh ikh nado ubit"), "всех их надо убить");
        assert_eq!(restored("ty ego ubit"), "ты его убит");
    }

    #[test]
    fn words_read_by_the_usual_conventions() {
        for (latin, cyrillic) in [
            ("ty", "ты"),
            ("tebya", "тебя"),
            ("pidor", "пидор"),
            ("nahuy", "нахуй"),
            ("nahui", "нахуй"),
            ("idi", "иди"),
            ("ubyu", "убью"),
            ("zhid", "жид"),
            ("khach", "хач"),
            ("shlyukha", "шлюха"),
            ("vseh", "всех"),
            ("pizdets", "пиздец"),
            ("pizdec", "пиздец"),
            ("tupoy", "тупой"),
            ("moi", "мой"),
            ("yebat", "ебат"),
            ("ubit", "убит"),
            ("sdohni", "сдохни"),
            ("schas", "щас"),
            ("lyudi", "люди"),
            ("jid", "жид"),
            ("tvoj", "твой"),
            ("xuy", "хуй"),
        ] {
            assert_eq!(cyr(latin), cyrillic, "{latin}");
        }
    }

    #[test]
    fn only_messages_that_read_as_russian_are_rewritten() {
        assert_eq!(restored("ty pidor"), "ты пидор");
        assert_eq!(restored("Ubyu tebya, suka"), "убью тебя , сука");
        assert_eq!(restored("idi nahui"), "иди нахуй");
        // English with a stray marker, and Indonesian "suka" (to like), stay as they are.
        for text in [
            "ty for the help, see ya tomorrow at the game",
            "saya suka kamu",
            "da bomb",
            "I like my idi amin documentary",
            "Run in ya spot, smash ya hoe, ya know",
            "ty suka",
        ] {
            assert!(!reads_as_translit(normalize(text).as_str()), "{text}");
        }
    }

    #[test]
    fn mixed_messages_keep_other_tokens_and_spans() {
        let text = "ty 100% pidor @user";
        let mut norm = normalize(text);
        assert!(reads_as_translit(norm.as_str()));
        rewrite(&mut norm);
        let out = norm.as_str();
        assert!(out.starts_with("ты "), "{out}");
        assert!(out.contains("пидор"), "{out}");
        let at = out.find("пидор").unwrap();
        let (s, e) = norm.source_span(at, at + "пидор".len());
        assert_eq!(&text[s..e], "pidor");
        assert!(norm.cyrillic_letters() >= 7);
    }
}
