//! Every input that ever made a fuzz target fail, replayed through the same target code
//! (`fuzz/src/harness.rs`), plus the bugs found by the hostile-input and boundary work that are
//! best pinned down natively. Inputs live in `tests/regressions/<target>/`, one file each, named
//! after what they found; add a file there when `scripts/fuzz.sh` finds a crash (see
//! docs/hardening.md).
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/harness.rs"]
mod harness;

use moderato::normalize::normalize;
use moderato::Classifier;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

/// The timing tests and the long exhaustive one take turns: timing is noisy enough on a loaded
/// 2-core machine without a neighbour thread.
static HEAVY: Mutex<()> = Mutex::new(());

/// Seconds per byte to classify `unit` repeated to about `bytes` bytes: the best of three runs.
/// The verdict must be well formed and, if `flagged`, flagged.
fn per_byte(c: &Classifier, unit: &str, bytes: usize, flagged: bool) -> f64 {
    let text = unit.repeat(bytes / unit.len());
    (0..3)
        .map(|_| {
            let t0 = Instant::now();
            let v = c.classify(&text);
            let dt = t0.elapsed().as_secs_f64();
            assert!(v.flagged || !flagged, "{unit:?} not flagged");
            harness::check_verdict(c, &text, &v);
            dt / text.len() as f64
        })
        .fold(f64::INFINITY, f64::min)
}

/// Time per byte below which growth is not judged (measurement noise on a loaded machine); the
/// quadratic behaviour these tests guard against reached tens of microseconds per byte.
const NOISE_FLOOR: f64 = 200e-9;

/// Replays every file of `tests/regressions/<target>/` through `run`; reports all failures.
fn replay(target: &str, run: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return; // no inputs kept for this target
    };
    let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let mut failures = Vec::new();
    for path in &files {
        let data = fs::read(path).unwrap();
        if let Err(e) = panic::catch_unwind(AssertUnwindSafe(|| run(&data))) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{}: {msg}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} kept inputs fail:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn normalize_inputs() {
    replay("normalize", harness::normalize_target);
}

#[test]
fn classify_inputs() {
    replay("classify", harness::classify_target);
}

#[test]
fn model_load_inputs() {
    replay("model_load", harness::model_load_target);
}

#[test]
fn tables_load_inputs() {
    replay("tables_load", harness::tables_load_target);
}

#[test]
fn options_inputs() {
    replay("options", harness::options_target);
}

#[test]
fn tables_automaton_inputs() {
    replay("tables_automaton", harness::tables_automaton_target);
    // Not fuzz finds, but the decoder's edges: nothing, as is, and damaged where it counts.
    harness::tables_automaton_target(&[]);
    harness::tables_automaton_target(&[1]);
    harness::tables_automaton_target(&[1, 0, 0, 0, 0, 0xff]);
    harness::tables_automaton_target(&[0, 0, 1, 0, 0]);
}

/// The Arabic honorific ligatures U+FDFA and U+FDFB used to expand to 18 and 8 letters (three and
/// two words): a message of them had a normal form eleven times its size and needed over 350
/// bytes of memory per input byte. They are kept whole now.
#[test]
fn arabic_ligatures_are_kept_whole() {
    assert_eq!(normalize("\u{FDFA} \u{FDFB}").as_str(), "\u{FDFA} \u{FDFB}");
    let text = "\u{FDFA}".repeat(10_000);
    assert!(normalize(&text).as_str().len() <= text.len());
}

/// Found by the classify fuzz target: the context layer looked at the whole message for every
/// hit, so a message full of hits took quadratic time (64 KiB of "shut up moron" took 3.5 s; 1 MB
/// of "idiot" over two minutes). It now judges long messages in windows. The time per byte of a
/// hit-dense message may not grow with its length.
#[test]
fn hit_dense_messages_are_linear() {
    let _heavy = HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    let c = Classifier::new();
    for (unit, flagged) in [
        "shut up moron ",
        "idiot ",
        "I will kill you. ",
        "\"you idiot\" he said, not ",
    ]
    .map(|u| (u, true))
    .into_iter()
    // Every hit a reported slur, so nothing flags: the quotation marks before each hit were
    // once counted anew (a 960 KB message took 9.9 s).
    .chain([("He wrote \"kike\" and was banned. ", false)])
    {
        let small = per_byte(&c, unit, 32 * 1024, flagged);
        let large = per_byte(&c, unit, 512 * 1024, flagged);
        assert!(
            large < 4.0 * small.max(NOISE_FLOOR),
            "{unit:?}: {:.0} ns/byte at 32 KiB, {:.0} ns/byte at 512 KiB",
            small * 1e9,
            large * 1e9
        );
    }
}

