//! The native side of the comparison harness: times moderato, rustrict and the aho-corasick floor
//! on the same messages, in one process, and prints one JSON object per tool.
//!
//! ```text
//! rustrict-bench gen SET N > messages.txt   write N generated messages (chat, tweet, long, russian,
//!                                           adversarial, mixed), one per line
//! rustrict-bench run messages.txt [--seconds S] [--rounds R]
//! rustrict-bench count messages.txt TOOL N  classify the first N messages once with TOOL
//!                                           (moderato, moderato-scratch, rustrict, floor;
//!                                           normalize: that stage alone; none): for
//!                                           `valgrind --tool=callgrind`, run with N and with 0
//! ```
//!
//! The floor is what any lexicon classifier must at least do: one Aho-Corasick pass
//! (`find_iter`) over the message bytes with moderato's own lexicon terms as patterns.

use aho_corasick::AhoCorasick;
use moderato::{bench_api, Classifier, Scratch};
use rustrict::{Censor, Type};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "../../messages.rs"]
mod messages;

/// A tool under test: classifies one message, says whether it flagged it.
trait Tool {
    fn name(&self) -> &'static str;
    fn check(&mut self, text: &str) -> bool;
}

/// `Classifier::classify`, the plain API.
struct Moderato(Classifier);

impl Tool for Moderato {
    fn name(&self) -> &'static str {
        "moderato"
    }
    fn check(&mut self, text: &str) -> bool {
        self.0.classify(text).flagged
    }
}

/// `Classifier::classify_with` and a `Scratch` the caller holds.
struct ModeratoScratch {
    classifier: Classifier,
    scratch: Scratch,
}

impl Tool for ModeratoScratch {
    fn name(&self) -> &'static str {
        "moderato (classify_with)"
    }
    fn check(&mut self, text: &str) -> bool {
        self.classifier
            .classify_with(text, &mut self.scratch)
            .flagged
    }
}

/// The normalisation stage alone.
struct Normalize(bench_api::Stages<'static>);

impl Tool for Normalize {
    fn name(&self) -> &'static str {
        "normalize"
    }
    fn check(&mut self, text: &str) -> bool {
        self.0.normalize(text) > 0
    }
}

struct Nothing;

impl Tool for Nothing {
    fn name(&self) -> &'static str {
        "none"
    }
    fn check(&mut self, _: &str) -> bool {
        false
    }
}

struct Rustrict;

impl Tool for Rustrict {
    fn name(&self) -> &'static str {
        "rustrict"
    }
    fn check(&mut self, text: &str) -> bool {
        Censor::from_str(text).analyze().is(Type::INAPPROPRIATE)
    }
}

struct Floor(AhoCorasick);

impl Tool for Floor {
    fn name(&self) -> &'static str {
        "floor"
    }
    fn check(&mut self, text: &str) -> bool {
        self.0.find_iter(text.as_bytes()).count() > 0
    }
}

fn floor() -> Floor {
    Floor(AhoCorasick::new(bench_api::lexicon_terms()).expect("the lexicon terms build"))
}

/// Builds a tool and gives it its first message: the start-up cost, in ms.
fn start(name: &str) -> (Box<dyn Tool>, f64) {
    let t = Instant::now();
    let mut tool: Box<dyn Tool> = match name {
        "moderato" => Box::new(Moderato(Classifier::new())),
        "moderato-scratch" => Box::new(ModeratoScratch {
            classifier: Classifier::new(),
            scratch: Scratch::default(),
        }),
        "rustrict" => Box::new(Rustrict),
        // Nothing: the cost of the process and of reading the messages, to subtract.
        "none" => Box::new(Nothing),
        // Stage alone, for profiling (`count FILE normalize N`).
        "normalize" => Box::new(Normalize(bench_api::Stages::new(Box::leak(Box::new(
            Classifier::new(),
        ))))),
        "floor" => Box::new(floor()),
        other => {
            eprintln!("unknown tool {other:?}");
            std::process::exit(2);
        }
    };
    black_box(tool.check("I will kill you"));
    (tool, t.elapsed().as_secs_f64() * 1e3)
}

fn read_messages(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2)
    });
    text.lines().map(str::to_string).collect()
}

fn flag(args: &[String], name: &str, default: f64) -> f64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn run(args: &[String]) {
    let texts = read_messages(&args[0]);
    let bytes: usize = texts.iter().map(String::len).sum();
    let seconds = flag(args, "--seconds", 1.0);
    let rounds = flag(args, "--rounds", 3.0) as usize;
    // Start-up first, each tool cold (rustrict builds its tables on first use).
    let names = ["moderato", "moderato-scratch", "rustrict", "floor"];
    let mut tools: Vec<(Box<dyn Tool>, f64, f64, usize)> = names
        .iter()
        .map(|n| {
            let (tool, ms) = start(n);
            (tool, ms, 0.0, 0)
        })
        .collect();
    for (tool, _, _, flagged) in tools.iter_mut() {
        *flagged = texts.iter().filter(|t| tool.check(t)).count();
    }
    // Rounds interleave the tools so load on a shared machine hits them alike; best round counts.
    for _ in 0..rounds {
        for (tool, _, best, _) in tools.iter_mut() {
            let started = Instant::now();
            let mut done = 0usize;
            while started.elapsed() < Duration::from_secs_f64(seconds) {
                for t in &texts {
                    black_box(tool.check(black_box(t)));
                }
                done += texts.len();
            }
            let rate = done as f64 / started.elapsed().as_secs_f64();
            *best = best.max(rate);
        }
    }
    let n = texts.len() as f64;
    for (tool, startup, rate, flagged) in &tools {
        println!(
            "{{\"tool\":\"{}\",\"runtime\":\"native\",\"messages_per_s\":{:.0},\"mb_per_s\":{:.2},\"startup_ms\":{:.2},\"flagged\":{:.3}}}",
            tool.name(),
            rate,
            rate * bytes as f64 / n / 1e6,
            startup,
            *flagged as f64 / n
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("gen") if args.len() == 3 => {
            let set = messages::Set::parse(&args[1]).unwrap_or_else(|| {
                eprintln!("unknown set {:?}", args[1]);
                std::process::exit(2)
            });
            let n: usize = args[2].parse().expect("N is a number");
            let mut out = String::new();
            for m in messages::generate(set, n) {
                debug_assert!(!m.contains('\n'));
                out.push_str(&m);
                out.push('\n');
            }
            print!("{out}");
        }
        Some("run") if args.len() >= 2 => run(&args[1..]),
        Some("count") if args.len() == 4 => {
            let texts = read_messages(&args[1]);
            let n: usize = args[3].parse().expect("N is a number");
            let (mut tool, _) = start(&args[2]);
            let flagged = texts.iter().take(n).filter(|t| tool.check(t)).count();
            println!("{} flagged {flagged} of {n}", tool.name());
        }
        _ => {
            eprintln!("usage: rustrict-bench gen SET N | run FILE [--seconds S] [--rounds R] | count FILE TOOL N");
            std::process::exit(2);
        }
    }
}
