//! The JSON objects `moderato scan` writes.

use moderato::Verdict;
use serde::Serialize;
use std::collections::BTreeMap;

/// One piece of evidence; offsets are code point indices into the message.
#[derive(Serialize)]
pub struct SpanRecord<'a> {
    pub start: usize,
    pub end: usize,
    pub label: &'static str,
    pub term: &'a str,
}

/// The verdict on one line, in the documented field order.
#[derive(Serialize)]
pub struct VerdictRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a serde_json::Value>,
    pub flagged: bool,
    pub labels: Vec<&'static str>,
    pub scores: BTreeMap<&'static str, f64>,
    pub spans: Vec<SpanRecord<'a>>,
    pub language: &'static str,
}

/// The error object written in place of a malformed line.
#[derive(Serialize)]
pub struct ErrorRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a serde_json::Value>,
    pub error: String,
}

/// Rounds a score to 4 decimals so output stays short and stable.
fn round(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

impl<'a> VerdictRecord<'a> {
    pub fn new(id: Option<&'a serde_json::Value>, text: &str, v: &'a Verdict) -> VerdictRecord<'a> {
        // Byte offsets -> code point offsets, walking the text once.
        let mut spans: Vec<SpanRecord<'a>> = Vec::with_capacity(v.spans.len());
        let byte_to_cp = |b: usize| text.get(..b).map_or(0, |s| s.chars().count());
        for s in &v.spans {
            spans.push(SpanRecord {
                start: byte_to_cp(s.start),
                end: byte_to_cp(s.end),
                label: s.label.name(),
                term: &s.term,
            });
        }
        VerdictRecord {
            id,
            flagged: v.flagged,
            labels: v.labels.iter().map(|l| l.name()).collect(),
            scores: v.scores.iter().map(|(l, s)| (l.name(), round(s))).collect(),
            spans,
            language: v.language.code(),
        }
    }
}
