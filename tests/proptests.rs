//! Property tests of the invariants moderato promises on any input (proptest; native only).
//!
//! The invariants themselves are the ones the fuzz targets assert, in `fuzz/src/harness.rs`
//! (included here), so a property found here and a crash found by the fuzzer mean the same thing.
//! Case count: proptest's default (256 per property), or `PROPTEST_CASES`.
//!
//! What is and is not true of normalisation twice: normalising the output again is NOT the
//! identity in general, because the look-alike and leet rules read a word in the light of the whole
//! message (`о  0_a ы` → `о 0 а ы` → `ооаы`: the double spaces kept the letters apart the first
//! time; `0xты` → `0хты` → `охты`: the second pass sees a Cyrillic word with a leading zero). What
//! holds, and is asserted: every output word made of letters of one script (or digits, or one
//! punctuation mark) normalises to itself; normalising the output again never makes it longer and
//! keeps a valid map.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/harness.rs"]
mod harness;

use moderato::normalize::{normalize, normalize_into, Normalized};
use moderato::{Classifier, Label, Language, Policy};
use proptest::prelude::*;

/// Pieces that exercise every rule of the normaliser and the classifier: words of the lexicons,
/// evasion (leet, spacing, look-alikes, styled letters, invisible and combining characters),
/// punctuation the rules look at, other scripts, emoji.
const PIECES: &[&str] = &[
    "kill",
    "you",
    "I will",
    "idiot",
    "not",
    "never",
    "said",
    "\"",
    "'",
    "join",
    "isis",
    "убью",
    "тебя",
    "дурак",
    "не",
    "сука",
    "k1ll",
    "1d10t",
    "k i l l",
    "k.i.l.l",
    "f*ck",
    "sh!t",
    "a$$",
    "@user",
    "$5",
    "12:30",
    "0x1f",
    "3am",
    "covid19",
    "a",
    "b",
    "k",
    "i",
    "l",
    "u",
    "r",
    "я",
    "т",
    "о",
    "с",
    "0",
    "1",
    "3",
    "4",
    "@",
    "$",
    "!",
    "|",
    ".",
    ",",
    "-",
    "_",
    "*",
    "?",
    ":",
    ";",
    "(",
    ")",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\t",
    "\u{200B}",
    "\u{200D}",
    "\u{202E}",
    "\u{2066}",
    "\u{0301}",
    "\u{0306}",
    "\u{00AD}",
    "\u{FEFF}",
    "\u{FE0F}",
    "\u{E0041}",
    "𝐤𝐢𝐥𝐥",
    "ｋｉｌｌ",
    "🅺",
    "🇰",
    "⒦",
    "ß",
    "ﬃ",
    "½",
    "ﷺ",
    "κ",
    "а",
    "е",
    "р",
    "К",
    "K",
    "B",
    "H",
    "Ё",
    "«",
    "»",
    "“",
    "—",
    "·",
    "🙂",
    "👨\u{200D}👩\u{200D}👧",
    "🔪",
    "\0",
    "\u{FFFD}",
    "中文",
    "العربية",
    "end.Start",
    "Scunthorpe",
    "cocktail",
    "муслимы",
    "muslims are",
    "vermin",
    "\u{10FFFF}",
    "\u{321D}",
    "\u{3316}",
    "\u{33AF}",
    "\u{FDFB}",
    "\u{247D}",
    "\u{1F12F}",
    "\u{2474}",
];

/// Text made of the pieces above.
fn pieces_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|v| v.concat())
}

/// Any text: mostly pieces, also arbitrary Unicode and runs of the low planes.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => pieces_text(),
        1 => any::<String>(),
        1 => prop::collection::vec(prop::char::range('\0', '\u{3000}'), 0..48)
            .prop_map(|v| v.into_iter().collect::<String>()),
    ]
}

/// An output token that a second pass must leave alone: letters of one script (Latin `a-z` or
/// Russian `а-я`), digits only, or one punctuation mark.
fn plain_token(t: &str) -> bool {
    t.chars().all(|c| c.is_ascii_lowercase())
        || t.chars().all(|c| ('а'..='я').contains(&c))
        || t.chars().all(|c| c.is_ascii_digit())
        || (t.chars().count() == 1 && !t.chars().all(char::is_alphanumeric))
}

fn classifiers() -> &'static [Classifier; 4] {
    harness::classifiers()
}

