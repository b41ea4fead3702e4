//! Hostile inputs: text crafted to crash the classifier, slow it down or exhaust memory.
//!
//! Run in release to see the real figures (scripts/test-hardening.sh does):
//!
//! ```sh
//! cargo test --release --test hostile -- --nocapture --test-threads=1
//! ```
//!
//! Every case must: not panic; give a well-formed verdict (the invariants of
//! `fuzz/src/harness.rs`: spans on char boundaries inside the text, scores in [0, 1], labels
//! agreeing with thresholds); take time linear in its length (each case is grown by doubling from
//! 128 KiB, and the time per byte may not grow more than 4x over the smallest size, which catches
//! anything quadratic long before it gets slow); and allocate at most a constant times its length
//! at the peak (measured by a counting allocator). A test binary of its own, so the counting
//! allocator sees nothing else; its tests take a lock so that they measure one at a time.
//!
//! In a debug build (as `cargo test --workspace` runs it) the sizes are an eighth and the absolute
//! time bounds are not checked: the debug profile's speed says nothing about release.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/src/harness.rs"]
mod harness;

use moderato::normalize::normalize;
use moderato::{Classifier, Verdict};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

// ------------------------------------------------------------------------------------------------
// A counting allocator: current and peak bytes in use.
// ------------------------------------------------------------------------------------------------

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = CURRENT.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: forwards every call to the system allocator unchanged; only counts sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One measurement at a time (the allocator counts the whole process).
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

// ------------------------------------------------------------------------------------------------
// Measuring
// ------------------------------------------------------------------------------------------------

const RELEASE: bool = !cfg!(debug_assertions);
const KIB: usize = 1024;
const MIB: usize = 1024 * 1024;

/// Sizes are an eighth in debug builds.
fn scaled(bytes: usize) -> usize {
    if RELEASE {
        bytes
    } else {
        bytes / 8
    }
}

/// Peak memory allowed for classifying a message, beyond what was in use before: this many
/// bytes per byte of the input and of its normal form, plus a fixed allowance. The working
/// buffers (the normal form and its map back to the input, the squeezed copy for matching, the
/// context scan, the features) and the verdict's spans take a bounded number of bytes per byte
/// of the normal form, which is itself at most [`MAX_EXPANSION`] times the input.
const BYTES_PER_BYTE: usize = 32;
const FIXED_ALLOWANCE: usize = 4 * MIB;

/// The normal form is at most this many times as long as the input (in bytes): the longest
/// compatibility form kept is 7 chars (U+321D, 17 bytes of jamo and brackets from 3, 19 with the
/// spaces between its tokens). Also asserted on every input by the fuzz and property tests.
const MAX_EXPANSION: usize = 8;

struct Run {
    elapsed: Duration,
    peak: usize,
    verdict: Verdict,
}

/// Classifies `text`, timing it and measuring the peak of extra memory; checks the verdict.
fn measure(c: &Classifier, text: &str) -> Run {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let t0 = Instant::now();
    let verdict = c.classify(text);
    let elapsed = t0.elapsed();
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    harness::check_verdict(c, text, &verdict);
    Run {
        elapsed,
        peak,
        verdict,
    }
}

/// `unit` repeated to `bytes` bytes (cut back to a char boundary).
fn fill(unit: &str, bytes: usize) -> String {
    let mut s = unit.repeat(bytes / unit.len() + 1);
    let mut n = bytes.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    s.truncate(n);
    s
}

fn per_mb(d: Duration, bytes: usize) -> f64 {
    d.as_secs_f64() * 1000.0 * MIB as f64 / bytes.max(1) as f64
}

fn classifier() -> &'static Classifier {
    &harness::classifiers()[0]
}

// ------------------------------------------------------------------------------------------------
// The cases
// ------------------------------------------------------------------------------------------------

/// A hostile input of (about) the given size.
struct Case {
    name: &'static str,
    /// Full size, in bytes, before debug scaling.
    size: usize,
    make: fn(usize) -> String,
}

