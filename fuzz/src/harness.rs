//! The bodies of the fuzz targets and the invariants they assert.
//!
//! One file, used three ways: by the cargo-fuzz targets in `fuzz/fuzz_targets/` (through
//! `fuzz/src/lib.rs`), by `tests/regressions.rs`, which replays every input kept in
//! `tests/regressions/<target>/` through exactly the same code, and by `tests/proptests.rs`, which
//! checks the same invariants on generated inputs. It depends on nothing but `moderato` and `std`,
//! so the main workspace needs no fuzzing crate to run the regressions.
//!
//! Every target takes raw bytes and decodes them itself (no `arbitrary`), so that a kept input
//! means the same thing to the fuzzer and to the regression test. A violated invariant panics
//! with a message saying which one.
#![allow(dead_code)]

use moderato::normalize::{normalize, normalize_into, Normalized};
use moderato::{Classifier, Label, Language, Model, Policy, Verdict};
use std::borrow::Cow;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The text a target classifies: valid UTF-8 as it is, anything else with U+FFFD in place of the
/// bad bytes (what a browser's `TextDecoder` or the CLI's lossy reading hands over).
pub fn text_of(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

// ------------------------------------------------------------------------------------------------
// Invariants
// ------------------------------------------------------------------------------------------------

/// Is `[a, b)` a valid byte range of `input` on char boundaries?
fn on_boundaries(input: &str, (a, b): (usize, usize)) -> bool {
    a <= b && b <= input.len() && input.is_char_boundary(a) && input.is_char_boundary(b)
}

/// The offset map of a normalised text:
/// - the output is tokens separated by exactly one space (no leading, trailing or double space);
/// - every token maps to a NON-EMPTY range of the input on char boundaries;
/// - token ranges are monotone: starts and ends never go backwards from one token to the next;
/// - `source_span` of any pair of offsets, in range or not, is a range on char boundaries;
/// - the normal form is at most 8 times as long as the input, in bytes;
/// - the letter counts are at most 18 per char of the input (the longest compatibility expansion).
pub fn check_normalized(input: &str, n: &Normalized) {
    let out = n.as_str();
    assert_eq!(n.source_len(), input.len(), "source_len of {input:?}");
    assert!(
        !out.starts_with(' ') && !out.ends_with(' ') && !out.contains("  "),
        "spacing of the output {out:?} of {input:?}"
    );
    let mut pos = 0;
    let mut prev: Option<(usize, usize)> = None;
    for tok in out.split(' ') {
        let (s, e) = (pos, pos + tok.len());
        pos = e + 1;
        if tok.is_empty() {
            continue; // only for an empty output
        }
        let span = n.source_span(s, e);
        assert!(
            on_boundaries(input, span),
            "token {tok:?} maps to {span:?}, not a char-boundary range of the {}-byte input {input:?}",
            input.len()
        );
        assert!(
            span.0 < span.1,
            "token {tok:?} maps to an empty range of {input:?}"
        );
        if let Some(p) = prev {
            assert!(
                p.0 <= span.0 && p.1 <= span.1,
                "token {tok:?} maps to {span:?}, before the previous token's {p:?}, in {input:?}"
            );
        }
        prev = Some(span);
    }
    // source_span on arbitrary arguments: every pair for short outputs, a sample for long ones.
    let len = out.len();
    if len <= 40 {
        for s in 0..=len + 2 {
            for e in s..=len + 2 {
                let span = n.source_span(s, e);
                assert!(
                    on_boundaries(input, span),
                    "source_span({s}, {e}) = {span:?} of {input:?}"
                );
            }
        }
    } else {
        let mut state = len as u64 | 1;
        for _ in 0..64 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let s = (state >> 33) as usize % (len + 3);
            let e = s + (state >> 13) as usize % (len + 3 - s);
            let span = n.source_span(s, e);
            assert!(
                on_boundaries(input, span),
                "source_span({s}, {e}) = {span:?}"
            );
        }
        for (s, e) in [
            (0, len),
            (len, len),
            (0, usize::MAX),
            (usize::MAX, usize::MAX),
        ] {
            assert!(
                on_boundaries(input, n.source_span(s, e)),
                "source_span({s}, {e})"
            );
        }
    }
    // A char becomes at most 7 (U+321D: 17 bytes of jamo and brackets from 3, plus the spaces
    // between its tokens); U+FDFA and U+FDFB, which would be 18 and 8 letters, are kept whole.
    assert!(
        out.len() <= 8 * input.len(),
        "the normal form is {} bytes for {} input bytes: {input:?}",
        out.len(),
        input.len()
    );
    // Counted after compatibility folding: one char may give several letters (`ﬃ` is three), up
    // to 18 (U+FDFA).
    let chars = input.chars().count();
    assert!(
        n.latin_letters() + n.cyrillic_letters() <= 18 * chars,
        "letter counts {} + {} > {chars} chars",
        n.latin_letters(),
        n.cyrillic_letters()
    );
}