proptest! {
    /// Every token maps to a non-empty char-boundary range of the input, monotonically; any
    /// `source_span` call is safe.
    #[test]
    fn offset_map_is_valid(text in any_text()) {
        harness::check_normalized(&text, &normalize(&text));
    }

    /// Normalised words of one script, numbers and punctuation are fixed points.
    #[test]
    fn plain_output_words_are_fixed_points(text in any_text()) {
        let out = normalize(&text);
        for tok in out.as_str().split(' ').filter(|t| plain_token(t)) {
            let again = normalize(tok);
            prop_assert_eq!(again.as_str(), tok, "a word of the output of {:?}", text);
        }
    }

    /// Normalising the output again keeps a valid map and never makes it longer.
    #[test]
    fn normalising_twice_is_safe_and_never_grows(text in any_text()) {
        let once = normalize(&text);
        let twice = normalize(once.as_str());
        harness::check_normalized(once.as_str(), &twice);
        prop_assert!(twice.as_str().chars().count() <= once.as_str().chars().count());
    }

    /// Reused buffers give exactly what fresh ones give.
    #[test]
    fn reused_buffers_change_nothing(a in any_text(), b in any_text()) {
        let mut n = Normalized::new();
        normalize_into(&a, &mut n);
        normalize_into(&b, &mut n);
        let fresh = normalize(&b);
        prop_assert_eq!(n.as_str(), fresh.as_str());
        let len = fresh.as_str().len();
        for (s, e) in [(0, len), (0, len / 2), (len / 2, len)] {
            prop_assert_eq!(n.source_span(s, e), fresh.source_span(s, e));
        }
    }

    /// Classification never panics and its verdict is well formed (scores in [0, 1], labels iff
    /// score >= threshold, flagged iff a flagging label, spans inside the text on char
    /// boundaries, sorted) under every policy and without the model; the language is one of
    /// en/ru/und and follows the letter counts.
    #[test]
    fn classify_is_well_formed(text in any_text()) {
        for c in classifiers() {
            let v = c.classify(&text);
            harness::check_verdict(c, &text, &v);
            prop_assert!(["en", "ru", "und"].contains(&v.language.code()));
            let n = normalize(&text);
            prop_assert_eq!(v.language, Language::from_letter_counts(n.latin_letters(), n.cyrillic_letters()));
        }
    }

    /// A batch gives exactly the verdicts of one call per message, in order.
    #[test]
    fn batch_equals_single(texts in prop::collection::vec(any_text(), 0..8)) {
        let c = &classifiers()[0];
        let batch = c.classify_batch(&texts);
        prop_assert_eq!(batch.len(), texts.len());
        for (t, v) in texts.iter().zip(&batch) {
            prop_assert_eq!(v, &c.classify(t), "{:?}", t);
        }
    }
}

proptest! {
    // Building a classifier parses the lexicons: fewer cases for these.
    #![proptest_config(ProptestConfig::with_cases(cases(32)))]

    /// User thresholds are kept exactly and respected: a label is present iff its score reaches
    /// the threshold (and is above 0); out-of-range or NaN thresholds are refused, naming the label.
    #[test]
    fn thresholds_are_respected(
        policy in prop::sample::select(Policy::ALL.to_vec()),
        thresholds in prop::collection::vec(
            prop::option::of(prop_oneof![4 => 0.0f32..=1.0, 1 => prop::sample::select(vec![0.0f32, 1.0, -0.0, 0.3, 0.95])]),
            Label::COUNT,
        ),
        bad in prop::option::of((0..Label::COUNT, prop::sample::select(vec![-0.01f32, 1.01, f32::NAN, f32::INFINITY, -1e30]))),
        texts in prop::collection::vec(any_text(), 1..6),
    ) {
        let mut b = Classifier::builder();
        b.policy(policy);
        for (label, t) in Label::ALL.iter().zip(&thresholds) {
            if let Some(t) = t {
                b.threshold(*label, *t);
            }
        }
        if let Some((i, t)) = bad {
            b.threshold(Label::ALL[i], t);
            let err = b.build().expect_err("a bad threshold was accepted").to_string();
            let want = format!("threshold for {}", Label::ALL[i]);
            prop_assert!(err.contains(&want), "{}", err);
            return Ok(());
        }
        let c = b.build().unwrap();
        prop_assert_eq!(c.policy(), policy);
        for (label, t) in Label::ALL.iter().zip(&thresholds) {
            if let Some(t) = t {
                prop_assert_eq!(c.threshold(*label).to_bits(), t.to_bits());
            }
        }
        let probes = ["I will kill you", "you idiot", "fuck this", "those people are vermin", "join isis"];
        for t in texts.iter().map(String::as_str).chain(probes) {
            harness::check_verdict(&c, t, &c.classify(t));
        }
    }

    /// Arbitrary settings bytes through the options target (policy names, labels, thresholds
    /// including raw f32 bits, deny and allow terms, with or without the model, a message).
    #[test]
    fn options_never_panic(data in prop::collection::vec(any::<u8>(), 0..256)) {
        harness::options_target(&data);
    }

    /// The embedded model cut or with bytes changed (and sealed with a correct checksum half of
    /// the time): an error or a working model, never a panic.
    #[test]
    fn corrupt_models_are_refused_or_work(
        seal in any::<bool>(),
        cut in prop::option::of(any::<prop::sample::Index>()),
        flips in prop::collection::vec((any::<prop::sample::Index>(), 1u8..=255), 0..4),
    ) {
        let mut bytes = Classifier::new().model().expect("an embedded model").to_bytes();
        if seal {
            bytes.truncate(bytes.len() - 4); // the target appends the checksum again
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len() + 1));
        }
        for (at, x) in &flips {
            if !bytes.is_empty() {
                let i = at.index(bytes.len().min(4096)); // the header, the heads and the first weights
                bytes[i] ^= x;
            }
        }
        let mut input = vec![u8::from(seal)];
        input.extend_from_slice(&bytes);
        harness::model_load_target(&input);
    }
}

/// For the properties that build a classifier per case: `default`, or an eighth of
/// `PROPTEST_CASES` (at least 16) if that is set.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .map_or(default, |n| (n / 8).max(16))
}

/// The counter-examples to "normalising twice changes nothing" that the module doc cites: kept so
/// that the documentation stays true.
#[test]
fn normalising_twice_is_not_the_identity() {
    for (input, once, twice) in [("о  0_a ы", "о 0 а ы", "ооаы"), ("0xты", "0хты", "охты")]
    {
        assert_eq!(normalize(input).as_str(), once, "{input:?}");
        assert_eq!(normalize(once).as_str(), twice, "{once:?}");
    }
}
