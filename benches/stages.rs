//! Criterion benchmarks of each stage of `Classifier::classify`, on generated messages of every
//! kind (see `bench/compare/messages.rs`), and of whole messages from 1 KB to 1 MB (cost must be
//! linear in length). Ends with a table of messages/s and MB/s per stage, read back from
//! criterion's own estimates.
//!
//! Stages, each timed alone on the output of the ones before it (`moderato::bench_api`):
//! `normalise` (Unicode folding, evasion undoing, offset map), `match` (squeezed copy and the
//! lexicon automaton), `context` (context automaton, clause structure, cancellation, structure
//! rules), `featurise` (hashed features), `score` (the model's heads), and `classify` (all of
//! them plus the verdict, with a `Scratch` the caller holds: `Classifier::classify_with`);
//! `classify_pool` is the plain `Classifier::classify`, which takes its working memory from the
//! classifier's small pool.
//!
//! Run: `cargo bench --bench stages` (add `-- --quick` or criterion's usual options; a filter such
//! as `tweet/` runs one set). If `../shared/data/olid` is present its tweets are a set too (read
//! at run time, never stored here).

use criterion::{BenchmarkId, Criterion, Throughput};
use moderato::bench_api::{Prepared, Stages};
use moderato::Classifier;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

#[path = "../bench/compare/messages.rs"]
mod messages;
use messages::Set;

/// A named set of messages and what the stages make of them.
struct Batch {
    name: String,
    texts: Vec<String>,
    prepared: Vec<Prepared>,
    bytes: usize,
}

const STAGES: [&str; 7] = [
    "normalise",
    "match",
    "context",
    "featurise",
    "score",
    "classify",
    "classify_pool",
];

fn batches(classifier: &Classifier) -> Vec<Batch> {
    let mut sets: Vec<(String, Vec<String>)> = [
        (Set::Chat, 1000),
        (Set::Tweet, 1000),
        (Set::Long, 50),
        (Set::Russian, 1000),
        (Set::Adversarial, 1000),
    ]
    .into_iter()
    .map(|(set, n)| (set.name().to_string(), messages::generate(set, n)))
    .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(tweets) = messages::olid_tweets(root, 1000) {
        sets.push(("olid".to_string(), tweets));
    }
    let stages = Stages::new(classifier);
    sets.into_iter()
        .map(|(name, texts)| {
            let prepared = texts.iter().map(|t| stages.prepare(t)).collect();
            let bytes = texts.iter().map(String::len).sum();
            Batch {
                name,
                texts,
                prepared,
                bytes,
            }
        })
        .collect()
}

fn bench_stages(c: &mut Criterion, classifier: &Classifier, batch: &mut Batch) {
    let mut group = c.benchmark_group(&batch.name);
    group.throughput(Throughput::Elements(batch.texts.len() as u64));
    let mut st = Stages::new(classifier);
    group.bench_function("normalise", |b| {
        b.iter(|| {
            for t in &batch.texts {
                black_box(st.normalize(black_box(t)));
            }
        })
    });
    group.bench_function("match", |b| {
        b.iter(|| {
            for p in batch.prepared.iter_mut() {
                black_box(st.find(black_box(p)));
            }
        })
    });
    group.bench_function("context", |b| {
        b.iter(|| {
            for p in batch.prepared.iter_mut() {
                black_box(st.context(black_box(p)));
            }
        })
    });
    group.bench_function("featurise", |b| {
        b.iter(|| {
            for p in batch.prepared.iter_mut() {
                black_box(st.extract(black_box(p)));
            }
        })
    });
    group.bench_function("score", |b| {
        b.iter(|| {
            for p in &batch.prepared {
                black_box(st.score(black_box(p)));
            }
        })
    });
    group.bench_function("classify", |b| {
        b.iter(|| {
            for t in &batch.texts {
                black_box(st.classify(black_box(t)));
            }
        })
    });
    group.bench_function("classify_pool", |b| {
        b.iter(|| {
            for t in &batch.texts {
                black_box(classifier.classify(black_box(t)));
            }
        })
    });
    group.finish();
}

/// Message lengths of the linearity check.
const LENGTHS: [usize; 3] = [1 << 10, 1 << 16, 1 << 20];

fn bench_lengths(c: &mut Criterion, classifier: &Classifier) {
    let mut group = c.benchmark_group("length");
    group.sample_size(10);
    let mut st = Stages::new(classifier);
    for len in LENGTHS {
        let text = messages::huge(len);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("classify", len), &text, |b, t| {
            b.iter(|| black_box(st.classify(black_box(t))))
        });
    }
    group.finish();
}

/// Where criterion writes its results: the target directory's `criterion/` (this executable runs
/// from `<target>/release/deps/`), unless `CRITERION_HOME` or `CARGO_TARGET_DIR` say otherwise.
fn criterion_home() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return Some(PathBuf::from(home));
    }
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return Some(PathBuf::from(dir).join("criterion"));
    }
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.parent()?.parent()?.join("criterion"))
}

/// The median time of one iteration of `group/bench`, in nanoseconds, if it ran in this run
/// (written after `since`; a filter may have skipped it, leaving an older result).
fn median_ns(home: &Path, group: &str, bench: &str, since: SystemTime) -> Option<f64> {
    let path = home.join(group).join(bench).join("new/estimates.json");
    if std::fs::metadata(&path).ok()?.modified().ok()? < since {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn summary(batches: &[Batch], since: SystemTime) {
    let Some(home) = criterion_home() else {
        return;
    };
    println!();
    println!("moderato stages, one thread: messages/s (MB/s), medians of this run");
    print!("{:<12} {:>6}", "set", "bytes");
    for s in STAGES {
        print!(" {s:>19}");
    }
    println!();
    for b in batches {
        if STAGES
            .iter()
            .all(|s| median_ns(&home, &b.name, s, since).is_none())
        {
            continue;
        }
        let n = b.texts.len() as f64;
        print!("{:<12} {:>6.0}", b.name, b.bytes as f64 / n);
        for s in STAGES {
            match median_ns(&home, &b.name, s, since) {
                Some(ns) => {
                    let secs = ns / 1e9;
                    let cell = format!("{:.0} ({:.1})", n / secs, b.bytes as f64 / secs / 1e6);
                    print!(" {cell:>19}");
                }
                None => print!(" {:>19}", "-"),
            }
        }
        println!();
    }
    for len in LENGTHS {
        if let Some(ns) = median_ns(&home, "length", &format!("classify/{len}"), since) {
            println!(
                "classify one {len}-byte message: {:.3} ms ({:.1} ns/byte, {:.1} MB/s)",
                ns / 1e6,
                ns / len as f64,
                len as f64 / (ns / 1e9) / 1e6
            );
        }
    }
}

fn main() {
    let since = SystemTime::now();
    let classifier = Classifier::new();
    let mut batches = batches(&classifier);
    let mut c = Criterion::default()
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3))
        .sample_size(20)
        .configure_from_args();
    for b in batches.iter_mut() {
        bench_stages(&mut c, &classifier, b);
    }
    bench_lengths(&mut c, &classifier);
    c.final_summary();
    summary(&batches, since);
}