/// A verdict is well formed and agrees with the classifier's settings:
/// - every score is a number in `[0, 1]`;
/// - `labels` holds exactly the labels whose score is at or above their threshold (and above 0),
///   in `Label::ALL` order;
/// - `flagged` iff one of them flags under the policy;
/// - every span is a non-empty range of `text` on char boundaries, with a term; spans are sorted
///   by position and not repeated;
/// - the language is `und` for text without any letter-like char, `en` for ASCII text with letters.
pub fn check_verdict(c: &Classifier, text: &str, v: &Verdict) {
    for (label, score) in v.scores.iter() {
        assert!(
            score.is_finite() && (0.0..=1.0).contains(&score),
            "score of {label} is {score} for {text:?}"
        );
        let present = score >= c.threshold(label) && score > 0.0;
        assert_eq!(
            v.has(label),
            present,
            "{label}: score {score}, threshold {}, labels {:?}, text {text:?}",
            c.threshold(label),
            v.labels
        );
    }
    assert!(
        v.labels.windows(2).all(|w| w[0] < w[1]),
        "labels not in order: {:?}",
        v.labels
    );
    let flags = v.labels.iter().any(|&l| c.policy().flags(l));
    assert_eq!(
        v.flagged,
        flags,
        "flagged vs labels {:?} under {}",
        v.labels,
        c.policy()
    );
    for s in &v.spans {
        assert!(
            on_boundaries(text, (s.start, s.end)) && s.start < s.end,
            "span {s:?} is not a non-empty char-boundary range of the {}-byte text {text:?}",
            text.len()
        );
        assert!(!s.term.is_empty(), "span without a term: {s:?}");
    }
    for w in v.spans.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        assert!(
            (a.start, a.end, a.label) < (b.start, b.end, b.label),
            "spans out of order or repeated: {a:?} then {b:?} in {text:?}"
        );
    }
    if text.is_ascii() {
        let letters = text.bytes().any(|b| b.is_ascii_alphabetic());
        let want = if letters {
            Language::English
        } else {
            Language::Unknown
        };
        assert_eq!(v.language, want, "language of ASCII text {text:?}");
    }
}

/// The time one classification may take: a fixed allowance for a loaded machine plus a
/// generous per-byte budget (linear code runs at well under a microsecond per byte; only
/// something super-linear, or a hang, gets near this).
pub fn time_budget(len: usize) -> Duration {
    Duration::from_secs(2) + Duration::from_micros(20) * len as u32
}

fn check_time(what: &str, len: usize, elapsed: Duration) {
    assert!(
        elapsed <= time_budget(len),
        "{what} of {len} bytes took {elapsed:?}, over the budget {:?}",
        time_budget(len)
    );
}

// ------------------------------------------------------------------------------------------------
// Shared classifiers (building one parses the lexicons: do it once per process)
// ------------------------------------------------------------------------------------------------

/// Classifiers on the embedded defaults: default, strict and minimal policy, and one without
/// the learned model.
pub fn classifiers() -> &'static [Classifier; 4] {
    static C: OnceLock<[Classifier; 4]> = OnceLock::new();
    C.get_or_init(|| {
        let with = |p: Policy| Classifier::builder().policy(p).build().unwrap();
        [
            with(Policy::Default),
            with(Policy::Strict),
            with(Policy::Minimal),
            Classifier::builder().without_model().build().unwrap(),
        ]
    })
}

// ------------------------------------------------------------------------------------------------
// Target: normalize
// ------------------------------------------------------------------------------------------------

