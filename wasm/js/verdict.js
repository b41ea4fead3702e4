// Builds the verdict objects that `classify` and `classifyBatch` return. The wasm side calls
// these with numbers (one call per verdict, one more per span) instead of setting each property
// across the boundary, which took about a third of the time of a `classify` call in Node.
// The two lists are in the core's order (`Label::ALL`, and the languages by `Language::code`);
// a Rust test in wasm/src/convert.rs checks them against the core.

const LABELS = ["toxicity", "severe_toxicity", "identity_attack", "insult", "profanity", "threat", "extremism"];
const LANGUAGES = ["en", "ru", "und"];

/** A verdict with no spans yet; `labels` is a bit set over LABELS, `language` an index. */
export function makeVerdict(flagged, labels, language, toxicity, severeToxicity, identityAttack, insult, profanity, threat, extremism) {
  const present = [];
  for (let i = 0; labels !== 0; i++, labels >>>= 1) {
    if (labels & 1) present.push(LABELS[i]);
  }
  return {
    flagged,
    labels: present,
    scores: {
      toxicity,
      severe_toxicity: severeToxicity,
      identity_attack: identityAttack,
      insult,
      profanity,
      threat,
      extremism,
    },
    spans: [],
    language: LANGUAGES[language],
  };
}

/** Appends one piece of evidence (UTF-16 offsets) to a verdict made by makeVerdict. */
export function addSpan(verdict, start, end, label, term) {
  verdict.spans.push({ start, end, label: LABELS[label], term });
}
