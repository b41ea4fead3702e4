// The extension's benchmark: the built extension (dist/extension) in Debian's headless Chromium,
// on chat pages served from 127.0.0.1 with a strict CSP. Prints figures; asserts only that the
// right messages were blurred (a figure for the wrong result would mean nothing).
//   1. a page that arrives with N messages (default 5,000) in its HTML: the initial scan;
//   2. then, on that page, scrolling: batches of new messages arriving at intervals while the
//      page scrolls to them, with the cost per batch, long tasks and slow frames, and the same
//      again with moderato switched off for the site (what the page costs by itself);
//   3. N messages appended at once to an empty chat by the page's script (a history load).
// Timings come from the content script's performance marks (switched on by the `debugTimings`
// storage key, which only this benchmark sets) and the service worker's running totals.
//   node extension/bench/bench.mjs [--messages N] [--batches B] [--batch-size S] [--json]
import { execFileSync } from "node:child_process";
import { launchWithExtension, offMachine } from "../test/browser.mjs";
import { serve } from "../test/server.mjs";
import { messages } from "./messages.mjs";
import { Classifier } from "../../pkg/node.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg("--messages", 5000);
const BATCHES = arg("--batches", 50);
const BATCH_SIZE = arg("--batch-size", 20);
const INTERVAL_MS = 100;
const json = process.argv.includes("--json");