/// One char from every Unicode plane and then every 97th code point of all planes (surrogates
/// excluded, as Rust strings cannot hold them: lone surrogates from JavaScript arrive as U+FFFD and
/// are tested at the boundary, js/test/boundary.test.mjs).
fn every_plane(bytes: usize) -> String {
    let mut unit = String::new();
    for plane in 0..17u32 {
        for cp in [
            plane << 16 | 0x41,
            plane << 16 | 0xFFFD,
            plane << 16 | 0x1234,
        ] {
            if let Some(c) = char::from_u32(cp) {
                unit.push(c);
            }
        }
    }
    let mut cp = 0u32;
    while cp <= 0x10FFFF {
        if let Some(c) = char::from_u32(cp) {
            unit.push(c);
            if cp % 5 == 0 {
                unit.push(' ');
            }
        }
        cp += 97;
    }
    fill(&unit, bytes)
}

/// Latin, Cyrillic, Greek, Arabic, Hebrew, CJK, Devanagari, styled and fullwidth letters and
/// emoji, changing script at every char (with a space now and then).
fn alternating_scripts(bytes: usize) -> String {
    let cycle = "kкκكכ中क𝐤ｋ🙂iиιيי文ि𝐢ｉ🔪lлλلל字ल𝐥ｌ ";
    fill(cycle, bytes)
}

const CASES: &[Case] = &[
    Case {
        name: "10 MB of chat (EN+RU, emoji, evasions)",
        size: 10 * MIB,
        make: |n| {
            fill(
                "Hey, see you at 12:30? I will k1ll you 🙂 ты дурак, сд0хни. Police said the attack \
                 killed 3 people. \"Gays are scum\" is a disgusting thing to say. 𝐟𝐮𝐜𝐤 this \
                 traffic is killing me. Scunthorpe cocktail party, join i.s.i.s now!!! ",
                n,
            )
        },
    },
    Case {
        name: "10 MB of threats (a hit every 17 bytes)",
        size: 10 * MIB,
        make: |n| fill("I will kill you. ", n),
    },
    Case {
        name: "10 MB of insults in one sentence",
        size: 10 * MIB,
        make: |n| fill("idiot ", n),
    },
    Case {
        name: "10 MB of quoted, negated and reported hits",
        size: 10 * MIB,
        make: |n| {
            fill(
                "he said \"you are not an idiot\" and muslims are vermin, police said ",
                n,
            )
        },
    },
    Case {
        name: "10 MB of allowed words around hits",
        size: 10 * MIB,
        make: |n| fill("cocktail cock shiitake shit Scunthorpe ", n),
    },
    Case {
        name: "10 MB of one letter",
        size: 10 * MIB,
        make: |n| "a".repeat(n),
    },
    Case {
        name: "10 MB of one Cyrillic letter",
        size: 10 * MIB,
        make: |n| fill("я", n),
    },
    Case {
        name: "100,000 combining marks on one letter",
        size: 200 * KIB,
        make: |n| format!("a{}", fill("\u{0301}", n)),
    },
    Case {
        name: "100,000 combining marks alone",
        size: 200 * KIB,
        make: |n| fill("\u{0301}", n),
    },
    Case {
        name: "combining marks stacked on every letter",
        size: 4 * MIB,
        make: |n| {
            fill(
                "k\u{0301}\u{0308}\u{0306}i\u{0300}\u{0301}l\u{0327}l\u{0301} ",
                n,
            )
        },
    },
    Case {
        name: "RTL overrides and isolates everywhere",
        size: 4 * MIB,
        make: |n| {
            fill(
                "\u{202E}k\u{202C}i\u{2067}l\u{2069}l \u{202E}uoy\u{202C} \u{200F}",
                n,
            )
        },
    },
    Case {
        name: "1M NUL bytes",
        size: MIB,
        make: |n| "\0".repeat(n),
    },
    Case {
        name: "NUL bytes inside words",
        size: 4 * MIB,
        make: |n| fill("k\0i\0l\0l\0 y\0o\0u\0 ", n),
    },
    Case {
        name: "every Unicode plane",
        size: 4 * MIB,
        make: every_plane,
    },
    Case {
        name: "1M spaces",
        size: MIB,
        make: |n| " ".repeat(n),
    },
    Case {
        name: "1M spaces between two letters",
        size: MIB,
        make: |n| format!("x{}y", " ".repeat(n)),
    },
    Case {
        name: "spelled-out letters (k i l l ...) without end",
        size: 4 * MIB,
        make: |n| fill("k i l l y o u ", n),
    },
    Case {
        name: "alternating scripts per char",
        size: 4 * MIB,
        make: alternating_scripts,
    },
    Case {
        name: "deep leetspeak",
        size: 4 * MIB,
        make: |n| fill("|<!|_|_ y0|_| 1d10t $h!7 k.1.l.l @$$h0l3 5uk@ 0x1f1 ", n),
    },
    Case {
        name: "one 4 MB word of leet",
        size: 4 * MIB,
        make: |n| fill("k1ll3r$", n),
    },
    Case {
        name: "zero-width chars between every letter",
        size: 4 * MIB,
        make: |n| fill("k\u{200B}i\u{200D}l\u{2060}l\u{FEFF} ", n),
    },
    Case {
        name: "styled and enclosed letters",
        size: 4 * MIB,
        make: |n| fill("𝐤𝐢𝐥𝐥 𝓎𝑜𝓊 🅺🅸🅻🅻 ⒦⒤⒧⒧ ｋｉｌｌ ", n),
    },
    Case {
        name: "Arabic honorific ligatures (U+FDFA, U+FDFB)",
        size: 4 * MIB,
        make: |n| fill("\u{FDFA}\u{FDFB} ", n),
    },
    Case {
        name: "longest compatibility expansions (7 and 6 chars each)",
        size: 4 * MIB,
        make: |n| fill("\u{321D}\u{3316}\u{33AF}\u{321E}", n),
    },
    Case {
        name: "emoji ZWJ sequences and flags",
        size: 4 * MIB,
        make: |n| fill("👨\u{200D}👩\u{200D}👧\u{200D}👦🏳\u{FE0F}\u{200D}🌈🇺🇦", n),
    },
    Case {
        name: "punctuation storm",
        size: 4 * MIB,
        make: |n| fill("!?.,;:()\"'*-_/«»—…", n),
    },
];

