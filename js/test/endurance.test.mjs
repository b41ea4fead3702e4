// Endurance: 1,000,000 classifications in ONE WebAssembly instance (the built pkg/, in Node), in
// batches and single calls, with classifiers built and freed along the way, and errors thrown
// now and then. Over the second half of the run the module's linear memory (`WebAssembly.Memory`,
// which can only grow, by 64 KiB pages) and its table of JS references must not grow at all: a
// leak of even one byte per message would show as growth over 500,000 messages.
//
// Why the first half is warm-up: the allocator may need one more region after a few classifiers
// have been built and freed between long messages (fragmentation, not a leak). Seen once: a
// single step of 704 KiB at the fifth build (about 400,000 messages), then flat to 2,000,000.
// Such a step can also come later: one page (64 KiB) at the seventh build (about 700,000
// messages), then flat to 2,000,000. So the second half may grow by one page at most; a leak of
// one byte per message would still show as 500 KB, eight pages.
//
// MODERATO_ENDURANCE=N runs N classifications instead (the figures are printed either way).
import { test } from "node:test";
import assert from "node:assert/strict";
import { importPkg } from "../lib/pkg.mjs";

const moderato = await importPkg();
const { Classifier } = moderato;
/** The module's raw exports: `init` resolves to them (wasm-bindgen glue), memory included. */
const wasm = await moderato.default();

const TOTAL = Number(process.env.MODERATO_ENDURANCE ?? 1_000_000);
const BATCH = 1_000;
const WARM_UP = TOTAL / 2;

/** A seeded generator (mulberry32): the same messages on every run. */
function generator(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "hello", "there", "I will kill you", "you idiot", "have a nice day", "ты дурак", "я тебя убью",
  "привет", "k1ll", "k i l l", "𝐤𝐢𝐥𝐥", "🙂", "👨‍👩‍👧", "\u200b", "\u0301", "\uD800", "Police said the attack killed 3",
  "\"gays are scum\" is a disgusting thing to say", "join isis", "not", "never", ",", ".", "!!!", "12:30",
  "Scunthorpe", "cocktail", "this traffic is killing me", "ｆｕｃｋ", "сука", "\u202e", "@user", "$5",
];

/** A pool of distinct messages of varied length (a few long ones), built once. */
function pool(n) {
  const rand = generator(0x656e64);
  const out = [];
  for (let i = 0; i < n; i++) {
    const words = i % 97 === 0 ? 400 : 1 + Math.floor(rand() * 24);
    let text = "";
    for (let j = 0; j < words; j++) text += PIECES[Math.floor(rand() * PIECES.length)] + (rand() < 0.8 ? " " : "");
    out.push(`${text}${i}`);
  }
  return out;
}

test(`${TOTAL.toLocaleString("en")} classifications in one instance: linear memory stays flat`, () => {
  const messages = pool(5_000);
  const c = new Classifier({ policy: "strict", thresholds: { insult: 0.6 } });
  let done = 0;
  let flagged = 0;
  let batches = 0;
  let measured = null;
  const t0 = performance.now();
  while (done < TOTAL) {
    if (done >= WARM_UP && measured === null) {
      measured = { memory: wasm.memory.buffer.byteLength, table: wasm.__wbindgen_externrefs.length, at: done };
    }
    const start = (batches * BATCH) % messages.length;
    const batch = messages.slice(start, start + BATCH);
    const n = Math.min(batch.length, TOTAL - done);
    const verdicts = c.classifyBatch(batch.slice(0, n));
    assert.equal(verdicts.length, n);
    for (const v of verdicts) if (v.flagged) flagged++;
    done += n;
    batches++;
    // Single calls, errors, and classifiers built and freed, every so often.
    // (Each kind of event happens within the first batches, so the warm-up has seen them all.)
    if (batches % 10 === 1 && done < TOTAL) {
      for (let k = 0; k < 10 && done < TOTAL; k++, done++) c.classify(messages[(batches + k * 31) % messages.length]);
      assert.throws(() => c.classifyBatch(["ok", 42]), TypeError);
      assert.throws(() => new Classifier({ thresholds: { threat: 7 } }), RangeError);
    }
    if (batches % 100 === 1) {
      const other = new Classifier({ denyTerms: [{ term: `blorf${batches}`, label: "insult" }], allowTerms: ["kill bill"] });
      assert.equal(other.classify(`you blorf${batches}`).flagged, true);
      other.free();
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const after = { memory: wasm.memory.buffer.byteLength, table: wasm.__wbindgen_externrefs.length };
  console.log(
    `endurance: ${done.toLocaleString("en")} classifications in ${seconds.toFixed(1)} s ` +
      `(${((seconds * 1e6) / done).toFixed(1)} µs each), ${flagged.toLocaleString("en")} flagged; ` +
      `linear memory ${measured.memory} bytes after ${measured.at.toLocaleString("en")} (warm-up), ${after.memory} at the end; ` +
      `externref table ${measured.table} -> ${after.table}; JS heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
  );
  assert.equal(done, TOTAL);
  const PAGE = 65_536;
  assert.ok(
    after.memory - measured.memory <= PAGE,
    `the module's linear memory grew by ${after.memory - measured.memory} bytes after the warm-up`,
  );
  assert.equal(after.table, measured.table, "the externref table grew after the warm-up");
  assert.ok(c.classify("I will kill you").flagged, "still working");
  c.free();
});