const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const page = (n) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>` +
  `<link rel="stylesheet" href="/bench.css"><script src="/bench.js"></script></head><body><main id="log">` +
  messages(0, n).map((m) => `<div class="msg"><span class="who">${escape(m.who)}</span><div class="text">${escape(m.text)}</div></div>`).join("\n") +
  `</main></body></html>`;

// What the library itself says, under the default policy: the number to see blurred.
const classifier = new Classifier();
const flaggedIn = (list) => list.filter((m) => classifier.classify(m.text).flagged).length;

const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { median: q(0.5), p95: q(0.95), max: s.at(-1) ?? 0, sum: s.reduce((a, b) => a + b, 0), n: s.length };
};
const ms = (x) => `${x.toFixed(1)} ms`;

/** Appends the batches one by one while scrolling to them, watching frames and long tasks. */
function scrollPhase(tab, batches) {
  return tab.evaluate(
    async ({ batches, interval }) => {
      const longTasks = [];
      const po = new PerformanceObserver((l) => longTasks.push(...l.getEntries().map((e) => e.duration)));
      po.observe({ type: "longtask" });
      const frames = [];
      let last = performance.now();
      let running = true;
      const frame = (t) => {
        frames.push(t - last);
        last = t;
        if (running) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      const starts = [];
      for (const list of batches) {
        starts.push(performance.now());
        window.bench.append(list);
        document.scrollingElement.scrollTop = document.scrollingElement.scrollHeight;
        await new Promise((r) => setTimeout(r, interval));
      }
      await new Promise((r) => setTimeout(r, 300));
      running = false;
      po.disconnect();
      return { starts, longTasks, frames: frames.slice(1) };
    },
    { batches, interval: INTERVAL_MS },
  );
}

const server = await serve(new URL("./page/", import.meta.url), { "/bench.html": (url) => ({ type: "text/html; charset=utf-8", body: page(Number(url.searchParams.get("n"))) }) });
const browser = await launchWithExtension({ viewport: { width: 1000, height: 800 } });
const results = { messages: N };
try {
  await browser.worker.evaluate(() => chrome.storage.local.set({ debugTimings: true }));
  const tab = await browser.context.newPage();
  const entries = (name) => tab.evaluate((n) => performance.getEntriesByName(n).map((e) => ({ start: e.startTime, duration: e.duration, detail: e.detail })), name);

  // 1. The page arrives with N messages.
  const expected1 = flaggedIn(messages(0, N));
  await tab.goto(`${server.origin}/bench.html?n=${N}`);
  await tab.waitForFunction(() => performance.getEntriesByName("moderato:initial-scan").length > 0, null, { timeout: 60_000, polling: 50 });
  const [scan] = await entries("moderato:initial-scan");
  const busy1 = stat((await entries("moderato:busy")).map((e) => e.duration));
  const blurred1 = await tab.evaluate(() => window.bench.blurred());
  const nav = await tab.evaluate(() => performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd);
  results.initial = { scanMs: scan.duration, blocks: scan.detail.checked, blurred: blurred1, expected: expected1, busyMs: busy1.sum, slices: busy1.n, longestSliceMs: busy1.max, startAfterDomContentLoadedMs: scan.start - nav };
  if (blurred1 !== expected1) throw new Error(`initial scan blurred ${blurred1}, the library flags ${expected1}`);
  const sw1 = await browser.worker.evaluate(() => globalThis.moderatoStats);
  results.worker = { wasmInitMs: sw1.wasmMs, buildClassifierMs: sw1.buildMs, usPerMessage: (1000 * sw1.classifyMs) / Math.max(1, sw1.classified) };

  // 3. Scrolling: new messages keep arriving while the page scrolls to them.
  await tab.evaluate(() => performance.clearMeasures());
  const batches = Array.from({ length: BATCHES }, (_, b) => messages(N + b * BATCH_SIZE, BATCH_SIZE));
  const expected3 = expected1 + batches.reduce((a, b) => a + flaggedIn(b), 0);
  const scroll = await scrollPhase(tab, batches);
  const episodes = await entries("moderato:episode");
  const busy3 = await entries("moderato:busy");
  const trips3 = await entries("moderato:roundtrip");
  const latency = [];
  const perBatchBusy = [];
  scroll.starts.forEach((t0, i) => {
    const t1 = scroll.starts[i + 1] ?? Infinity;
    const ep = episodes.filter((e) => e.start >= t0 && e.start < t1);
    if (ep.length) latency.push(Math.max(...ep.map((e) => e.start + e.duration)) - t0);
    perBatchBusy.push(busy3.filter((e) => e.start >= t0 && e.start < t1).reduce((a, e) => a + e.duration, 0));
  });
  const blurred3 = await tab.evaluate(() => window.bench.blurred());
  results.scroll = {
    batches: BATCHES,
    batchSize: BATCH_SIZE,
    intervalMs: INTERVAL_MS,
    verdictLatencyMs: stat(latency),
    mainThreadPerBatchMs: stat(perBatchBusy),
    workerRoundTripMs: stat(trips3.map((e) => e.duration)),
    longestSliceMs: Math.max(0, ...busy3.map((e) => e.duration)),
    longTasks: scroll.longTasks.length,
    framesOver50ms: scroll.frames.filter((f) => f > 50).length,
    frames: scroll.frames.length,
    blurred: blurred3,
    expected: expected3,
  };
  if (blurred3 !== expected3) throw new Error(`scrolling: blurred ${blurred3}, expected ${expected3}`);
  // 2. N messages appended at once to an empty chat by the page's script.
  const tab2 = await browser.context.newPage();
  await tab2.goto(`${server.origin}/bench.html?n=0`);
  await tab2.waitForFunction(() => performance.getEntriesByName("moderato:initial-scan").length > 0, null, { timeout: 60_000, polling: 50 });
  await tab2.evaluate(() => performance.clearMeasures());
  const more = messages(0, N);
  const expected2 = flaggedIn(more);
  const history = await tab2.evaluate(
    async ({ list, want }) => {
      const done = window.bench.whenBlurred(want, 60_000);
      const t0 = performance.now();
      window.bench.append(list);
      const appended = performance.now();
      const t1 = await done;
      return { appendMs: appended - t0, allBlurredMs: t1 - t0 };
    },
    { list: more, want: expected2 },
  );
  const busy2 = stat((await tab2.evaluate(() => performance.getEntriesByName("moderato:busy").map((e) => e.duration))));
  results.history = { ...history, busyMs: busy2.sum, slices: busy2.n, longestSliceMs: busy2.max, blurred: await tab2.evaluate(() => window.bench.blurred()), expected: expected2 };
  await tab2.close();
  if (results.history.blurred !== expected2) throw new Error(`history load: blurred ${results.history.blurred}, expected ${expected2}`);

  const sw = await browser.worker.evaluate(() => globalThis.moderatoStats);
  results.worker.usPerMessage = (1000 * sw.classifyMs) / Math.max(1, sw.classified);
  results.worker.classified = sw.classified;

  // The same scrolling with moderato switched off for the site: what the page costs by itself.
  await browser.worker.evaluate(() => chrome.storage.local.set({ disabledSites: ["127.0.0.1"] }));
  const plain = await browser.context.newPage();
  await plain.goto(`${server.origin}/bench.html?n=${N}`);
  await plain.waitForTimeout(500);
  const base = await scrollPhase(plain, batches);
  results.scroll.baseline = { longTasks: base.longTasks.length, framesOver50ms: base.frames.filter((f) => f > 50).length, frames: base.frames.length };
  await plain.close();
  await browser.worker.evaluate(() => chrome.storage.local.set({ disabledSites: [] }));

  const off = offMachine(browser.requests);
  if (off.length) throw new Error(`requests left the machine: ${JSON.stringify(off)}`);
} finally {
  await browser.close();
  await server.close();
}

if (json) {
  console.log(JSON.stringify(results));
} else {
  const r = results;
  let chromium = "";
  try {
    chromium = execFileSync("/usr/bin/chromium", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {}
  console.log(`moderato extension benchmark (${chromium || "Chromium"}, headless; figures only)`);
  console.log(`page arriving with ${N.toLocaleString("en")} messages (static HTML, scanned at document_idle)`);
  console.log(`  scanned in ${ms(r.initial.scanMs)}: ${r.initial.blocks.toLocaleString("en")} text blocks checked, ${r.initial.blurred} blurred (the library flags ${r.initial.expected})`);
  console.log(`  content script on the main thread ${ms(r.initial.busyMs)} in ${r.initial.slices} slices, longest ${ms(r.initial.longestSliceMs)}`);
  console.log(`  service worker cold start: wasm ${ms(r.worker.wasmInitMs)}, new Classifier() ${ms(r.worker.buildClassifierMs)}`);
  const s = r.scroll;
  console.log(`then scrolling on that page: ${s.batches} batches of ${s.batchSize} new messages, one every ${s.intervalMs} ms`);
  console.log(`  verdicts on screen after: median ${ms(s.verdictLatencyMs.median)}, p95 ${ms(s.verdictLatencyMs.p95)}, max ${ms(s.verdictLatencyMs.max)}`);
  console.log(`  of which the round trip to the service worker: median ${ms(s.workerRoundTripMs.median)}, max ${ms(s.workerRoundTripMs.max)}`);
  console.log(`  content-script main-thread time per batch: median ${ms(s.mainThreadPerBatchMs.median)}, max ${ms(s.mainThreadPerBatchMs.max)} (longest slice ${ms(s.longestSliceMs)})`);
  console.log(`  long tasks (> 50 ms): ${s.longTasks}; frames over 50 ms: ${s.framesOver50ms} of ${s.frames}`);
  console.log(`  the same with moderato off for the site: long tasks ${s.baseline.longTasks}; frames over 50 ms: ${s.baseline.framesOver50ms} of ${s.baseline.frames}`);
  console.log(`${N.toLocaleString("en")} messages appended at once to an empty chat by the page (history load)`);
  console.log(`  all blurred ${ms(r.history.allBlurredMs)} after the append (the page's own append took ${ms(r.history.appendMs)}; its layout is included)`);
  console.log(`  content script on the main thread ${ms(r.history.busyMs)} in ${r.history.slices} slices, longest ${ms(r.history.longestSliceMs)}`);
  console.log(`classifying in the service worker: ${r.worker.usPerMessage.toFixed(1)} µs a message (${r.worker.classified.toLocaleString("en")} messages)`);
}
