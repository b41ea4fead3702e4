// Browser benchmark of the built package: time from having the module's bytes to the first verdict
// (compile, instantiate, new Classifier(), one classify), and the load before it, then messages per second one at a time and in batches. The result is
// shown on the page and left in window.benchResult for bench/browser.mjs.
import { corpus } from "./messages.js";

const N = Number(new URLSearchParams(location.search).get("messages") ?? 20_000);
const out = document.getElementById("out");

async function run() {
  const sinceNavigation = performance.now();
  // Loading, timed apart from instantiating: the network part depends on the host, not on
  // moderato (here, over loopback, even a 17 KB file takes tens of ms in a fresh headless browser).
  const t0 = performance.now();
  const { default: init, Classifier } = await import("../pkg/moderato.js");
  const tGlue = performance.now();
  const bytes = await (await fetch(new URL("../pkg/moderato_bg.wasm", import.meta.url))).arrayBuffer();
  const tFetched = performance.now();
  // Instantiate to first verdict: compile and instantiate the bytes, build the classifier,
  // classify one message.
  await init({ module_or_path: bytes });
  const tInit = performance.now();
  const classifier = new Classifier();
  const tBuilt = performance.now();
  const first = classifier.classify("I will kill you");
  const tFirst = performance.now();
  const firstVerdictMs = tFirst - tFetched;
  if (!first.flagged) throw new Error("sanity check failed: the threat was not flagged");
  // A second, different message: what the first verdict paid once (compiling code on first
  // use, growing buffers) shows as the difference.
  const tSecond0 = performance.now();
  classifier.classify("Мусульмане — это мразь, I h8 you all");
  const secondClassifyMs = performance.now() - tSecond0;

  const texts = corpus(N);
  for (const t of texts.slice(0, 2000)) classifier.classify(t);

  let t = performance.now();
  for (const text of texts) classifier.classify(text);
  const singleMs = performance.now() - t;

  const BATCH = 1000;
  t = performance.now();
  for (let i = 0; i < texts.length; i += BATCH) classifier.classifyBatch(texts.slice(i, i + BATCH));
  const batchMs = performance.now() - t;

  const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith("moderato_bg.wasm"));
  return {
    runtime: navigator.userAgent.match(/(HeadlessChrome|Chrome|Firefox|Safari)\/[\d.]+/)?.[0] ?? navigator.userAgent,
    messages: N,
    pageLoadedMs: Number(sinceNavigation.toFixed(1)),
    glueImportMs: Number((tGlue - t0).toFixed(1)),
    wasmFetchMs: Number((tFetched - tGlue).toFixed(1)),
    instantiateToFirstVerdictMs: Number(firstVerdictMs.toFixed(1)),
    compileAndInstantiateMs: Number((tInit - tFetched).toFixed(1)),
    buildClassifierMs: Number((tBuilt - tInit).toFixed(1)),
    firstClassifyMs: Number((tFirst - tBuilt).toFixed(1)),
    secondClassifyMs: Number(secondClassifyMs.toFixed(2)),
    loadToFirstVerdictMs: Number((tFirst - t0).toFixed(1)),
    messagesPerSecond: Math.round(N / (singleMs / 1000)),
    usPerMessage: Number(((singleMs * 1000) / N).toFixed(2)),
    batchMessagesPerSecond: Math.round(N / (batchMs / 1000)),
    wasmTransferBytes: wasm?.encodedBodySize ?? null,
  };
}

run().then(
  (result) => {
    window.benchResult = result;
    out.textContent = JSON.stringify(result, null, 2);
    document.body.dataset.done = "true";
  },
  (err) => {
    window.benchResult = { error: err.message };
    out.textContent = `error: ${err.message}`;
    document.body.dataset.done = "error";
  },
);
