// Unit tests of the BUILT package (pkg/, from scripts/build-pkg.sh) through its Node entry: the
// shape of results, UTF-16 evidence offsets, errors for every kind of bad input (and the
// classifier still working after each), batches, and the declarations matching the runtime.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { PKG, importPkg } from "../lib/pkg.mjs";

const moderato = await importPkg();
const { Classifier } = moderato;
const pkgJson = JSON.parse(readFileSync(new URL("package.json", PKG), "utf8"));
const dts = readFileSync(new URL("moderato.d.ts", PKG), "utf8");

const THREAT = "I will kill you";
const c = new Classifier();

/** The classifier still answers correctly (called after every error). */
function stillWorks(classifier = c) {
  const v = classifier.classify(THREAT);
  assert.equal(v.flagged, true, "the classifier stopped working after an error");
  assert.ok(v.labels.includes("threat"));
}

/** Asserts that `fn` throws a real Error of class `kind` whose message matches `pattern`. */
function throwsError(fn, kind, pattern) {
  let caught;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught !== undefined, `expected a ${kind.name}, nothing was thrown`);
  assert.ok(caught instanceof Error, `expected an Error, got ${String(caught)}`);
  assert.ok(!(caught instanceof WebAssembly.RuntimeError), `trapped: ${caught.message}`);
  assert.equal(caught.constructor, kind, `expected ${kind.name}, got ${caught.constructor.name}: ${caught.message}`);
  assert.match(caught.message, /^moderato: /);
  assert.match(caught.message, pattern);
  stillWorks();
}

test("a verdict is a plain object of the documented shape", () => {
  const v = c.classify(THREAT);
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.deepEqual(Object.keys(v).sort(), ["flagged", "labels", "language", "scores", "spans"]);
  assert.equal(typeof v.flagged, "boolean");
  assert.ok(Array.isArray(v.labels) && Array.isArray(v.spans));
  assert.deepEqual(Object.keys(v.scores), Classifier.labels, "scores has every label, in order");
  for (const [label, score] of Object.entries(v.scores)) {
    assert.ok(typeof score === "number" && score >= 0 && score <= 1, `${label}: ${score}`);
  }
  for (const l of v.labels) assert.ok(Classifier.labels.includes(l));
  assert.ok(v.spans.length > 0);
  for (const s of v.spans) {
    assert.equal(Object.getPrototypeOf(s), Object.prototype);
    assert.deepEqual(Object.keys(s).sort(), ["end", "label", "start", "term"]);
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.end <= THREAT.length);
  }
  assert.equal(v.language, "en");
  // Plain data: survives JSON and structured cloning unchanged.
  assert.deepEqual(JSON.parse(JSON.stringify(v)), v);
  assert.deepEqual(structuredClone(v), v);
});

test("harmless text, empty text and non-letters", () => {
  const ok = c.classify("have a nice day");
  assert.equal(ok.flagged, false);
  assert.deepEqual(ok.spans, []);
  const empty = c.classify("");
  assert.deepEqual({ ...empty, scores: undefined }, { flagged: false, labels: [], scores: undefined, spans: [], language: "und" });
  assert.equal(c.classify("12345 🙂").language, "und");
});

test("spans are UTF-16 indices: text.slice(start, end) is the evidence after emoji", () => {
  const cases = [
    ["🙂🙂🔪 I will kill you", /kill/],
    ["👨‍👩‍👧‍👦 family photo… 🎉🎉 and I will kill you", /kill/],
    ["𝓱𝓲 😀 I will kill you 😀", /kill/],
    ["😡😡 я тебя убью", /убью/],
  ];
  for (const [text, want] of cases) {
    const v = c.classify(text);
    assert.ok(v.flagged, `${text}: not flagged`);
    const pieces = v.spans.map((s) => text.slice(s.start, s.end));
    assert.ok(pieces.some((p) => want.test(p)), `${text}: evidence ${JSON.stringify(pieces)}`);
    for (const p of pieces) assert.ok(p.isWellFormed(), `${text}: a span cuts a surrogate pair: ${JSON.stringify(p)}`);
  }
});

test("a lone surrogate does not shift the offsets or break anything", () => {
  const text = "\uD83D oops \uDE00 I will kill you";
  const v = c.classify(text);
  assert.ok(v.flagged);
  assert.ok(v.spans.some((s) => /kill/.test(text.slice(s.start, s.end))));
});

test("classify: wrong argument types throw TypeError and the classifier keeps working", () => {
  const bad = [42, undefined, null, true, {}, [], ["I will kill you"], Symbol("s"), 10n, new String("x"), () => "x"];
  for (const value of bad) {
    throwsError(() => c.classify(value), TypeError, /classify\(text\): text must be a string, got /);
  }
  throwsError(() => c.classify(), TypeError, /got undefined/);
});

