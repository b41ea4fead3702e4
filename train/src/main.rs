//! `moderato-train`: fits, evaluates and documents moderato's embedded model from the labeled data
//! in `../shared/data`. A development tool, never shipped.
//!
//! ```text
//! moderato-train fit  [--data DIR] [--out FILE] [--seed N] [--bits N] [--epochs N] [--alpha X] [--beta X] [--l1 X] [--l2 X] [--domain-l2 X] [--sample N] [--dataset NAME]...
//! moderato-train eval [--data DIR] [--model FILE | --without-model] [--model-only] [--dataset NAME]... [--seed N]
//! moderato-train eval --cases [--model FILE | --without-model]
//! moderato-train eval --file FILE --text COLUMN --label LABEL=COLUMN[:VALUES]... [--delimiter C] [--model FILE | --without-model]
//! moderato-train card [--data DIR] [--model FILE] [--docs DIR] [--seed N]
//! moderato-train score [--model FILE | --without-model] TEXT...
//! moderato-train tables [--out FILE]
//! ```
//!
//! Regenerating the shipped model (byte for byte): `cargo run --release -p moderato-train -- fit`.
//! After changing a lexicon or the normaliser, first `cargo run --release -p moderato-train -- tables`.

mod card;
mod cases;
mod corpus;
mod datasets;
mod eval;
mod example;
mod fit;
mod ftrl;
mod functional;
mod jsonl;
mod labeled_file;
mod matrix;
mod metrics;
mod platt;
mod progress;
mod report;
mod rng;
mod scoring;
mod split;
mod svg;
mod threshold;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage:
  moderato-train fit  [--data DIR] [--out FILE] [--seed N] [--bits N] [--epochs N] [--alpha X] [--beta X] [--l1 X] [--l2 X] [--domain-l2 X] [--sample N] [--dataset NAME]...
  moderato-train eval [--data DIR] [--model FILE | --without-model] [--model-only] [--dataset NAME]... [--seed N]
  moderato-train eval --cases [--model FILE | --without-model]
  moderato-train eval --file FILE --text COLUMN --label LABEL=COLUMN[:VALUES]... [--delimiter C] [--model FILE | --without-model]
  moderato-train card [--data DIR] [--model FILE] [--docs DIR] [--seed N]
  moderato-train score [--model FILE | --without-model] TEXT...      (each message's scores, with and without the lexicon)
  moderato-train tables [--out FILE]     (compiles lexicons/*.tsv into lexicons/compiled.bin; run after changing a lexicon, then fit)
Defaults: --data $MODERATO_DATA or ../shared/data, --out/--model model/moderato.model, --docs docs (paths from the repository root),
--seed 20240917, --bits 18.";

/// Where the compiled lexicon tables live.
fn tables_path() -> PathBuf {
    repo_root().join("lexicons/compiled.bin")
}

/// Fitting on stale tables would train on lexicons other than the files say.
fn check_tables_current() -> Result<(), String> {
    let fresh = moderato::compile_tables()?;
    let path = tables_path();
    let committed =
        std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if fresh != committed {
        return Err("lexicons/compiled.bin is stale: run `cargo run --release -p moderato-train -- tables` first".into());
    }
    Ok(())
}

/// The repository root (the workspace that holds this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("train/ is inside the repository")
        .to_path_buf()
}

/// Where the training data is by default: `$MODERATO_DATA` if set, else `../shared/data` beside
/// the repository.
pub fn default_data() -> PathBuf {
    std::env::var_os("MODERATO_DATA")
        .map_or_else(|| repo_root().join("../shared/data"), PathBuf::from)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("moderato-train: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Command-line options, parsed by hand (few, and no dependency needed).
struct Options {
    flags: Vec<(String, Option<String>)>,
}

impl Options {
    fn parse(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Options, String> {
        let mut flags = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if with_value.contains(&a.as_str()) {
                let v = it.next().ok_or_else(|| format!("{a} needs a value"))?;
                flags.push((a.clone(), Some(v.clone())));
            } else if switches.contains(&a.as_str()) {
                flags.push((a.clone(), None));
            } else {
                return Err(format!("unknown argument {a:?}\n{USAGE}"));
            }
        }
        Ok(Options { flags })
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.flags
            .iter()
            .filter(|(n, _)| n == name)
            .filter_map(|(_, v)| v.as_deref())
            .collect()
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.all(name).last().copied()
    }

    fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| n == name)
    }

    fn parsed<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, String> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| format!("{name}: cannot parse {v:?}")),
        }
    }

    fn path(&self, name: &str, default: PathBuf) -> PathBuf {
        self.get(name).map_or(default, PathBuf::from)
    }
}

/// The datasets called `names` (none: all of them).
fn datasets_named(names: &[&str]) -> Result<Vec<&'static datasets::Dataset>, String> {
    names
        .iter()
        .map(|name| {
            datasets::find(name).ok_or_else(|| {
                let known: Vec<&str> = datasets::ALL.iter().map(|d| d.name).collect();
                format!("no dataset {name:?} (known: {})", known.join(", "))
            })
        })
        .collect()
}

fn run(args: &[String]) -> Result<(), String> {
    let Some((command, rest)) = args.split_first() else {
        return Err(USAGE.to_string());
    };
    match command.as_str() {
        "fit" => {
            let o = Options::parse(
                rest,
                &[
                    "--data",
                    "--out",
                    "--seed",
                    "--bits",
                    "--epochs",
                    "--alpha",
                    "--beta",
                    "--l1",
                    "--l2",
                    "--domain-l2",
                    "--sample",
                    "--dataset",
                ],
                &[],
            )?;
            check_tables_current()?;
            let which = datasets_named(&o.all("--dataset"))?;
            let d = ftrl::Params::default();
            let settings = fit::Settings {
                data: o.path("--data", default_data()),
                out: o.path("--out", repo_root().join("model/moderato.model")),
                seed: o.parsed("--seed", split::SEED)?,
                bits: o.parsed("--bits", fit::BITS)?,
                params: ftrl::Params {
                    alpha: o.parsed("--alpha", d.alpha)?,
                    beta: o.parsed("--beta", d.beta)?,
                    l1: o.parsed("--l1", d.l1)?,
                    l2: o.parsed("--l2", d.l2)?,
                    domain_l2: o.parsed("--domain-l2", d.domain_l2)?,
                    epochs: o.parsed("--epochs", d.epochs)?,
                },
                sample: o.parsed("--sample", 1u64)?,
            };
            let started = Instant::now();
            let corpus = corpus::Corpus::load(&settings.data, &which, settings.seed)?;
            let fitted = fit::fit(&settings, &corpus)?;
            let bytes = fitted.model.to_bytes();
            if let Some(dir) = settings.out.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&settings.out, &bytes)
                .map_err(|e| format!("{}: {e}", settings.out.display()))?;
            print!("{}", report::text(&fitted.rows));
            for h in fitted.model.heads() {
                println!(
                    "{:<16} threshold {:.2}  platt a {:.3} b {:.3}",
                    h.label.name(),
                    h.threshold,
                    h.platt_a,
                    h.platt_b
                );
            }
            println!(
                "wrote {} ({} bytes, {} gzipped) in {:.1}s",
                settings.out.display(),
                bytes.len(),
                card::gzipped_len(&bytes),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        "eval" => {
            let o = Options::parse(
                rest,
                &[
                    "--data",
                    "--model",
                    "--dataset",
                    "--seed",
                    "--file",
                    "--text",
                    "--label",
                    "--delimiter",
                ],
                &["--without-model", "--model-only", "--cases"],
            )?;
            let source = if o.has("--without-model") {
                eval::ModelSource::Without
            } else {
                eval::ModelSource::File(o.path("--model", repo_root().join("model/moderato.model")))
            };
            if o.has("--cases") {
                let model = match &source {
                    eval::ModelSource::File(path) => {
                        Some(std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?)
                    }
                    _ => None,
                };
                let outcomes = cases::run(&repo_root().join("tests/cases"), |b| match &model {
                    Some(bytes) => {
                        b.model_bytes(bytes);
                    }
                    None => {
                        b.without_model();
                    }
                })?;
                for f in outcomes.iter().filter(|o| !o.passed) {
                    println!("{} {} [{}] {}", f.place, f.tier, f.category, f.problem);
                }
                print!("{}", cases::summary(&outcomes));
                return Ok(());
            }
            let classifier = eval::classifier(&source)?;
            let rows = if let Some(file) = o.get("--file") {
                let text = o.get("--text").ok_or("--file needs --text COLUMN")?;
                let labels: Vec<labeled_file::LabelColumn> = o
                    .all("--label")
                    .into_iter()
                    .map(labeled_file::LabelColumn::parse)
                    .collect::<Result<_, _>>()?;
                if labels.is_empty() {
                    return Err("--file needs at least one --label LABEL=COLUMN[:VALUES]".into());
                }
                let delimiter = match o.get("--delimiter") {
                    None => None,
                    Some("\\t") | Some("tab") => Some(b'\t'),
                    Some(d) if d.len() == 1 => Some(d.as_bytes()[0]),
                    Some(d) => return Err(format!("--delimiter {d:?}: one character, or tab")),
                };
                let examples = labeled_file::load(Path::new(file), text, &labels, delimiter)?;
                let names: Vec<moderato::Label> = labels.iter().map(|l| l.label).collect();
                eval::file(&classifier, &examples, "file", &names)
            } else {
                let which = datasets_named(&o.all("--dataset"))?;
                eval::validation(
                    &classifier,
                    &o.path("--data", default_data()),
                    &which,
                    o.parsed("--seed", split::SEED)?,
                    &fit::HEADS,
                    o.has("--model-only"),
                )?
            };
            print!("{}", report::text(&rows));
            Ok(())
        }
        "score" => {
            // Diagnostic: each message's scores, combined and model-only.
            let mut source = eval::ModelSource::File(repo_root().join("model/moderato.model"));
            let mut texts = Vec::new();
            let mut it = rest.iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--model" => {
                        source = eval::ModelSource::File(PathBuf::from(
                            it.next().ok_or("--model needs a value")?,
                        ))
                    }
                    "--without-model" => source = eval::ModelSource::Without,
                    _ => texts.push(a.as_str()),
                }
            }
            let classifier = eval::classifier(&source)?;
            let mut features = Vec::new();
            for text in texts {
                let v = classifier.classify(text);
                classifier.featurize(text, &mut features);
                let p = classifier.model().map(|m| m.probabilities(&features));
                println!("{text:?} flagged={}", v.flagged);
                for label in moderato::Label::ALL {
                    let m = p
                        .and_then(|p| p[label.index()])
                        .map_or("-".to_string(), |x| format!("{x:.3}"));
                    println!(
                        "  {:<16} {:.3} (model {m}, threshold {:.2})",
                        label.name(),
                        v.scores.get(label),
                        classifier.threshold(label)
                    );
                }
            }
            Ok(())
        }
        "tables" => {
            let o = Options::parse(rest, &["--out"], &[])?;
            let out = o.path("--out", tables_path());
            let bytes = moderato::compile_tables()?;
            std::fs::write(&out, &bytes)
                .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
            println!("wrote {} ({} bytes)", out.display(), bytes.len());
            Ok(())
        }
        "card" => {
            let o = Options::parse(rest, &["--data", "--model", "--docs", "--seed"], &[])?;
            card::write(&card::Inputs {
                data: o.path("--data", default_data()),
                model: o.path("--model", repo_root().join("model/moderato.model")),
                docs: o.path("--docs", repo_root().join("docs")),
                seed: o.parsed("--seed", split::SEED)?,
            })
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}
