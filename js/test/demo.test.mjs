// End to end: the demo page (www/) served by scripts/serve.mjs, driven in headless Chromium as a
// person would use it. It types a threat, an insult, a news sentence about an attack and a
// Russian threat and reads the verdicts off the page; changes the policy and a threshold; pastes
// a list (in the Web Worker and on the main thread); checks that message text is never parsed
// as markup; saves a screenshot; and asserts that the page requested nothing outside its own
// localhost origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openDemo } from "../lib/browser.mjs";

const ARTIFACTS = fileURLToPath(new URL("../artifacts/", import.meta.url));

let demo;
let page;
let guard;
let errors;

/** Types `text` into the chat box key by key, sends it with Enter, and returns the new message's
 *  verdict as shown on the page. */
async function say(text) {
  const before = await page.locator("#messages > li").count();
  await page.locator("#input").pressSequentially(text, { delay: 2 });
  await page.keyboard.press("Enter");
  const li = page.locator("#messages > li").nth(before);
  await li.waitFor();
  return shown(li);
}

async function shown(li) {
  return {
    flagged: (await li.getAttribute("data-flagged")) === "true",
    labels: (await li.getAttribute("data-labels")).split(" ").filter(Boolean),
    language: await li.getAttribute("data-language"),
    verdict: await li.locator(".verdict").textContent(),
    text: await li.locator(".text").textContent(),
    marks: await li.locator("mark").allTextContents(),
    bars: await li.locator(".bar").count(),
  };
}

before(async () => {
  demo = await openDemo({ viewport: { width: 1280, height: 1000 } });
  ({ page, guard, errors } = demo);
  assert.equal(await page.getAttribute("body", "data-ready"), "true", await page.textContent("#status"));
});

after(() => demo?.close());

test("the page loads the classifier and shows its version and settings", async () => {
  assert.match(await page.textContent("#status"), /^Ready in \d+ ms/);
  assert.match(await page.textContent("#version"), /^moderato \d+\.\d+\.\d+/);
  assert.equal(await page.locator("#thresholds input[type=range]").count(), 7);
});

test("typed messages get the right verdicts, bars and highlighted evidence", async () => {
  const threat = await say("I will find you and kill you");
  assert.equal(threat.flagged, true, JSON.stringify(threat));
  assert.ok(threat.labels.includes("threat"), JSON.stringify(threat));
  assert.ok(threat.marks.some((m) => /kill/i.test(m)), `evidence marks: ${threat.marks}`);
  assert.match(threat.verdict, /^Flagged: .*threat/);
  assert.equal(threat.bars, 7);
  assert.equal(threat.language, "en");

  const insult = await say("you are a worthless idiot");
  assert.equal(insult.flagged, true, JSON.stringify(insult));
  assert.ok(insult.labels.includes("insult"), JSON.stringify(insult));
  assert.ok(insult.marks.some((m) => /idiot/i.test(m)), `evidence marks: ${insult.marks}`);

  const news = await say("Police said the attack in the city centre killed three people on Monday");
  assert.equal(news.flagged, false, JSON.stringify(news));
  assert.match(news.verdict, /^OK/);

  const russian = await say("я тебя убью");
  assert.equal(russian.flagged, true, JSON.stringify(russian));
  assert.ok(russian.labels.includes("threat"), JSON.stringify(russian));
  assert.equal(russian.language, "ru");
  assert.ok(russian.marks.some((m) => /убью/.test(m)), `evidence marks: ${russian.marks}`);

  // Evidence after emoji is highlighted exactly (UTF-16 offsets all the way to the DOM).
  const emoji = await say("👨‍👩‍👧 🎉 ok so I will kill you");
  assert.ok(emoji.marks.some((m) => /kill you$/.test(m)), `evidence marks: ${emoji.marks}`);
  assert.equal(emoji.text, "👨‍👩‍👧 🎉 ok so I will kill you");
});

