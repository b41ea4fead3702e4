// The package as users get it: `npm pack` of pkg/, installed into a scratch project, then used
// from Node, by the README's own usage example, by tsc (strict) and by a Vite production build
// that is loaded in Chromium (main thread and Web Worker). Nothing is fetched from the network:
// the tarball has no dependencies, and tsc and vite come from this folder's node_modules.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, preview } from "vite";
import { launch, guardedContext, collectErrors } from "../lib/browser.mjs";

const JS = fileURLToPath(new URL("..", import.meta.url));
const PKG = fileURLToPath(new URL("../../pkg/", import.meta.url));
const TSC = join(JS, "node_modules", "typescript", "bin", "tsc");

let tmp;
let app;
let packed;

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

before(() => {
  assert.ok(existsSync(join(PKG, "package.json")), "pkg/ is not built: run scripts/build-pkg.sh first");
  tmp = mkdtempSync(join(tmpdir(), "moderato-pack-"));
  [packed] = JSON.parse(run("npm", ["pack", PKG, "--pack-destination", tmp, "--json", "--silent"], tmp));
  app = join(tmp, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "scratch-app", private: true, type: "module" }, null, 2));
  run("npm", ["install", "--no-audit", "--no-fund", "--offline", join(tmp, packed.filename)], app);
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("the tarball holds the package files and nothing else", () => {
  const files = packed.files.map((f) => f.path).sort();
  const pkg = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  assert.deepEqual(files, [...pkg.files, "package.json"].sort());
  assert.equal(packed.name, "moderato");
  const cargo = readFileSync(new URL("../../Cargo.toml", import.meta.url), "utf8");
  assert.equal(packed.version, cargo.match(/^version = "([^"]+)"/m)[1], "package version is the Cargo.toml version");
  assert.equal(pkg.sideEffects.length, 1, "only the Node entry has side effects");
  assert.ok(pkg.exports["."].types && pkg.exports["."].node && pkg.exports["."].default);
});

test("installed: works from Node with a bare import", () => {
  writeFileSync(
    join(app, "check.mjs"),
    `import { Classifier } from "moderato";
     import pkg from "moderato/package.json" with { type: "json" };
     const v = new Classifier().classify("🙂 I will kill you");
     console.log(JSON.stringify({ version: pkg.version, flagged: v.flagged, labels: v.labels, evidence: v.spans.map((s) => "🙂 I will kill you".slice(s.start, s.end)) }));`,
  );
  const out = JSON.parse(run("node", ["check.mjs"], app));
  assert.equal(out.flagged, true);
  assert.ok(out.labels.includes("threat"));
  assert.ok(out.evidence.some((e) => e.includes("kill")), JSON.stringify(out.evidence));
});

/** Runs the marked usage example of a README in the scratch project; checks its `// expected` comments. */
function runUsageExample(readmePath, file, minExpected) {
  const readme = readFileSync(readmePath, "utf8");
  const block = readme.match(/<!-- usage-example[^>]*-->\s*```js\n([\s\S]*?)```/);
  assert.ok(block, `${readmePath} has no marked usage example`);
  const code = block[1];
  writeFileSync(join(app, file), code);
  const output = run("node", [file], app).split("\n").map((l) => l.trim());
  const expected = [...code.matchAll(/console\.log\(.*\);\s*\/\/\s*(.+)$/gm)].map((m) => m[1].trim());
  assert.ok(expected.length >= minExpected, "the example documents its output");
  for (const line of expected) {
    assert.ok(output.includes(line), `${readmePath} says the example prints ${JSON.stringify(line)}; it printed:\n${output.join("\n")}`);
  }
}

test("the repository README's usage example for npm users runs and prints what its comments say", () => {
  runUsageExample(join(JS, "..", "README.md"), "repo-readme-example.mjs", 3);
});