/// Found by the hostile-input test: the matcher compared every hit with every allowed region and
/// dropped repeated hits by shifting the rest of the list, both quadratic in a message full of
/// allowed words and hits ("cocktail cock shiitake shit ...").
#[test]
fn allowed_words_around_hits_are_linear() {
    let _heavy = HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    let c = Classifier::builder()
        .without_model()
        .structure_rules(false)
        .build()
        .unwrap();
    let unit = "cocktail cock shiitake shit Scunthorpe ";
    let small = per_byte(&c, unit, 64 * 1024, false);
    let large = per_byte(&c, unit, 1024 * 1024, false);
    assert!(
        large < 4.0 * small.max(NOISE_FLOOR),
        "{:.0} ns/byte at 64 KiB, {:.0} ns/byte at 1 MiB",
        small * 1e9,
        large * 1e9
    );
}

/// Every Unicode scalar value, alone and inside a word, keeps the offset-map invariants (and the
/// bound on the length of the normal form that the memory bound rests on).
#[test]
fn every_char_keeps_the_invariants() {
    let _heavy = HEAVY.lock().unwrap_or_else(|e| e.into_inner());
    let mut buf = String::new();
    for cp in 0..=0x10FFFFu32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        for (pre, post) in [("", ""), ("k", "ll")] {
            buf.clear();
            buf.push_str(pre);
            buf.push(c);
            buf.push_str(post);
            harness::check_normalized(&buf, &normalize(&buf));
        }
    }
}

/// The context layer judges long messages in windows (see `hit_dense_messages_are_linear`): no
/// evidence may be lost or cut at a window's edge. A message made of many copies of a short one
/// has exactly the copies' evidence, in the same words.
#[test]
fn long_messages_lose_no_evidence() {
    let c = Classifier::new();
    for (unit, copies) in [
        ("I will kill you. ", 3_000),
        ("you idiot ", 5_000),
        ("ты дурак, я тебя убью! ", 2_000),
        (
            "hello there, how are you doing today? fine thanks. muslims are vermin; ",
            700,
        ),
    ] {
        let one = c.classify(unit.trim_end());
        assert!(!one.spans.is_empty(), "{unit:?} has no evidence");
        let text = unit.repeat(copies);
        let all = c.classify(&text);
        harness::check_verdict(&c, &text, &all);
        assert_eq!(
            all.spans.len(),
            copies * one.spans.len(),
            "{unit:?} x {copies}"
        );
        for (k, s) in all.spans.iter().enumerate() {
            let want = &one.spans[k % one.spans.len()];
            assert_eq!(
                (&text[s.start..s.end], s.label),
                (&unit[want.start..want.end], want.label),
                "{unit:?} x {copies}: span {k}"
            );
        }
    }
}

/// Repetition is no evidence: a benign message pasted many times is judged like the message.
/// With features weighted by `1/sqrt(n)`, "hello world" pasted 300,000 times summed one word's
/// weight 550 times over and came back an identity attack with no span to show for it.
#[test]
fn repeated_benign_text_stays_benign() {
    let c = Classifier::new();
    for unit in [
        "hello world ",
        "abc def ",
        "lol ",
        "привет, как дела? ",
        "👨\u{200d}👩\u{200d}👧\u{200d}👦 ",
        "\u{202e}see you tomorrow ",
    ] {
        let one = c.classify(unit);
        assert!(!one.flagged, "{unit:?}");
        for copies in [10, 1_000, 200_000] {
            let text = unit.repeat(copies);
            let v = c.classify(&text);
            assert!(!v.flagged, "{unit:?} x {copies}: {:?}", v.labels);
            assert!(v.spans.is_empty(), "{unit:?} x {copies}");
        }
    }
}
