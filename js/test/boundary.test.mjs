// The JavaScript boundary under hostile use, against the BUILT package (pkg/, from
// scripts/build-pkg.sh). js/test/pkg.test.mjs covers the ordinary mistakes (wrong types for
// classify and classifyBatch, bad option values); this file covers what an attacker or a badly
// broken caller does: methods called on the wrong object or a freed one, revoked Proxies, values
// that lie about their length, million-element batches, oversized text, lone surrogates
// everywhere, thousands of errors in a row. Each must throw an ordinary JS Error (never a
// WebAssembly trap, which would leave the module unusable) and leave the same instance working.
import { test } from "node:test";
import assert from "node:assert/strict";
import { importPkg } from "../lib/pkg.mjs";

const moderato = await importPkg();
const { Classifier } = moderato;
/** The module's raw exports (init resolves to them): its memory and its externref table. */
const wasm = await moderato.default();

const THREAT = "I will kill you";
const c = new Classifier();

// The limits documented on classify / classifyBatch / the options (wasm/src/lib.rs, options.rs).
const MAX_TEXT_UNITS = 2 ** 22;
const MAX_BATCH = 2 ** 20;
const MAX_TERMS = 100_000;
const MAX_TERM_UNITS = 1_000;

/** The classifier still answers correctly (called after every error). */
function stillWorks(classifier = c) {
  const v = classifier.classify(THREAT);
  assert.equal(v.flagged, true, "the classifier stopped working after an error");
  assert.ok(v.labels.includes("threat"));
  assert.deepEqual(classifier.classifyBatch(["have a nice day"]).map((x) => x.flagged), [false]);
}

/**
 * Asserts that `fn` throws a real Error (never a trap) of class `kind` whose message matches
 * `pattern`, then that the shared classifier still works. `prefixed`: the message is one of
 * moderato's own ("moderato: ..."), not the JS engine's or wasm-bindgen's.
 */
function throwsError(fn, kind, pattern, { prefixed = true } = {}) {
  let caught;
  let threw = false;
  try {
    fn();
  } catch (err) {
    threw = true;
    caught = err;
  }
  assert.ok(threw, `expected a ${kind.name}, nothing was thrown`);
  assert.ok(caught instanceof Error, `expected an Error, got ${String(caught)}`);
  assert.ok(!(caught instanceof WebAssembly.RuntimeError), `trapped: ${caught.message}`);
  assert.ok(caught instanceof kind, `expected ${kind.name}, got ${caught.constructor.name}: ${caught.message}`);
  if (prefixed) assert.match(caught.message, /^moderato: /);
  assert.match(caught.message, pattern);
  stillWorks();
  return caught;
}

test("methods and getters called on the wrong object, or on a freed one, throw Errors", () => {
  const proto = Classifier.prototype;
  const getter = (name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const freed = new Classifier();
  freed.free();
  // `this` that is not a live classifier: wasm-bindgen's glue refuses it before Rust runs.
  for (const self of [{}, new Date(), [], Object.create(proto), freed]) {
    throwsError(() => proto.classify.call(self, THREAT), Error, /null pointer passed to rust/, { prefixed: false });
    throwsError(() => proto.classifyBatch.call(self, [THREAT]), Error, /null pointer passed to rust/, { prefixed: false });
    throwsError(() => getter("policy").call(self), Error, /null pointer passed to rust/, { prefixed: false });
    throwsError(() => getter("thresholds").call(self), Error, /null pointer passed to rust/, { prefixed: false });
  }
  for (const self of [undefined, null]) {
    throwsError(() => proto.classify.call(self, THREAT), TypeError, /__wbg_ptr/, { prefixed: false });
    throwsError(() => getter("thresholds").call(self), TypeError, /__wbg_ptr/, { prefixed: false });
  }
  throwsError(() => Classifier(), TypeError, /without 'new'/, { prefixed: false });
  throwsError(() => freed.free(), Error, /null pointer passed to rust/, { prefixed: false });
  // Statics do not depend on `this`.
  const statics = ["labels", "policies", "version"].map((n) => Object.getOwnPropertyDescriptor(Classifier, n).get);
  for (const self of [undefined, null, 42, {}]) {
    assert.deepEqual(statics.map((g) => g.call(self)), [Classifier.labels, Classifier.policies, Classifier.version]);
  }
  // Symbol.dispose frees like free(); the instance then refuses politely.
  const disposable = new Classifier();
  disposable[Symbol.dispose]();
  throwsError(() => disposable.classify(THREAT), Error, /null pointer passed to rust/, { prefixed: false });
  // Extra arguments are ignored.
  assert.equal(c.classify(THREAT, 1, {}, null).flagged, true);
  assert.equal(c.classifyBatch([THREAT], "extra").length, 1);
  stillWorks();
});

test("init and initSync called again (even with garbage) change nothing", async () => {
  assert.equal(await moderato.default(), wasm);
  assert.equal(await moderato.default({ module_or_path: "https://example.invalid/x.wasm" }), wasm);
  assert.equal(moderato.initSync({ module: new Uint8Array([0, 1, 2]) }), wasm);
  assert.equal(moderato.initSync(undefined), wasm);
  stillWorks();
});

test("classify: values that are not strings, however they are disguised, are TypeErrors", () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const bad = [
    [NaN, /got number NaN/],
    [-0, /got number 0/],
    [Infinity, /got number Infinity/],
    [2 ** 64, /got number/],
    [10n, /got a bigint/],
    [Symbol.iterator, /got a symbol/],
    [{ toString: () => THREAT }, /got an object/],
    [{ [Symbol.toPrimitive]: () => THREAT }, /got an object/],
    [{ valueOf() { throw new Error("never called"); } }, /got an object/],
    [new String(THREAT), /got a String/],
    [new Proxy(new String(THREAT), {}), /got a String/],
    [revoked.proxy, /got a revoked Proxy/],
    [new Uint16Array([107, 105, 108, 108]), /got a Uint16Array/],
    [new ArrayBuffer(8), /got a ArrayBuffer/],
    [Promise.resolve(THREAT), /got a Promise/],
    [/kill/, /got a RegExp/],
    [new Date(0), /got a Date/],
    [Object.create(null), /got an object/],
    [class {}, /got a function/],
    [globalThis, /got an object/],
  ];
  for (const [value, pattern] of bad) {
    throwsError(() => c.classify(value), TypeError, /classify\(text\): text must be a string, got /);
    throwsError(() => c.classify(value), TypeError, pattern);
  }
});