/// The smallest size of the doubling ladder.
const LADDER_START: usize = 128 * KIB;

/// How much the time per byte may grow from the smallest size to the largest.
const MAX_GROWTH: f64 = 4.0;

/// Time per byte below which growth is not judged (too small to measure reliably).
const NOISE_FLOOR_NS_PER_BYTE: f64 = 200.0;

#[test]
fn hostile_inputs_are_safe_linear_and_bounded() {
    let _serial = serial();
    let c = classifier();
    let _ = c.classify("warm up");
    let mut worst: Option<(f64, &str)> = None;
    let mut failures = Vec::new();
    println!(
        "\n{:<58} {:>9} {:>10} {:>10} {:>10} {:>8}",
        "case", "bytes", "ms", "ms/MB", "peak MB", "peak/in"
    );
    for case in CASES {
        let full = scaled(case.size);
        // The doubling ladder: stop at the first size whose time per byte grew too much.
        let mut size = LADDER_START.min(full);
        let mut first_ns: Option<f64> = None;
        let last = loop {
            let text = (case.make)(size);
            let mut run = measure(c, &text);
            // Small sizes take milliseconds: the best of three, so that one preemption on a
            // loaded machine does not look like growth.
            if text.len() <= MIB {
                for _ in 0..2 {
                    let again = measure(c, &text);
                    run.elapsed = run.elapsed.min(again.elapsed);
                }
            }
            let ns = run.elapsed.as_nanos() as f64 / text.len().max(1) as f64;
            let base = *first_ns.get_or_insert(ns);
            let growth = ns / base.max(NOISE_FLOOR_NS_PER_BYTE);
            if growth > MAX_GROWTH {
                failures.push(format!(
                    "{}: not linear: {:.0} ns/byte at {} bytes, {:.0} ns/byte at {} bytes ({growth:.1}x)",
                    case.name,
                    base,
                    LADDER_START.min(full),
                    ns,
                    text.len()
                ));
                break None;
            }
            let normal = normalize(&text).as_str().len();
            if normal > MAX_EXPANSION * text.len() {
                failures.push(format!(
                    "{}: the normal form is {normal} bytes for {} input bytes",
                    case.name,
                    text.len()
                ));
            }
            let bound = BYTES_PER_BYTE * (text.len() + normal) + FIXED_ALLOWANCE;
            if run.peak > bound {
                failures.push(format!(
                    "{}: peak memory {} bytes for {} input bytes and {normal} normalised (bound {bound})",
                    case.name,
                    run.peak,
                    text.len()
                ));
            }
            if size >= full {
                break Some((text.len(), run));
            }
            size = (size * 2).min(full);
        };
        let Some((len, run)) = last else {
            println!("{:<58} {:>9} not linear, see the failures", case.name, "-");
            continue;
        };
        let ms = run.elapsed.as_secs_f64() * 1000.0;
        println!(
            "{:<58} {:>9} {:>10.1} {:>10.1} {:>10.1} {:>8.1}  flagged={} spans={}",
            case.name,
            len,
            ms,
            per_mb(run.elapsed, len),
            run.peak as f64 / MIB as f64,
            run.peak as f64 / len.max(1) as f64,
            run.verdict.flagged,
            run.verdict.spans.len()
        );
        if worst.map_or(true, |(w, _)| ms > w) {
            worst = Some((ms, case.name));
        }
        // Absolute bound, release only: the slowest shape (CJK compatibility chars, 7 letters
        // each, every one a Unicode table search) runs at about 1.3 s per MB on an idle machine;
        // this is loose enough for a loaded 2-core machine and still catches a pathology.
        if RELEASE && per_mb(run.elapsed, len) > 5000.0 {
            failures.push(format!(
                "{}: {:.0} ms per MB is over the 5000 ms/MB bound",
                case.name,
                per_mb(run.elapsed, len)
            ));
        }
    }
    if let Some((ms, name)) = worst {
        println!("worst time per message: {ms:.1} ms ({name})");
    }
    assert!(
        failures.is_empty(),
        "hostile inputs:\n{}",
        failures.join("\n")
    );
}

