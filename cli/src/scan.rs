//! The streaming scan loop: one line in, one JSON object out, constant memory.

use crate::args::{Format, ScanOptions};
use crate::record::{ErrorRecord, VerdictRecord};
use moderato::Classifier;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};

/// Scans the input; returns how many lines were malformed.
pub fn run(opts: &ScanOptions) -> Result<u64, String> {
    let classifier = Classifier::builder()
        .policy(opts.policy)
        .build()
        .map_err(|e| format!("cannot build the classifier: {e}"))?;
    let input: Box<dyn BufRead> = match &opts.input {
        Some(path) => Box::new(BufReader::with_capacity(
            1 << 16,
            File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?,
        )),
        None => Box::new(BufReader::with_capacity(1 << 16, io::stdin().lock())),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let bad = scan(&classifier, opts.format, input, &mut out)?;
    out.flush().map_err(write_error)?;
    Ok(bad)
}

fn write_error(e: io::Error) -> String {
    format!("cannot write output: {e}")
}

/// The loop itself, generic over input and output so tests can drive it.
pub fn scan(
    classifier: &Classifier,
    format: Format,
    mut input: impl BufRead,
    out: &mut impl Write,
) -> Result<u64, String> {
    let mut line = Vec::new();
    let mut bad = 0u64;
    loop {
        line.clear();
        let n = input
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read input: {e}"))?;
        if n == 0 {
            break;
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        if !scan_line(classifier, format, &line, out).map_err(write_error)? {
            bad += 1;
        }
    }
    Ok(bad)
}

/// Writes the object for one line; returns whether the line was well-formed.
fn scan_line(
    classifier: &Classifier,
    format: Format,
    line: &[u8],
    out: &mut impl Write,
) -> io::Result<bool> {
    let text = match std::str::from_utf8(line) {
        Ok(t) => t,
        Err(e) => {
            return write_err(
                out,
                None,
                format!(
                    "line is not valid UTF-8 (invalid byte at {})",
                    e.valid_up_to()
                ),
            )
        }
    };
    match format {
        Format::Text => {
            let v = classifier.classify(text);
            write_json(out, &VerdictRecord::new(None, text, &v))?;
            Ok(true)
        }
        Format::Jsonl => {
            let value: serde_json::Value = match serde_json::from_str(text) {
                Ok(v) => v,
                Err(e) => return write_err(out, None, format!("line is not valid JSON: {e}")),
            };
            let Some(obj) = value.as_object() else {
                return write_err(out, None, "line is not a JSON object".to_string());
            };
            let id = obj.get("id");
            match obj.get("text") {
                Some(serde_json::Value::String(msg)) => {
                    let v = classifier.classify(msg);
                    write_json(out, &VerdictRecord::new(id, msg, &v))?;
                    Ok(true)
                }
                Some(_) => write_err(out, id, "\"text\" must be a string".to_string()),
                None => write_err(out, id, "missing \"text\"".to_string()),
            }
        }
    }
}

fn write_err(
    out: &mut impl Write,
    id: Option<&serde_json::Value>,
    error: String,
) -> io::Result<bool> {
    write_json(out, &ErrorRecord { id, error })?;
    Ok(false)
}

fn write_json(out: &mut impl Write, record: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(format: Format, input: &[u8]) -> (Vec<serde_json::Value>, u64) {
        let c = Classifier::new();
        let mut out = Vec::new();
        let bad = scan(&c, format, input, &mut out).unwrap();
        let lines = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (lines, bad)
    }

    #[test]
    fn jsonl_contract() {
        let input = b"{\"id\": 7, \"text\": \"I will kill you\"}\n\
            not json\n\
            {\"id\": \"a\", \"text\": 5}\n\
            {\"id\": \"b\"}\n\
            [1]\n\
            \xff\xfe\n\
            {\"text\": \"\xf0\x9f\x99\x82 you idiot\"}\r\n\
            {\"id\": null, \"text\": \"nice day\"}";
        let (out, bad) = run_on(Format::Jsonl, input);
        assert_eq!(out.len(), 8, "one object per line, none lost");
        assert_eq!(bad, 5);
        assert_eq!(out[0]["id"], 7);
        assert_eq!(out[0]["flagged"], true);
        let keys: Vec<&str> = out[0]
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(
            keys,
            ["flagged", "id", "labels", "language", "scores", "spans"]
        ); // serde_json sorts on parse
        for (i, line) in out.iter().enumerate().take(6).skip(1) {
            assert!(line["error"].is_string(), "line {i}: {line}");
        }
        assert_eq!(out[2]["id"], "a");
        assert_eq!(out[3]["id"], "b");
        assert!(out[6].get("id").is_none());
        // The first span is "you idiot": code point 2 (byte 5, after the 4-byte emoji).
        assert_eq!(
            out[6]["spans"][0]["start"], 2,
            "code point offsets: {}",
            out[6]
        );
        assert_eq!(out[7]["flagged"], false);
    }

    #[test]
    fn text_mode_keeps_every_line() {
        let (out, bad) = run_on(Format::Text, b"hello\n\nI will kill you\n\xff\nlast");
        assert_eq!(out.len(), 5);
        assert_eq!(bad, 1);
        assert_eq!(out[2]["flagged"], true);
        assert!(out[3]["error"].as_str().unwrap().contains("UTF-8"));
    }
}