/// Normalises the input, checks the offset map, checks that reusing buffers that held another
/// message gives exactly the same result, and normalises the output again (which must also give a
/// valid map and, being already normal, no longer text).
pub fn normalize_target(data: &[u8]) {
    static REUSED: Mutex<Option<Normalized>> = Mutex::new(None);
    let input = text_of(data);
    let fresh = normalize(&input);
    check_normalized(&input, &fresh);

    let mut guard = REUSED.lock().unwrap_or_else(|e| e.into_inner());
    let reused = guard.get_or_insert_with(Normalized::new);
    normalize_into(&input, reused);
    assert_eq!(
        reused.as_str(),
        fresh.as_str(),
        "reused buffers changed the text of {input:?}"
    );
    let len = fresh.as_str().len();
    for (s, e) in [(0, len), (0, len / 2), (len / 3, len)] {
        assert_eq!(
            reused.source_span(s, e),
            fresh.source_span(s, e),
            "reused buffers changed the map of {input:?}"
        );
    }
    assert_eq!(
        (reused.latin_letters(), reused.cyrillic_letters()),
        (fresh.latin_letters(), fresh.cyrillic_letters())
    );
    drop(guard);

    let out = fresh.as_str();
    let again = normalize(out);
    check_normalized(out, &again);
    // Not idempotent in general (`0хты` -> `охты`: the output mixes a digit with Cyrillic, which
    // the second pass reads as leet), but it never grows: every char maps to at most one.
    assert!(
        again.as_str().chars().count() <= out.chars().count(),
        "normalising the output {out:?} made it longer: {:?}",
        again.as_str()
    );
}

// ------------------------------------------------------------------------------------------------
// Target: classify
// ------------------------------------------------------------------------------------------------

/// First byte: bits 0-1 pick the classifier (see [`classifiers`]), bits 2 and 3 both set (a
/// quarter of the inputs) ask for the text to be repeated to at least 64 KiB (the time budget is
/// per byte, so this is what finds super-linear behaviour). The rest is the text.
///
/// Checks the verdict, the time, and that a batch (which reuses working memory, here after
/// another message) gives exactly the single-message verdicts.
pub fn classify_target(data: &[u8]) {
    static PREVIOUS: Mutex<String> = Mutex::new(String::new());
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let c = &classifiers()[usize::from(mode & 3)];
    let mut text = text_of(rest).into_owned();
    if mode & 0x0c == 0x0c && !text.is_empty() {
        let times = (64 * 1024) / text.len() + 1;
        text = text.repeat(times);
    }
    let t0 = Instant::now();
    let v = c.classify(&text);
    check_time("classify", text.len(), t0.elapsed());
    check_verdict(c, &text, &v);

    let mut previous = PREVIOUS.lock().unwrap_or_else(|e| e.into_inner());
    if text.len() <= 4096 {
        let batch = c.classify_batch(&[previous.as_str(), text.as_str(), previous.as_str()]);
        assert_eq!(batch.len(), 3);
        assert_eq!(
            batch[1], v,
            "batch verdict differs from the single one for {text:?}"
        );
        assert_eq!(
            batch[0], batch[2],
            "batch verdict of {previous:?} changed after {text:?}"
        );
        previous.clear();
        previous.push_str(&text);
    }
}

// ------------------------------------------------------------------------------------------------
// Target: model_load
// ------------------------------------------------------------------------------------------------

/// CRC-32 (IEEE, reflected), bit by bit: only used to seal fuzzed model bodies.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The model bytes a `model_load` input stands for. First byte even: the rest as it is. Odd: the
/// rest with its correct CRC-32 appended, so that the fuzzer gets past the checksum and into the
/// header and head checks (a random flip almost never keeps the checksum right).
pub fn model_bytes_of(data: &[u8]) -> Cow<'_, [u8]> {
    match data.split_first() {
        None => Cow::Borrowed(data),
        Some((&mode, rest)) if mode & 1 == 0 => Cow::Borrowed(rest),
        Some((_, rest)) => {
            let mut sealed = rest.to_vec();
            sealed.extend_from_slice(&crc32(rest).to_le_bytes());
            Cow::Owned(sealed)
        }
    }
}