/// Time per MB at 1 MB and at 8 MB for inputs of different shapes: the per-byte time may not grow
/// by more than 4x (best of 3 runs at 1 MB, best of 2 at 8 MB). A 256 KiB probe first, so that
/// something quadratic fails in seconds instead of running for an hour.
#[test]
fn time_per_byte_is_flat_from_1_to_8_mb() {
    let _serial = serial();
    let c = classifier();
    let shapes: &[(&str, &str)] = &[
        (
            "chat",
            "Hey, see you at 12:30? I will k1ll you 🙂 ты дурак, сд0хни. Police said so. ",
        ),
        ("threats", "I will kill you. "),
        ("one letter", "a"),
        ("leet", "|<!|_|_ y0|_| 1d10t $h!7 k.1.l.l "),
        ("marks", "k\u{0301}\u{0308}i\u{0300}l\u{0327}l "),
        ("scripts", "kкκكכ中क𝐤ｋ🙂 "),
    ];
    let (small, large) = (scaled(MIB), scaled(8 * MIB));
    let best = |text: &str, runs: usize| {
        (0..runs)
            .map(|_| {
                let t0 = Instant::now();
                let v = c.classify(text);
                let d = t0.elapsed();
                harness::check_verdict(c, text, &v);
                d
            })
            .min()
            .unwrap()
    };
    println!(
        "\n{:<12} {:>14} {:>14} {:>8}",
        "shape", "ms/MB @1MB", "ms/MB @8MB", "ratio"
    );
    let mut failures = Vec::new();
    for &(name, unit) in shapes {
        let probe = fill(unit, small / 4);
        let probe_ms = per_mb(best(&probe, 1), probe.len());
        let a = fill(unit, small);
        let a_ms = per_mb(best(&a, 3), a.len());
        if a_ms / probe_ms.max(0.1) > MAX_GROWTH {
            failures.push(format!(
                "{name}: {probe_ms:.1} ms/MB at 256 KiB, {a_ms:.1} ms/MB at 1 MiB"
            ));
            continue;
        }
        let b = fill(unit, large);
        let b_ms = per_mb(best(&b, 2), b.len());
        let ratio = b_ms / a_ms.max(0.1);
        println!("{name:<12} {a_ms:>14.1} {b_ms:>14.1} {ratio:>8.2}");
        if ratio > MAX_GROWTH {
            failures.push(format!(
                "{name}: {a_ms:.1} ms/MB at 1 MiB, {b_ms:.1} ms/MB at 8 MiB"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "time per byte grows with length:\n{}",
        failures.join("\n")
    );
}

/// The batch form (which reuses its working memory from one message to the next) on all the
/// hostile shapes at once: the same verdicts as one by one.
#[test]
fn a_batch_of_hostile_messages() {
    let _serial = serial();
    let c = classifier();
    let texts: Vec<String> = CASES
        .iter()
        .map(|case| (case.make)(scaled(64 * KIB)))
        .collect();
    let batch = c.classify_batch(&texts);
    for (t, v) in texts.iter().zip(&batch) {
        assert_eq!(v, &c.classify(t));
    }
}