test("classifyBatch: one call, same verdicts as classify, and checks its argument", () => {
  const texts = [THREAT, "have a nice day", "", "🙂 ты дурак", "you idiot"];
  const batch = c.classifyBatch(texts);
  assert.equal(batch.length, texts.length);
  batch.forEach((v, i) => assert.deepEqual(v, c.classify(texts[i]), texts[i]));
  assert.deepEqual(c.classifyBatch([]), []);
  const many = Array.from({ length: 5000 }, (_, i) => `message ${i}: I will kill you`);
  assert.ok(c.classifyBatch(many).every((v) => v.flagged));

  for (const value of [undefined, null, "text", 5, { length: 1, 0: "x" }, new Set(["x"])]) {
    throwsError(() => c.classifyBatch(value), TypeError, /texts must be an array of strings, got /);
  }
  throwsError(() => c.classifyBatch(["ok", 3]), TypeError, /texts\[1\] must be a string, got number 3/);
  throwsError(() => c.classifyBatch([THREAT, undefined]), TypeError, /texts\[1\] must be a string, got undefined/);
  const trap = [];
  Object.defineProperty(trap, 0, { get() { throw new Error("getter says no"); }, enumerable: true });
  throwsError(() => c.classifyBatch(trap), Error, /reading classifyBatch\(texts\): texts\[0\] threw: getter says no/);
});