/// `Model::from_bytes` and `ClassifierBuilder::model_bytes` on arbitrary bytes: an error or a
/// model, never a panic, and the two agree. A model that loads writes back the same bytes, has
/// thresholds in `[0, 1]`, gives probabilities in `[0, 1]` (or none) for any features, and a
/// classifier built on it gives well-formed verdicts.
pub fn model_load_target(data: &[u8]) {
    let bytes = model_bytes_of(data);
    let parsed = Model::from_bytes(&bytes);
    match &parsed {
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.starts_with("invalid model: ") && msg.len() > 15,
                "{msg:?}"
            );
            let built = Classifier::builder().model_bytes(&bytes).build();
            let err = built.expect_err("the builder accepted bytes Model::from_bytes refuses");
            assert!(err.to_string().starts_with("model bytes: "), "{err}");
        }
        Ok(m) => {
            assert_eq!(
                m.to_bytes(),
                &bytes[..],
                "a loaded model does not write back its bytes"
            );
            assert!((4..=24).contains(&m.bits()));
            assert!(!m.heads().is_empty() && m.heads().len() <= Label::COUNT);
            for h in m.heads() {
                assert!((0.0..=1.0).contains(&h.threshold), "{h:?}");
            }
            let feature_sets: [&[u32]; 4] = [&[], &[0], &[1, 2, 3, u32::MAX], &[7; 300]];
            for f in feature_sets {
                for p in m.probabilities(f).into_iter().flatten() {
                    assert!(p.is_nan() || (0.0..=1.0).contains(&p), "probability {p}");
                }
            }
            let c = Classifier::builder()
                .model_bytes(&bytes)
                .build()
                .expect("the builder refused a model Model::from_bytes accepts");
            for text in [
                "",
                "I will kill you",
                "you are a wonderful person",
                "ты дурак 🙂",
            ] {
                check_verdict(&c, text, &c.classify(text));
            }
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Target: tables_automaton
// ------------------------------------------------------------------------------------------------

/// A fixed text with both scripts, spaces, repeats and a byte that is not UTF-8.
const AUTOMATON_HAYSTACK: &[u8] =
    b" i will kill you killyou aaaa \xd1\x83\xd0\xb1\xd1\x8c\xd1\x8e \xff\x00 ";

/// The term automaton's decoder on arbitrary bytes: an error or an automaton whose scan neither
/// panics nor loops, with every match inside the text and as long as its pattern. First byte
/// even: the rest as it is; odd: the rest XORed over a real encoded automaton, so that mutations
/// start from bytes the decoder accepts.
pub fn tables_automaton_target(data: &[u8]) {
    let bytes: Cow<'_, [u8]> = match data.split_first() {
        None => Cow::Borrowed(data),
        Some((&mode, rest)) if mode & 1 == 0 => Cow::Borrowed(rest),
        Some((_, rest)) => {
            let mut b = moderato::fuzz_api::automaton_example_bytes();
            for (x, d) in b.iter_mut().zip(rest) {
                *x ^= d;
            }
            Cow::Owned(b)
        }
    };
    for haystack in [AUTOMATON_HAYSTACK, &bytes[..bytes.len().min(256)]] {
        if let Some(found) = moderato::fuzz_api::automaton_decode_and_scan(&bytes, haystack) {
            for (_, start, end) in found {
                assert!(start < end && end <= haystack.len(), "match {start}..{end}");
            }
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Target: options
// ------------------------------------------------------------------------------------------------

/// Reads fuzz bytes as a sequence of small values; past the end everything reads as zero/empty.
pub struct Cursor<'a> {
    data: &'a [u8],
}

impl<'a> Cursor<'a> {
    pub fn new(data: &'a [u8]) -> Cursor<'a> {
        Cursor { data }
    }

    pub fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    /// A length-prefixed string (one length byte, up to 255 bytes, lossy UTF-8).
    pub fn string(&mut self) -> String {
        let n = usize::from(self.byte()).min(self.data.len());
        let (s, rest) = self.data.split_at(n);
        self.data = rest;
        String::from_utf8_lossy(s).into_owned()
    }

    /// A threshold: mostly interesting values, sometimes raw f32 bits (NaN, infinities,
    /// subnormals, negative zero).
    pub fn threshold(&mut self) -> f32 {
        const VALUES: [f32; 12] = [
            0.0,
            -0.0,
            1.0,
            0.5,
            0.3,
            0.8,
            0.95,
            1.0000001,
            -0.0000001,
            f32::NAN,
            f32::INFINITY,
            2.0,
        ];
        let k = self.byte();
        if k < 0xF0 {
            VALUES[usize::from(k) % VALUES.len()]
        } else {
            f32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
        }
    }

    /// A label: by index, or (odd selector) by a fuzzed name that must parse.
    pub fn label(&mut self) -> Option<Label> {
        let k = self.byte();
        if k & 0x80 == 0 {
            Some(Label::ALL[usize::from(k) % Label::COUNT])
        } else {
            let name = self.string();
            match name.parse::<Label>() {
                Ok(l) => Some(l),
                Err(e) => {
                    let msg = e.to_string();
                    assert!(
                        msg.contains("unknown label") && msg.contains("identity_attack"),
                        "{msg}"
                    );
                    None
                }
            }
        }
    }

    pub fn rest(&mut self) -> &'a [u8] {
        core::mem::take(&mut self.data)
    }
}

/// The user's settings as the builder takes them (what the npm binding's options object becomes
/// once it has been read): a policy by name, per-label thresholds, deny and allow terms, with or
/// without the model; then a message. The build must fail with an error naming the bad setting
/// exactly when there is one we can predict (a threshold outside [0, 1]); a classifier that builds
/// must report the thresholds it was given and give well-formed verdicts, in time.
pub fn options_target(data: &[u8]) {
    let mut cur = Cursor::new(data);
    let mut b = Classifier::builder();
    let mut policy = Policy::Default;
    let selector = cur.byte();
    if selector & 1 != 0 {
        let name = if selector & 2 != 0 {
            cur.string()
        } else {
            Policy::ALL[usize::from(selector >> 2) % 3]
                .name()
                .to_string()
        };
        match name.parse::<Policy>() {
            Ok(p) => {
                assert_eq!(p.name(), name);
                policy = p;
                b.policy(p);
            }
            Err(e) => assert!(e.to_string().starts_with("unknown policy"), "{e}"),
        }
    }
    if selector & 0x40 != 0 {
        b.without_model();
    }
    let mut wanted: [Option<f32>; Label::COUNT] = [None; Label::COUNT];
    for _ in 0..cur.byte() % 8 {
        if let Some(label) = cur.label() {
            let t = cur.threshold();
            wanted[label.index()] = Some(t);
            b.threshold(label, t);
        }
    }
    let mut terms = Vec::new();
    for _ in 0..cur.byte() % 6 {
        let term = cur.string();
        if let Some(label) = cur.label() {
            b.deny_term(&term, label);
            terms.push(term);
        }
    }
    for _ in 0..cur.byte() % 6 {
        let term = cur.string();
        b.allow_term(&term);
        terms.push(term);
    }
    let text = text_of(cur.rest()).into_owned();
    let bad_threshold = wanted.iter().flatten().any(|t| !(0.0..=1.0).contains(t));
    match b.build() {
        Err(e) => {
            let msg = e.to_string();
            assert!(
                ["threshold for ", "deny term: ", "allow term: "]
                    .iter()
                    .any(|p| msg.starts_with(p)),
                "unexpected build error {msg:?}"
            );
            if bad_threshold {
                assert!(msg.starts_with("threshold for "), "{msg}");
            }
        }
        Ok(c) => {
            assert!(
                !bad_threshold,
                "a threshold outside [0, 1] was accepted: {wanted:?}"
            );
            assert_eq!(c.policy(), policy);
            for label in Label::ALL {
                if let Some(t) = wanted[label.index()] {
                    assert_eq!(
                        c.threshold(label).to_bits(),
                        t.to_bits(),
                        "threshold of {label}"
                    );
                }
            }
            for t in terms.iter().map(String::as_str).chain([text.as_str()]) {
                let t0 = Instant::now();
                let v = c.classify(t);
                check_time("classify", t.len(), t0.elapsed());
                check_verdict(&c, t, &v);
            }
        }
    }
}

/// `moderato::check_tables` on arbitrary bytes (the compiled lexicon tables' loader): an error
/// that says what is wrong, or tables that load and scan, never a panic. Seeded with the committed
/// `lexicons/compiled.bin` and cuts of it (scripts/fuzz.sh).
pub fn tables_load_target(data: &[u8]) {
    if let Err(e) = moderato::check_tables(data) {
        assert!(!e.is_empty());
    }
}
