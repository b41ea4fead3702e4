// The Node side of the comparison harness (scripts/compare.sh): moderato's npm package (pkg/) and
// the npm libraries people use today, timed on the same messages as the native side, then one
// table with everything. Prints figures only; nothing is asserted.
//
//   node bench/compare/compare.mjs --messages FILE [--native FILE] [--seconds S] [--rounds R] [--json]
//
// FILE has one message per line (written by `rustrict-bench gen`); --native is the JSON lines the
// native side printed (`rustrict-bench run`), merged into the table with the floor ratio.
// Start-up (import to first verdict) is timed in a fresh Node process per library, which also
// records with V8 coverage which JS files the library loaded: their gzipped size is its shipped size.
import { readFileSync, readdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";

const PKG = new URL("../../pkg/", import.meta.url);
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

/** Each library: how to load it and the check a chat app would call per message. */
const TOOLS = {
  // moderato's npm package, one message per call into WebAssembly.
  "moderato-wasm": async () => {
    const { initSync, Classifier } = await import(new URL("moderato.js", PKG));
    initSync({ module: readFileSync(new URL("moderato_bg.wasm", PKG)) });
    const c = new Classifier();
    return { check: (t) => c.classify(t).flagged, batch: (ts) => c.classifyBatch(ts).map((v) => v.flagged) };
  },
  // obscenity: its English dataset with the recommended transformers (the README's setup).
  obscenity: async () => {
    const o = await import("obscenity");
    const m = new o.RegExpMatcher({ ...o.englishDataset.build(), ...o.englishRecommendedTransformers });
    return { check: (t) => m.hasMatch(t) };
  },
  // bad-words: the default English list.
  "bad-words": async () => {
    const { Filter } = await import("bad-words");
    const f = new Filter();
    return { check: (t) => f.isProfane(t) };
  },
  // leo-profanity: its English list plus its Russian one, since moderato covers both.
  "leo-profanity": async () => {
    const { default: filter } = await import("leo-profanity");
    filter.add(filter.getDictionary("ru"));
    return { check: (t) => filter.check(t) };
  },
};

// Child mode: start-up of one library in this fresh process.
if (args[0] === "--startup") {
  const name = args[1];
  const t0 = performance.now();
  const tool = await TOOLS[name]();
  tool.check("I will kill you");
  console.log(JSON.stringify({ startupMs: performance.now() - t0 }));
  process.exit(0);
}

const messagesFile = opt("--messages");
if (!messagesFile) {
  console.error("usage: node bench/compare/compare.mjs --messages FILE [--native FILE] [--seconds S] [--rounds R] [--json]");
  process.exit(2);
}
const texts = readFileSync(messagesFile, "utf8").split("\n").filter((l) => l.length > 0);
const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
const seconds = Number(opt("--seconds", "1"));
const rounds = Number(opt("--rounds", "3"));

/** Start-up time of `name` in a fresh process (best of 3), and the JS it loaded, from one more
 * fresh process with V8 coverage on (coverage slows start-up, so that one is not timed). */
function startup(name) {
  const child = (env) =>
    JSON.parse(
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--startup", name], { env, encoding: "utf8" })
        .trim()
        .split("\n")
        .pop(),
    ).startupMs;
  const startupMs = Math.min(...[0, 1, 2].map(() => child(process.env)));
  const dir = mkdtempSync(join(tmpdir(), "moderato-compare-"));
  try {
    child({ ...process.env, NODE_V8_COVERAGE: dir });
    const files = new Set();
    for (const f of readdirSync(dir)) {
      for (const s of JSON.parse(readFileSync(join(dir, f), "utf8")).result) {
        if (!s.url.startsWith("file:")) continue;
        const path = fileURLToPath(s.url);
        if (path.includes("/node_modules/") || path.startsWith(fileURLToPath(PKG))) files.add(path);
      }
    }
    if (name === "moderato-wasm") files.add(fileURLToPath(new URL("moderato_bg.wasm", PKG)));
    const contents = [...files].map((f) => readFileSync(f));
    const raw = contents.reduce((s, b) => s + b.length, 0);
    const gz = gzipSync(Buffer.concat(contents), { level: 9 }).length;
    return { startupMs, shippedBytes: raw, shippedGzipBytes: gz, files: files.size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Load everything, count what each flags, then time in interleaved rounds (best round counts, so
// load from other processes on a shared machine hits every library alike).
const runs = [];
for (const [name, load] of Object.entries(TOOLS)) {
  const tool = await load();
  const flagged = texts.filter((t) => tool.check(t)).length;
  runs.push({ name, fn: (ts) => { for (const t of ts) tool.check(t); }, flagged, best: 0 });
  if (tool.batch) {
    const BATCH = 1000;
    runs.push({
      name: `${name} (batch of ${BATCH})`,
      fn: (ts) => { for (let i = 0; i < ts.length; i += BATCH) tool.batch(ts.slice(i, i + BATCH)); },
      flagged,
      best: 0,
    });
  }
}
for (const r of runs) r.fn(texts.slice(0, 2000)); // warm up the JIT
for (let round = 0; round < rounds; round++) {
  for (const r of runs) {
    const t0 = performance.now();
    let done = 0;
    while (performance.now() - t0 < seconds * 1000) {
      r.fn(texts);
      done += texts.length;
    }
    r.best = Math.max(r.best, done / ((performance.now() - t0) / 1000));
  }
}

const rows = [];
for (const r of runs) {
  const base = r.name.split(" ")[0];
  const s = r.name === base ? startup(base) : {};
  rows.push({
    tool: r.name,
    runtime: `node ${process.version}`,
    messages_per_s: Math.round(r.best),
    mb_per_s: Number(((r.best * bytes) / texts.length / 1e6).toFixed(2)),
    startup_ms: s.startupMs === undefined ? null : Number(s.startupMs.toFixed(2)),
    flagged: Number((r.flagged / texts.length).toFixed(3)),
    shipped_bytes: s.shippedBytes ?? null,
    shipped_gzip_bytes: s.shippedGzipBytes ?? null,
  });
}

// Native rows (moderato, rustrict, floor) and their sizes.
const nativeFile = opt("--native");
const native = nativeFile
  ? readFileSync(nativeFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
  : [];
for (const n of native) {
  if (n.tool === "rustrict") {
    // Native code: the size shipped is the crate's (compressed) source package, data included.
    const cache = join(process.env.CARGO_HOME || join(process.env.HOME, ".cargo"), "registry/cache");
    for (const reg of safeList(cache)) {
      const crate = safeList(join(cache, reg)).find((f) => /^rustrict-[0-9.]+\.crate$/.test(f));
      if (crate) n.shipped_gzip_bytes = statSync(join(cache, reg, crate)).size;
    }
  }
}
function safeList(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
const all = [...native, ...rows];
const floor = native.find((n) => n.tool === "floor");

if (args.includes("--json")) {
  for (const r of all) console.log(JSON.stringify(r));
} else {
  const avg = Math.round(bytes / texts.length);
  console.log(`\n${texts.length} messages, ${avg} bytes on average (${messagesFile}); best of ${rounds} rounds of ${seconds} s`);
  const head = ["tool", "runtime", "messages/s", "MB/s", "x floor", "start-up ms", "flagged", "shipped gzip"];
  const table = all.map((r) => [
    r.tool,
    r.runtime,
    r.messages_per_s.toLocaleString("en"),
    r.mb_per_s.toFixed(1),
    floor ? `${(floor.messages_per_s / r.messages_per_s).toFixed(1)}x` : "-",
    r.startup_ms === null || r.startup_ms === undefined ? "-" : r.startup_ms.toFixed(1),
    `${(r.flagged * 100).toFixed(1)}%`,
    r.shipped_gzip_bytes ? `${(r.shipped_gzip_bytes / 1024).toFixed(0)} KiB` : "-",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) => "| " + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ") + " |";
  console.log(line(head));
  console.log("|" + widths.map((w, i) => (i < 2 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|");
  for (const row of table) console.log(line(row));
  console.log("x floor: how many times slower than one aho-corasick pass (find_iter) over the same bytes with moderato's lexicon terms, native.");
}

