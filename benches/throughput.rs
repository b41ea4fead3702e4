//! Single-threaded throughput of `Classifier::classify` on tweet-length messages (the budget is
//! at least 100,000 messages/s natively), and the size of the embedded model (raw and gzipped;
//! the whole `.wasm` must stay under 1 MB gzipped).
//!
//! Run: `cargo bench --bench throughput`

use moderato::Classifier;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Deterministic tweet-length messages (60 to 280 bytes), English and Russian, mostly benign with
/// some insults, threats and evasions, built from word lists so no dataset text is involved.
fn messages(n: usize) -> Vec<String> {
    const EN: &[&str] = &[
        "the",
        "game",
        "last",
        "night",
        "was",
        "honestly",
        "great",
        "and",
        "I",
        "think",
        "we",
        "should",
        "meet",
        "again",
        "tomorrow",
        "at",
        "the",
        "station",
        "because",
        "traffic",
        "is",
        "killing",
        "me",
        "lol",
        "you",
        "are",
        "an",
        "idiot",
        "k1ll",
        "people",
        "from",
        "that",
        "city",
        "news",
        "report",
        "about",
        "attack",
        "on",
        "police",
        "government",
        "policy",
        "is",
        "cruel",
        "stupid",
        "coffee",
        "weekend",
        "plans",
        "@user",
        "#tbt",
    ];
    const RU: &[&str] = &[
        "привет",
        "как",
        "дела",
        "вчера",
        "был",
        "отличный",
        "матч",
        "и",
        "я",
        "думаю",
        "что",
        "надо",
        "встретиться",
        "завтра",
        "на",
        "вокзале",
        "ты",
        "дебил",
        "убью",
        "тебя",
        "новости",
        "о",
        "нападении",
        "правительство",
        "политика",
        "кофе",
        "выходные",
        "планы",
        "сука",
        "люди",
        "город",
    ];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|_| {
            let words = if next() % 3 == 0 { RU } else { EN };
            let target = 60 + (next() % 221) as usize;
            let mut s = String::new();
            while s.len() < target {
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(words[(next() % words.len() as u64) as usize]);
            }
            s
        })
        .collect()
}

/// Messages per second over at least `min` of work.
fn rate(classifier: &Classifier, texts: &[String], min: Duration) -> f64 {
    for t in texts.iter().take(1000) {
        black_box(classifier.classify(t));
    }
    let started = Instant::now();
    let mut done = 0usize;
    while started.elapsed() < min {
        for t in texts {
            black_box(classifier.classify(black_box(t)));
        }
        done += texts.len();
    }
    done as f64 / started.elapsed().as_secs_f64()
}

fn gzipped_len(path: &str) -> Option<usize> {
    let out = std::process::Command::new("gzip")
        .args(["-9", "-c", path])
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout.len())
}

fn main() {
    let texts = messages(20_000);
    let mean = texts.iter().map(String::len).sum::<usize>() as f64 / texts.len() as f64;
    let with_model = Classifier::new();
    let word_list = Classifier::builder()
        .without_model()
        .build()
        .expect("valid defaults");
    let min = Duration::from_secs(3);
    let full = rate(&with_model, &texts, min);
    let lexicon = rate(&word_list, &texts, min);
    println!("messages: {} synthetic, mean {mean:.0} bytes", texts.len());
    println!("classify (lexicon + model), 1 thread: {full:>10.0} messages/s");
    println!("classify (lexicon only),    1 thread: {lexicon:>10.0} messages/s");
    println!(
        "budget: >= 100000 messages/s: {}",
        if full >= 100_000.0 { "ok" } else { "MISSED" }
    );

    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/model/moderato.model");
    let raw = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    match gzipped_len(path) {
        Some(gz) => println!("model: {raw} bytes raw, {gz} bytes gzip -9"),
        None => println!("model: {raw} bytes raw (gzip not found)"),
    }
    if let Some(model) = with_model.model() {
        let heads: Vec<&str> = model.heads().iter().map(|h| h.label.name()).collect();
        println!(
            "model: {} bucket bits, heads {}",
            model.bits(),
            heads.join(", ")
        );
    }
}
