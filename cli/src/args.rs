//! Command-line parsing, by hand: two options do not need a parser crate.

use moderato::Policy;
use std::path::PathBuf;

pub const USAGE: &str = "\
usage: moderato scan [--format text|jsonl] [--policy default|strict|minimal] [FILE]

Classifies messages and writes one JSON object per input line, in input order:
  {\"id\", \"flagged\", \"labels\", \"scores\", \"spans\", \"language\"}
  --format text    one message per line (default)
  --format jsonl   one JSON object per line with \"text\" and optional \"id\" (echoed)
  --policy NAME    default (threats, extremism, identity attacks, insults), strict (adds
                   toxicity and profanity) or minimal (threats and extremism only)
  FILE             input file; standard input when absent or \"-\"
Span offsets are Unicode code point indices into the message (Python str indices).
A malformed line gets {\"id\"?, \"error\"} in its place; the exit status is then 1.
";

/// Input line format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Jsonl,
}

/// Options of `moderato scan`.
#[derive(Clone, Debug)]
pub struct ScanOptions {
    pub format: Format,
    pub policy: Policy,
    pub input: Option<PathBuf>,
}

pub enum Command {
    Scan(ScanOptions),
    Help,
    Version,
}

pub fn parse(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    match args.next().as_deref() {
        Some("scan") => {}
        Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some(other) => return Err(format!("unknown command {other:?}")),
        None => return Err("missing command".to_string()),
    }
    let mut opts = ScanOptions {
        format: Format::Text,
        policy: Policy::Default,
        input: None,
    };
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{what} needs a value"))
        };
        match name.as_str() {
            "--format" => {
                opts.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "jsonl" => Format::Jsonl,
                    other => {
                        return Err(format!("unknown format {other:?} (expected text or jsonl)"))
                    }
                }
            }
            "--policy" => {
                opts.policy = value("--policy")?
                    .parse()
                    .map_err(|e: moderato::UnknownPolicy| e.to_string())?
            }
            "-h" | "--help" => return Ok(Command::Help),
            "-" => opts.input = None,
            s if s.starts_with('-') => return Err(format!("unknown option {s:?}")),
            _ => {
                if opts.input.is_some() {
                    return Err("only one input file may be given".to_string());
                }
                opts.input = Some(PathBuf::from(arg));
            }
        }
    }
    Ok(Command::Scan(opts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Command, String> {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn parses_options() {
        let Ok(Command::Scan(o)) = p(&["scan", "--format", "jsonl", "--policy=strict", "in.txt"])
        else {
            panic!()
        };
        assert_eq!(o.format, Format::Jsonl);
        assert_eq!(o.policy, Policy::Strict);
        assert_eq!(o.input.unwrap(), PathBuf::from("in.txt"));
        let cases: &[(&[&str], &str)] = &[
            (&["scan", "--format", "xml"], "unknown format"),
            (&["scan", "--policy"], "needs a value"),
            (&["scan", "--policy", "lax"], "unknown policy"),
            (&["scan", "a", "b"], "only one input"),
            (&["scan", "--fast"], "unknown option"),
            (&["wat"], "unknown command"),
            (&[], "missing command"),
        ];
        for (args, want) in cases {
            let err = p(args).err().unwrap_or_default();
            assert!(err.contains(want), "{args:?}: {err:?}");
        }
    }
}