test("the README's usage example runs and prints what its comments say", () => {
  const readme = readFileSync(join(app, "node_modules", "moderato", "README.md"), "utf8");
  const block = readme.match(/<!-- usage-example[^>]*-->\s*```js\n([\s\S]*?)```/);
  assert.ok(block, "README.md has no marked usage example");
  const code = block[1];
  writeFileSync(join(app, "readme-example.mjs"), code);
  const output = run("node", ["readme-example.mjs"], app).split("\n").map((l) => l.trim());
  // Every `console.log(...); // expected` comment must be one of the printed lines.
  const expected = [...code.matchAll(/console\.log\(.*\);\s*\/\/\s*(.+)$/gm)].map((m) => m[1].trim());
  assert.ok(expected.length >= 3, "the example documents its output");
  for (const line of expected) {
    assert.ok(output.includes(line), `README says the example prints ${JSON.stringify(line)}; it printed:\n${output.join("\n")}`);
  }
});

test("tsc --noEmit (strict) accepts the documented usage and rejects mistakes", () => {
  cpSync(join(JS, "types", "usage.ts"), join(app, "usage.ts"));
  cpSync(join(JS, "types", "tsconfig.json"), join(app, "tsconfig.json"));
  for (const extra of [[], ["--module", "nodenext", "--moduleResolution", "nodenext"]]) {
    try {
      run("node", [TSC, "-p", join(app, "tsconfig.json"), ...extra], app);
    } catch (err) {
      assert.fail(`tsc ${extra.join(" ")} failed:\n${err.stdout}${err.stderr}`);
    }
  }
  // No `any` in what users see.
  for (const f of readdirSync(join(app, "node_modules", "moderato")).filter((f) => f.endsWith(".d.ts"))) {
    const code = readFileSync(join(app, "node_modules", "moderato", f), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    assert.doesNotMatch(code, /\bany\b/, `${f} declares an any`);
  }
});

test("a Vite production build of an app using it works in Chromium, main thread and worker", async () => {
  writeFileSync(
    join(app, "index.html"),
    `<!doctype html><html><head><meta charset="utf-8"><title>app</title></head>
     <body><p id="out">loading</p><script type="module" src="/main.js"></script></body></html>`,
  );
  writeFileSync(
    join(app, "main.js"),
    `import init, { Classifier } from "moderato";
     import { createWorkerClassifier } from "moderato/worker";
     const out = document.getElementById("out");
     try {
       await init();
       const main = new Classifier().classify("I will kill you");
       const remote = await createWorkerClassifier({ policy: "strict" });
       const inWorker = await remote.classifyBatch(["fuck this", "have a nice day"]);
       let workerError = null;
       try { await remote.classify(42); } catch (err) { workerError = err.constructor.name + ": " + err.message; }
       const after = await remote.classify("I will kill you");
       out.textContent = JSON.stringify({ main: main.labels, worker: inWorker.map((v) => v.flagged), workerError, after: after.flagged });
     } catch (err) {
       out.textContent = "error: " + err.message;
     }`,
  );
  await build({ root: app, logLevel: "warn", configFile: false, build: { outDir: "dist", emptyOutDir: true } });
  const assets = readdirSync(join(app, "dist", "assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `no .wasm emitted: ${assets}`);

  const server = await preview({ root: app, configFile: false, logLevel: "warn", preview: { port: 0, host: "127.0.0.1", strictPort: false } });
  const origin = new URL(server.resolvedUrls.local[0]).origin;
  const browser = await launch();
  try {
    const { context, offOrigin } = await guardedContext(browser, origin);
    const page = await context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => document.getElementById("out").textContent !== "loading", null, { timeout: 30_000 });
    const text = await page.textContent("#out");
    assert.ok(!text.startsWith("error"), text);
    const result = JSON.parse(text);
    assert.ok(result.main.includes("threat"), text);
    assert.deepEqual(result.worker, [true, false], text);
    assert.match(result.workerError, /^TypeError: moderato: classify\(text\): text must be a string/);
    assert.equal(result.after, true);
    assert.deepEqual(offOrigin, []);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await new Promise((done) => server.httpServer.close(done));
  }
});