test("classify: text over the length limit is a RangeError; at the limit it works", () => {
  const over = "a".repeat(MAX_TEXT_UNITS + 1);
  throwsError(() => c.classify(over), RangeError, new RegExp(`text is ${MAX_TEXT_UNITS + 1} UTF-16 code units long; at most ${MAX_TEXT_UNITS}`));
  // The limit counts UTF-16 code units: emoji count twice.
  throwsError(() => c.classify("🙂".repeat(MAX_TEXT_UNITS / 2) + "x"), RangeError, /UTF-16 code units long/);
  const at = "hello ".repeat(MAX_TEXT_UNITS / 6 - 8) + THREAT;
  const v = c.classify(at);
  assert.ok(v.flagged);
  assert.ok(v.spans.every((s) => s.end <= at.length && /kill/.test(at.slice(s.start, s.end))));
});

test("lone surrogates anywhere: counted as one unit each, like U+FFFD, never shifting offsets", () => {
  const texts = [
    "\uD800",
    "\uDFFF",
    "\uDE00\uD83D", // a pair in the wrong order
    "\uD83D".repeat(100_000) + THREAT,
    `${THREAT}\uD800`,
    `\uDC00${THREAT}\uDBFF`,
    `k\uD800i\uDC00ll you`,
    `🙂\uD83D🙂 ${THREAT} \uDE00🙂`,
    "я тебя \uD800убью\uDFFF",
  ];
  for (const text of texts) {
    const v = c.classify(text);
    // Exactly what the well-formed text (lone surrogates replaced by U+FFFD) gets.
    assert.deepEqual(v, c.classify(text.toWellFormed()), JSON.stringify(text.slice(0, 40)));
    for (const s of v.spans) {
      assert.ok(0 <= s.start && s.start < s.end && s.end <= text.length, JSON.stringify(s));
    }
  }
  assert.deepEqual(c.classifyBatch(texts), texts.map((t) => c.classify(t)));
  // In settings too: a term or a name with a lone surrogate is just text.
  const u = new Classifier({ denyTerms: [{ term: "bl\uD800orf", label: "insult" }], allowTerms: ["ok\uDFFF"] });
  assert.ok(Array.isArray(u.classify("bl\uD800orf").labels));
  // A term that is nothing but a lone surrogate is a term without letters.
  throwsError(() => new Classifier({ allowTerms: ["\uDFFF"] }), Error, /allow term: term "\uFFFD" has no letters or digits/);
  throwsError(() => new Classifier({ policy: "strict\uD800" }), Error, /unknown policy/);
  throwsError(() => new Classifier({ thresholds: { ["threat\uDC00"]: 0.5 } }), Error, /unknown label/);
  throwsError(() => new Classifier({ denyTerms: [{ term: "x", label: "insult\uD800" }] }), Error, /unknown label/);
  stillWorks(u);
});