test("message text is shown as text, never parsed as markup", async () => {
  // The page's code has no HTML sinks at all (comments aside).
  const www = new URL("../../www/", import.meta.url);
  for (const name of readdirSync(www).filter((f) => f.endsWith(".js"))) {
    const code = readFileSync(new URL(name, www), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, `www/${name}`);
  }
  const attack = `<img src=x onerror="window.__pwned=1"><b>bold</b> you idiot`;
  const shownMsg = await say(attack);
  assert.equal(shownMsg.text, attack);
  assert.equal(await page.locator("#messages img, #messages b").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test("policy and threshold controls re-judge the messages", async () => {
  const swear = await say("fuck this");
  assert.equal(swear.flagged, false, "the default policy does not flag plain swearing");
  await page.selectOption("#policy", "strict");
  const last = page.locator("#messages > li").last();
  await page.waitForFunction(() => document.querySelector("#messages > li:last-child").dataset.flagged === "true");
  assert.equal((await shown(last)).flagged, true, "strict flags swearing");
  await page.selectOption("#policy", "default");

  // The insult (second message) is no longer an insult at threshold 1.
  const insult = page.locator("#messages > li").nth(1);
  assert.equal((await shown(insult)).flagged, true);
  await page.locator("#t-insult").fill("1");
  await page.waitForFunction(() => !document.querySelectorAll("#messages > li")[1].dataset.labels.includes("insult"));
  assert.equal(await page.textContent('output[for="t-insult"]'), "1.00");
  await page.click("#reset");
  await page.waitForFunction(() => document.querySelectorAll("#messages > li")[1].dataset.labels.includes("insult"));
  assert.equal(await page.textContent("#settings-error"), "");
});

test("paste many: a list is classified in the worker and on the main thread, with timings", async () => {
  const lines = [];
  for (let i = 0; i < 300; i++) {
    lines.push(i % 3 === 0 ? `message ${i}: I will kill you` : i % 3 === 1 ? `hello number ${i}, have a nice day` : `ты дурак ${i}`);
  }
  await page.fill("#batch-input", lines.join("\n"));
  for (const inWorker of [true, false]) {
    await page.setChecked("#batch-worker", inWorker);
    await page.evaluate(() => delete document.getElementById("batch-stats").dataset.count);
    await page.click("#batch-run");
    await page.waitForSelector("#batch-stats[data-count]", { timeout: 30_000 });
    const stats = await page.textContent("#batch-stats");
    assert.match(stats, new RegExp(`^300 messages in [\\d.]+ ms \\(${inWorker ? "Web Worker" : "main thread"}\\): [\\d.]+ µs per message`), stats);
    assert.equal(await page.getAttribute("#batch-stats", "data-count"), "300");
    assert.ok(Number(await page.getAttribute("#batch-stats", "data-us-per-message")) > 0);
    assert.equal(await page.locator("#batch-results tbody tr").count(), 300);
    assert.equal(await page.locator('#batch-results tbody tr[data-flagged="true"]').count(), 200, stats);
    assert.match(await page.locator("#batch-results tbody tr").first().locator("mark").first().textContent(), /kill/);
  }
});

test("screenshot, and nothing was requested outside the page's own origin", async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.locator("#messages").evaluate((el) => (el.scrollTop = 0));
  await page.screenshot({ path: `${ARTIFACTS}/demo.png`, fullPage: true });
  assert.deepEqual(guard.offOrigin, [], `off-origin requests: ${guard.offOrigin.join(", ")}`);
  // The requests we expect did go through the guard (so it was really watching), including the
  // Web Worker's own script.
  for (const path of ["/www/app.js", "/pkg/moderato.js", "/pkg/moderato_bg.wasm", "/pkg/worker.js"]) {
    assert.ok(guard.requests.some((u) => new URL(u).pathname === path), `no request for ${path}: ${guard.requests.join(", ")}`);
  }
  assert.deepEqual(errors, []);
});