test("options: bad settings throw clear errors and nothing is half-built", () => {
  const cases = [
    [5, TypeError, /options must be a plain object, got number 5/],
    ["strict", TypeError, /options must be a plain object, got a string/],
    [[], TypeError, /options must be a plain object, got an array/],
    [new Map([["policy", "strict"]]), TypeError, /options must be a plain object, got a Map/],
    [{ polcy: "strict" }, Error, /unknown option "polcy" \(expected one of: policy, thresholds, denyTerms, allowTerms\)/],
    [{ threshold: undefined }, Error, /unknown option "threshold"/],
    [{ policy: "lenient" }, Error, /options\.policy: unknown policy "lenient"/],
    [{ policy: 1 }, TypeError, /options\.policy must be a string, got number 1/],
    [{ thresholds: { threat: 1.5 } }, RangeError, /options\.thresholds\.threat must be a number in \[0, 1\], got 1\.5/],
    [{ thresholds: { insult: -0.1 } }, RangeError, /options\.thresholds\.insult must be a number in \[0, 1\], got -0\.1/],
    [{ thresholds: { insult: NaN } }, RangeError, /got NaN/],
    [{ thresholds: { insult: Infinity } }, RangeError, /got Infinity/],
    [{ thresholds: { insult: "0.5" } }, TypeError, /options\.thresholds\.insult must be a number in \[0, 1\], got a string/],
    [{ thresholds: { insult: null } }, TypeError, /got null/],
    [{ thresholds: { hate: 0.5 } }, Error, /options\.thresholds: unknown label "hate" \(expected one of: toxicity, /],
    [{ thresholds: { hate: undefined } }, Error, /options\.thresholds: unknown label "hate"/],
    [{ thresholds: [0.5] }, TypeError, /options\.thresholds must be a plain object, got an array/],
    [{ thresholds: 0.5 }, TypeError, /options\.thresholds must be a plain object, got number 0\.5/],
    [{ denyTerms: "blorf" }, TypeError, /options\.denyTerms must be an array of \{ term, label \} objects, got a string/],
    [{ denyTerms: ["blorf"] }, TypeError, /options\.denyTerms\[0\] must be a plain object, got a string/],
    [{ denyTerms: [{ term: "blorf" }] }, TypeError, /options\.denyTerms\[0\]\.label is missing/],
    [{ denyTerms: [{ label: "insult" }] }, TypeError, /options\.denyTerms\[0\]\.term is missing/],
    [{ denyTerms: [{ term: "blorf", label: "rude" }] }, Error, /options\.denyTerms\[0\]\.label: unknown label "rude"/],
    [{ denyTerms: [{ term: 7, label: "insult" }] }, TypeError, /options\.denyTerms\[0\]\.term must be a string, got number 7/],
    [{ denyTerms: [{ term: "blorf", label: "insult", weight: 2 }] }, Error, /options\.denyTerms\[0\]: unknown key "weight"/],
    [{ denyTerms: [{ term: "  ", label: "insult" }] }, Error, /invalid options: deny term: /],
    [{ allowTerms: "x" }, TypeError, /options\.allowTerms must be an array of strings, got a string/],
    [{ allowTerms: ["ok", 1] }, TypeError, /options\.allowTerms\[1\] must be a string, got number 1/],
    [{ allowTerms: ["!!!"] }, Error, /invalid options: allow term: /],
    [{ get policy() { throw new Error("boom"); } }, Error, /reading options\.policy threw: boom/],
    [new Proxy({}, { ownKeys() { throw new Error("no keys"); } }), Error, /reading options threw: no keys/],
  ];
  for (const [options, kind, pattern] of cases) {
    throwsError(() => new Classifier(options), kind, pattern);
  }
});

test("options: defaults, settings that are read back, and undefined meaning unset", () => {
  // Default thresholds come from the embedded model (chosen on validation data) for the labels it
  // has a head for, and are 0.5 for the others.
  const defaults = new Classifier().thresholds;
  assert.deepEqual(Object.keys(defaults), Classifier.labels);
  for (const t of Object.values(defaults)) assert.ok(t > 0 && t <= 1, String(t));
  for (const label of ["severe_toxicity", "profanity", "extremism"]) assert.equal(defaults[label], 0.5);
  for (const none of [undefined, null, {}, { policy: undefined, thresholds: undefined }, Object.create(null)]) {
    const d = new Classifier(none);
    assert.equal(d.policy, "default");
    assert.deepEqual(d.thresholds, defaults);
  }
  const s = new Classifier({ policy: "strict", thresholds: { threat: 0.3, insult: 1, profanity: 0 } });
  assert.equal(s.policy, "strict");
  assert.equal(s.thresholds.threat, 0.3);
  assert.equal(s.thresholds.insult, 1);
  assert.equal(s.thresholds.profanity, 0);
  assert.deepEqual(Object.keys(s.thresholds), Classifier.labels);
  // The threshold is applied: an insult that passes 0.5 does not pass 1.
  assert.ok(c.classify("you idiot").labels.includes("insult"));
  assert.ok(!s.classify("you idiot").labels.includes("insult"));
  // Policies decide flagging.
  assert.equal(new Classifier({ policy: "strict" }).classify("fuck this").flagged, true);
  assert.equal(new Classifier({ policy: "default" }).classify("fuck this").flagged, false);
  assert.equal(new Classifier({ policy: "minimal" }).classify("you idiot").flagged, false);
});

test("options: deny and allow terms of the user's own", () => {
  const u = new Classifier({
    denyTerms: [{ term: "Blorf", label: "insult" }],
    allowTerms: ["kill you softly"],
  });
  const text = "😀 you utter bl0rf";
  const v = u.classify(text);
  assert.ok(v.flagged && v.labels.includes("insult"), JSON.stringify(v));
  assert.ok(v.spans.some((s) => text.slice(s.start, s.end) === "bl0rf"), JSON.stringify(v.spans));
  assert.ok(!u.classify("Killing Me Softly and kill you softly are songs").labels.includes("threat"));
});

test("statics and declarations agree with the runtime", () => {
  assert.deepEqual(Classifier.labels, ["toxicity", "severe_toxicity", "identity_attack", "insult", "profanity", "threat", "extremism"]);
  assert.deepEqual(Classifier.policies, ["default", "strict", "minimal"]);
  assert.equal(Classifier.version, pkgJson.version, "Classifier.version is the package version");
  // The Label union of the .d.ts lists exactly the runtime labels.
  const union = dts.match(/export type Label =([^;]+);/)[1].match(/"([a-z_]+)"/g).map((s) => s.slice(1, -1));
  assert.deepEqual(union, Classifier.labels);
  const policies = dts.match(/export type Policy =([^;]+);/)[1].match(/"([a-z_]+)"/g).map((s) => s.slice(1, -1));
  assert.deepEqual(policies, Classifier.policies);
  for (const name of ["ClassifierOptions", "Verdict", "Span", "DenyTerm", "Language"]) {
    assert.match(dts, new RegExp(`export (interface|type) ${name}\\b`));
  }
});

test("init() resolves at once in Node, and a freed classifier fails cleanly", async () => {
  await moderato.default();
  const tmp = new Classifier();
  tmp.free();
  assert.throws(() => tmp.classify(THREAT), (err) => err instanceof Error && !(err instanceof WebAssembly.RuntimeError));
  stillWorks();
});

test("large input: a 1 MB message and a long run of one letter", () => {
  const big = "hello there, ".repeat(80_000) + THREAT;
  const v = c.classify(big);
  assert.ok(v.flagged);
  assert.ok(v.spans.some((s) => /kill/.test(big.slice(s.start, s.end))));
  assert.equal(c.classify("a".repeat(200_000)).flagged, false);
});

test("random text never traps, and every span lies inside the text", () => {
  // A seeded generator (mulberry32): the same inputs on every run.
  let seed = 0x6d6f64;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pieces = [
    "kill", "you", "idiot", "I will", "убью", "тебя", "дурак", "k1ll", "1d10t", "k i l l", "k.i.l.l",
    " ", "  ", "\n", "\t", ".", "!", "'", "*", "🙂", "👨‍👩‍👧", "🔪", "\u200d", "\u200b", "\u202e", "\u0301",
    "\uD800", "\uDFFF", "ǅ", "ß", "İ", "ﬃ", "𝓴𝓲𝓵𝓵", "ｋｉｌｌ", "κ", "а", "о", "0", "1", "3", "@", "$",
  ];
  for (let i = 0; i < 3000; i++) {
    const n = 1 + Math.floor(rand() * 12);
    let text = "";
    for (let j = 0; j < n; j++) text += pieces[Math.floor(rand() * pieces.length)];
    let v;
    try {
      v = c.classify(text);
    } catch (err) {
      assert.fail(`classify(${JSON.stringify(text)}) threw ${err}`);
    }
    for (const s of v.spans) {
      assert.ok(0 <= s.start && s.start <= s.end && s.end <= text.length, `${JSON.stringify(text)}: ${JSON.stringify(s)}`);
    }
  }
  stillWorks();
});
