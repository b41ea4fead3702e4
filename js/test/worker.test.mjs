// The Web Worker helper (`moderato/worker`) in headless Chromium: results equal the main-thread
// ones, errors come back as the same error classes, the worker survives them, settings can be
// switched, and the page's main thread keeps running while a large batch is classified.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { openDemo } from "../lib/browser.mjs";

let demo;
let page;
let guard;
let errors;

before(async () => {
  // Any page of the origin will do; the demo's CSP allows same-origin module workers.
  demo = await openDemo();
  ({ page, guard, errors } = demo);
});

after(() => demo?.close());

test("worker results equal main-thread results", async () => {
  const result = await page.evaluate(async () => {
    const { Classifier } = await import("/pkg/moderato.js");
    const { createWorkerClassifier } = await import("/pkg/worker-client.js");
    const texts = ["I will kill you", "have a nice day", "🙂 ты дурак", ""];
    const local = new Classifier({ policy: "strict" });
    const remote = await createWorkerClassifier({ policy: "strict" });
    const same = JSON.stringify(await remote.classifyBatch(texts)) === JSON.stringify(local.classifyBatch(texts));
    const one = JSON.stringify(await remote.classify(texts[0])) === JSON.stringify(local.classify(texts[0]));
    remote.terminate();
    return { same, one };
  });
  assert.deepEqual(result, { same: true, one: true });
});

test("errors are rejected with the same class and message, and the worker keeps working", async () => {
  const result = await page.evaluate(async () => {
    const { createWorkerClassifier } = await import("/pkg/worker-client.js");
    const describe = (err) => `${err.constructor.name}: ${err.message}`;
    const out = {};
    try {
      await createWorkerClassifier({ thresholds: { threat: 2 } });
    } catch (err) {
      out.create = describe(err);
    }
    const remote = await createWorkerClassifier();
    for (const [name, call] of [
      ["number", () => remote.classify(42)],
      ["batch", () => remote.classifyBatch(["ok", null])],
      ["function", () => remote.classify(() => 1)],
      ["configure", () => remote.configure({ policy: "lenient" })],
    ]) {
      try {
        await call();
        out[name] = "resolved";
      } catch (err) {
        out[name] = describe(err);
      }
    }
    // After a failed configure, the previous settings stay in force.
    out.stillDefault = (await remote.classify("fuck this")).flagged === false;
    await remote.configure({ policy: "strict" });
    out.nowStrict = (await remote.classify("fuck this")).flagged === true;
    out.works = (await remote.classify("I will kill you")).flagged;
    remote.terminate();
    try {
      await remote.classify("x");
    } catch (err) {
      out.terminated = describe(err);
    }
    return out;
  });
  assert.match(result.create, /^RangeError: moderato: options\.thresholds\.threat must be a number in \[0, 1\], got 2$/);
  assert.match(result.number, /^TypeError: moderato: classify\(text\): text must be a string, got number 42$/);
  assert.match(result.batch, /^TypeError: moderato: classifyBatch\(texts\): texts\[1\] must be a string, got null$/);
  assert.match(result.function, /^TypeError: moderato: classify: the argument cannot be sent to the worker/);
  assert.match(result.configure, /^Error: moderato: options\.policy: unknown policy "lenient"/);
  assert.equal(result.stillDefault, true);
  assert.equal(result.nowStrict, true);
  assert.equal(result.works, true);
  assert.match(result.terminated, /^Error: moderato: the worker classifier was terminated$/);
});

test("the main thread keeps running while the worker classifies a large batch", async () => {
  const result = await page.evaluate(async () => {
    const { createWorkerClassifier } = await import("/pkg/worker-client.js");
    const remote = await createWorkerClassifier();
    const texts = Array.from({ length: 60_000 }, (_, i) => `message ${i}: ${i % 2 ? "I will kill you" : "have a nice day"}`);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const t0 = performance.now();
    const verdicts = await remote.classifyBatch(texts);
    const ms = performance.now() - t0;
    clearInterval(timer);
    remote.terminate();
    return { n: verdicts.length, flagged: verdicts.filter((v) => v.flagged).length, ms, ticks };
  });
  assert.equal(result.n, 60_000);
  assert.equal(result.flagged, 30_000);
  // Only meaningful if the batch took long enough for the timer to fire several times.
  if (result.ms > 100) assert.ok(result.ticks >= 3, JSON.stringify(result));
  assert.deepEqual(guard.offOrigin, []);
  assert.deepEqual(errors, []);
});
