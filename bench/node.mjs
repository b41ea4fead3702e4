// Node benchmark of the built package (pkg/): instantiate-to-first-verdict, messages per second
// one at a time and in batches, and the size of the .wasm gzipped. Prints figures only; nothing
// is asserted, so a slow machine never fails a build.
//   node bench/node.mjs [--json] [--messages N]
import { readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import { corpus } from "./messages.js";

const PKG = new URL("../pkg/", import.meta.url);
const json = process.argv.includes("--json");
const nArg = process.argv.indexOf("--messages");
const N = nArg > 0 ? Number(process.argv[nArg + 1]) : 20_000;

const wasmBytes = readFileSync(new URL("moderato_bg.wasm", PKG));
// Import the web glue directly (not node.js, which instantiates on import) to time the start.
const { initSync, Classifier } = await import(new URL("moderato.js", PKG));

const t0 = performance.now();
initSync({ module: wasmBytes });
const tInit = performance.now();
const classifier = new Classifier();
const tBuilt = performance.now();
const first = classifier.classify("I will kill you");
const firstVerdictMs = performance.now() - t0;
if (!first.flagged) throw new Error("benchmark sanity check failed: the threat was not flagged");

const texts = corpus(N);
const chars = texts.reduce((sum, t) => sum + t.length, 0);

// Warm up the JIT and the allocator, then time.
for (const t of texts.slice(0, 2000)) classifier.classify(t);

let t = performance.now();
let flagged = 0;
for (const text of texts) flagged += classifier.classify(text).flagged ? 1 : 0;
const singleMs = performance.now() - t;

const BATCH = 1000;
t = performance.now();
for (let i = 0; i < texts.length; i += BATCH) classifier.classifyBatch(texts.slice(i, i + BATCH));
const batchMs = performance.now() - t;

const result = {
  runtime: `node ${process.version}`,
  messages: N,
  averageChars: Math.round(chars / N),
  flaggedShare: Number((flagged / N).toFixed(3)),
  instantiateToFirstVerdictMs: Number(firstVerdictMs.toFixed(1)),
  compileAndInstantiateMs: Number((tInit - t0).toFixed(1)),
  buildClassifierMs: Number((tBuilt - tInit).toFixed(1)),
  messagesPerSecond: Math.round(N / (singleMs / 1000)),
  usPerMessage: Number(((singleMs * 1000) / N).toFixed(2)),
  batchMessagesPerSecond: Math.round(N / (batchMs / 1000)),
  wasmBytes: wasmBytes.length,
  wasmGzipBytes: gzipSync(wasmBytes, { level: 9 }).length,
  wasmBrotliBytes: brotliCompressSync(wasmBytes).length,
};

if (json) {
  console.log(JSON.stringify(result));
} else {
  const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
  console.log(`moderato benchmark (${result.runtime}, ${N} messages of ${result.averageChars} chars on average, ${Math.round(result.flaggedShare * 100)}% flagged)`);
  console.log(`  instantiate to first verdict  ${result.instantiateToFirstVerdictMs} ms (compile + instantiate ${result.compileAndInstantiateMs} ms, new Classifier() ${result.buildClassifierMs} ms)`);
  console.log(`  classify, one at a time       ${result.messagesPerSecond.toLocaleString("en")} messages/s (${result.usPerMessage} µs each)`);
  console.log(`  classifyBatch, 1000 a call    ${result.batchMessagesPerSecond.toLocaleString("en")} messages/s`);
  console.log(`  moderato_bg.wasm              ${kib(result.wasmBytes)}, gzip -9 ${kib(result.wasmGzipBytes)}, brotli ${kib(result.wasmBrotliBytes)}`);
}