test("classifyBatch: a 1,000,000-element array with non-strings in it is refused before classifying", () => {
  const big = new Array(1_000_000).fill("I will kill you, ты дурак");
  for (const [at, value, pattern] of [
    [999_999, 7, /texts\[999999\] must be a string, got number 7/],
    [500_000, Symbol("s"), /texts\[500000\] must be a string, got a symbol/],
    [0, 10n, /texts\[0\] must be a string, got a bigint/],
    [123_456, null, /texts\[123456\] must be a string, got null/],
    [1, {}, /texts\[1\] must be a string, got an object/],
  ]) {
    const saved = big[at];
    big[at] = value;
    const t0 = performance.now();
    throwsError(() => c.classifyBatch(big), TypeError, pattern);
    // Refused in the checking pass: far quicker than classifying a million messages.
    assert.ok(performance.now() - t0 < 30_000, "the batch was classified before being refused");
    big[at] = saved;
  }
  // Holes are undefined.
  const holey = [THREAT, , THREAT]; // eslint-disable-line no-sparse-arrays
  throwsError(() => c.classifyBatch(holey), TypeError, /texts\[1\] must be a string, got undefined/);
});

test("classifyBatch: arrays that lie about their length, or throw, are Errors, not traps", () => {
  const sparse = [];
  sparse.length = 2 ** 32 - 1;
  throwsError(() => c.classifyBatch(sparse), RangeError, new RegExp(`texts has 4294967295 elements; at most ${MAX_BATCH} are allowed`));
  const tooMany = new Array(MAX_BATCH + 1);
  throwsError(() => c.classifyBatch(tooMany), RangeError, /at most 1048576 are allowed/);
  const endless = new Proxy([], { get: (t, k) => (k === "length" ? 2 ** 31 : THREAT) });
  throwsError(() => c.classifyBatch(endless), RangeError, /texts has 2147483648 elements/);
  const badLength = new Proxy([], { get: (t, k) => (k === "length" ? { valueOf: () => 3 } : THREAT) });
  assert.deepEqual(c.classifyBatch(badLength), [], "a length that is not a number counts as 0");
  const throwing = new Proxy([THREAT, THREAT, THREAT, THREAT], {
    get(t, k) {
      if (k === "3") throw new Error("index 3 says no");
      return Reflect.get(t, k);
    },
  });
  throwsError(() => c.classifyBatch(throwing), Error, /reading classifyBatch\(texts\): texts\[3\] threw: index 3 says no/);
  const throwsLength = new Proxy([], { get(t, k) { if (k === "length") throw new RangeError("no length"); return Reflect.get(t, k); } });
  throwsError(() => c.classifyBatch(throwsLength), Error, /texts\.length threw: no length/);
  const revoked = Proxy.revocable([], {});
  revoked.revoke();
  throwsError(() => c.classifyBatch(revoked.proxy), Error, /reading classifyBatch\(texts\): texts threw: .*revoked/);
  const throwsNonError = new Proxy([], { get() { throw 42; } }); // eslint-disable-line no-throw-literal
  throwsError(() => c.classifyBatch(throwsNonError), Error, /threw: number 42/);
  // Array-likes and iterables are not arrays; array subclasses and frozen arrays are.
  throwsError(() => c.classifyBatch({ length: 1, 0: THREAT }), TypeError, /must be an array of strings, got an object/);
  throwsError(() => c.classifyBatch(new Set([THREAT])), TypeError, /got a Set/);
  throwsError(() => c.classifyBatch(new Uint8Array(4)), TypeError, /got a Uint8Array/);
  throwsError(() => c.classifyBatch((function* () { yield THREAT; })()), TypeError, /must be an array of strings/);
  class Texts extends Array {}
  assert.equal(c.classifyBatch(Texts.from([THREAT, "ok"])).length, 2);
  assert.equal(c.classifyBatch(Object.freeze([THREAT]))[0].flagged, true);
  // A text over the limit, or a batch over the total, is refused as a whole.
  throwsError(() => c.classifyBatch([THREAT, "a".repeat(MAX_TEXT_UNITS + 1)]), RangeError, /texts\[1\] is 4194305 UTF-16 code units long/);
  const quarter = "a".repeat(MAX_TEXT_UNITS);
  throwsError(() => c.classifyBatch(new Array(17).fill(quarter)), RangeError, /the texts up to texts\[16\] are longer than 67108864 UTF-16 code units together/);
});

test("options: hostile objects are refused with errors naming the place", () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const revokedArray = Proxy.revocable([], {});
  revokedArray.revoke();
  const cases = [
    [revoked.proxy, Error, /reading options threw: .*revoked/],
    [{ thresholds: revoked.proxy }, Error, /reading options\.thresholds threw: .*revoked/],
    [{ denyTerms: revokedArray.proxy }, Error, /reading options\.denyTerms threw: .*revoked/],
    [Object.create({ policy: "strict" }), TypeError, /options must be a plain object, got an object/],
    [new (class Settings {})(), TypeError, /options must be a plain object, got a Settings/],
    [() => ({}), TypeError, /options must be a plain object, got a function/],
    [Symbol("options"), TypeError, /got a symbol/],
    [10n, TypeError, /got a bigint/],
    [{ thresholds: { threat: 1n } }, TypeError, /options\.thresholds\.threat must be a number in \[0, 1\], got a bigint/],
    [{ thresholds: { threat: new Number(0.5) } }, TypeError, /got a Number/],
    [{ thresholds: { get threat() { throw new Error("getter"); } } }, Error, /reading options\.thresholds\.threat threw: getter/],
    [{ denyTerms: Object.assign([], { length: 2 ** 32 - 1 }) }, RangeError, /options\.denyTerms has 4294967295 elements; at most 100000/],
    [{ allowTerms: new Array(MAX_TERMS + 1).fill("x") }, RangeError, /options\.allowTerms has 100001 elements/],
    [{ allowTerms: ["a".repeat(MAX_TERM_UNITS + 1)] }, RangeError, /options\.allowTerms\[0\] is 1001 UTF-16 code units long; a term may have at most 1000/],
    [{ denyTerms: [{ term: "b".repeat(MAX_TERM_UNITS + 1), label: "insult" }] }, RangeError, /options\.denyTerms\[0\]\.term is 1001 UTF-16 code units long/],
    [{ denyTerms: [new Proxy({}, { ownKeys() { throw new Error("keys"); } })] }, Error, /reading options\.denyTerms\[0\] threw: keys/],
    [{ denyTerms: [{ term: Symbol("t"), label: "insult" }] }, TypeError, /options\.denyTerms\[0\]\.term must be a string, got a symbol/],
    [{ allowTerms: [new String("x")] }, TypeError, /options\.allowTerms\[0\] must be a string, got a String/],
  ];
  for (const [options, kind, pattern] of cases) {
    throwsError(() => new Classifier(options), kind, pattern);
  }
});

test("options: what is ignored is ignored, and edge values work", () => {
  // Symbol keys and non-enumerable keys are not options (as `{...options}` would not copy them).
  const withSymbol = { policy: "strict", [Symbol("policy")]: "nonsense" };
  assert.equal(new Classifier(withSymbol).policy, "strict");
  const hidden = Object.defineProperty({ policy: "minimal" }, "polcy", { value: "x", enumerable: false });
  assert.equal(new Classifier(hidden).policy, "minimal");
  const s = new Classifier({ thresholds: { threat: -0, insult: 1e-320, profanity: 1 } });
  assert.ok(s.thresholds.threat === 0 && s.thresholds.profanity === 1, JSON.stringify(s.thresholds));
  // The same term many times, every label, MAX_TERMS terms: all fine.
  const many = new Classifier({
    denyTerms: Classifier.labels.map((label) => ({ term: "blorf", label })),
    allowTerms: Array.from({ length: 2_000 }, (_, i) => `place${i}`),
  });
  assert.ok(many.classify("you blorf").labels.includes("insult"));
  stillWorks(many);
});

test("thousands of errors in a row leak neither memory nor JS references", () => {
  const bad = [
    () => c.classify(42),
    () => c.classifyBatch([THREAT, null]),
    () => c.classifyBatch(Object.assign([], { length: 2 ** 32 - 1 })),
    () => new Classifier({ polcy: "x" }),
    () => new Classifier({ thresholds: { threat: 2 } }),
    () => new Classifier({ denyTerms: [{ term: "  ", label: "insult" }] }),
    () => c.classify("a".repeat(MAX_TEXT_UNITS + 1)),
  ];
  const round = () => {
    for (const fn of bad) {
      try {
        fn();
        assert.fail("no error");
      } catch (err) {
        assert.ok(err instanceof Error && !(err instanceof WebAssembly.RuntimeError));
      }
    }
  };
  for (let i = 0; i < 50; i++) round(); // warm up: the heap and the table reach their size
  const memory = wasm.memory.buffer.byteLength;
  const table = wasm.__wbindgen_externrefs.length;
  for (let i = 0; i < 1_000; i++) round();
  assert.equal(wasm.memory.buffer.byteLength, memory, "the module's memory grew");
  assert.equal(wasm.__wbindgen_externrefs.length, table, "the externref table grew");
  stillWorks();
});
