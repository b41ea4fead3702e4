// End to end: the built extension (dist/extension) loaded into Debian's Chromium, on a chat-like
// page served from 127.0.0.1 with a strict CSP (no wasm, no inline code, Trusted Types). Checks,
// as a person would see it: exactly the harmful messages (English and Russian) are blurred with a
// chip naming the harm, the chip reveals and hides, the user's draft and code are left alone,
// new and edited messages are handled as they arrive, settings changed on the options page apply
// at once, the popup counts and switches the site off and on (leaving the page exactly as it
// was), the page goes on being moderated when the service worker is stopped (idle, mid-batch, or
// a reply lost) and its settings apply after the restart, and no request leaves the machine.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launchWithExtension, offMachine, workerControl } from "./browser.mjs";
import { serve } from "./server.mjs";
import { Classifier } from "../../pkg/node.js";
import { chipLabel } from "../src/labels.js";

const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

// What should be blurred is what the moderato library itself flags (the extension must show its
// verdicts, no more, no fewer), computed here in Node from pkg/ for each setting. The anchors
// below check that the page still means what it says: if the classifier changes its mind about
// one of these, the page needs a new example rather than the test a new expectation.
const HARMFUL_ANCHORS = ["m-threat", "m-insult", "m-ru-threat", "m-ru-insult", "m-extremism", "m-markup", "message-content-42", "c-insult"];
const BENIGN_ANCHORS = ["m-lunch", "m-traffic", "m-ru-hello", "m-news", "m-game", "m-ru-thanks", "m-blorf", "m-code", "c-thanks"];
let TEXTS; // id -> the text of that message as the extension reads it (taken from the page)

/** id -> chip label, for the messages the library flags under `settings`. */
function verdicts(settings = {}, texts = TEXTS) {
  const c = new Classifier(settings);
  const out = {};
  for (const [id, text] of Object.entries(texts)) {
    const label = chipLabel(c.classify(text), c.policy);
    if (label) out[id] = label;
  }
  c.free();
  return out;
}
const ids = (v) => Object.keys(v).sort();
const SETTINGS = {
  strict: { policy: "strict" },
  minimal: { policy: "minimal" },
  insult1: { thresholds: { insult: 1 } },
  deny: { denyTerms: [{ term: "blorf", label: "insult" }] },
  // An allowed term never counts, even one the user also denied.
  allow: { denyTerms: [{ term: "blorf", label: "insult" }], allowTerms: ["blorf"] },
};
let DEFAULT_BLURRED;

let server;
let browser;
let chat;
let options;
let pristine; // the chat page's body as served, before the extension touched it

const blurredIds = (page) =>
  page.evaluate(() => [...document.querySelectorAll('[data-moderato-state="blur"]')].map((el) => el.id).sort());

/** Waits until exactly `ids` are blurred, then makes sure it stays that way for a moment. */
async function expectBlurred(page, ids, what, timeout = 15_000) {
  try {
    await page.waitForFunction(
      (want) => {
        const got = [...document.querySelectorAll('[data-moderato-state="blur"]')].map((el) => el.id).sort();
        return JSON.stringify(got) === JSON.stringify(want);
      },
      ids,
      { timeout, polling: 50 },
    );
  } catch {
    assert.deepEqual(await blurredIds(page), ids, `${what}: blurred messages`);
  }
  await page.waitForTimeout(300);
  assert.deepEqual(await blurredIds(page), ids, `${what}: blurred messages (after settling)`);
}

/** The body's markup with moderato's marks taken out (read only; the page is not changed). */
const unmarkedBody = (page) =>
  page.evaluate(() => {
    const copy = document.body.cloneNode(true);
    for (const chip of copy.querySelectorAll("[data-moderato-chip]")) chip.remove();
    for (const el of copy.querySelectorAll("[data-moderato-state]")) el.removeAttribute("data-moderato-state");
    for (const el of copy.querySelectorAll("[data-moderato-label]")) el.removeAttribute("data-moderato-label");
    // Playwright's screenshots leave an empty style attribute on editable elements.
    return copy.innerHTML.replaceAll(' style=""', "");
  });

async function optionsSaved(action) {
  await options.evaluate(() => delete document.body.dataset.status);
  await action();
  await options.waitForFunction(() => ["saved", "error"].includes(document.body.dataset.status), null, { timeout: 10_000 });
  return options.evaluate(() => ({ status: document.body.dataset.status, text: document.getElementById("status").textContent }));
}

/** The tab id of the chat page, found by asking each tab's content script (the extension has no
 *  "tabs" permission, so it cannot read URLs). */
async function chatTabId() {
  return browser.worker.evaluate(async () => {
    for (const tab of await chrome.tabs.query({})) {
      try {
        const s = await chrome.tabs.sendMessage(tab.id, { type: "status" }, { frameId: 0 });
        if (s?.host === "127.0.0.1") return tab.id;
      } catch {
        /* no content script in that tab */
      }
    }
    return null;
  });
}

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve(new URL("./pages/", import.meta.url));
  browser = await launchWithExtension();
  // The page as served, in a context without the extension's effects: the extension is switched
  // off for the site first, so nothing is marked.
  await browser.worker.evaluate(() => chrome.storage.local.set({ disabledSites: ["127.0.0.1"] }));
  const plain = await browser.context.newPage();
  await plain.goto(`${server.origin}/chat.html`);
  await plain.waitForTimeout(500);
  pristine = await plain.evaluate(() => document.body.innerHTML);
  assert.equal(await plain.locator("[data-moderato-state], [data-moderato-chip]").count(), 0, "switched-off site is not touched");
  await plain.close();
  await browser.worker.evaluate(() => chrome.storage.local.set({ disabledSites: [] }));
  chat = await browser.context.newPage();
  await chat.goto(`${server.origin}/chat.html`);
  // The messages as the extension reads them: code left out, paragraphs on lines of their own.
  TEXTS = await chat.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll(".text, #message-content-42, #thread li")) {
      if (el.id === "message-content-42") out[el.id] = [...el.children].map((p) => p.textContent).join("\n");
      else {
        const copy = el.cloneNode(true);
        for (const code of copy.querySelectorAll("code")) code.remove();
        out[el.id] = copy.textContent;
      }
    }
    return out;
  });
  const d = verdicts();
  DEFAULT_BLURRED = ids(d);
  for (const id of HARMFUL_ANCHORS) assert.ok(d[id], `the library no longer flags #${id} (${TEXTS[id]}): the test page needs another example`);
  for (const id of BENIGN_ANCHORS) assert.ok(!d[id], `the library now flags #${id} (${TEXTS[id]}): the test page needs another example`);
  // Each setting the test changes must change something on this page.
  const more = (a, b) => ids(a).length > ids(b).length && ids(b).every((id) => a[id]);
  assert.ok(more(verdicts(SETTINGS.strict), d), "strict blurs more on the test page");
  assert.ok(more(d, verdicts(SETTINGS.minimal)), "minimal blurs less on the test page");
  assert.ok(more(d, verdicts(SETTINGS.insult1)), "an insult threshold of 1 blurs less on the test page");
  assert.ok(verdicts(SETTINGS.deny)["m-blorf"], "the deny term blurs #m-blorf");
  assert.ok(!verdicts(SETTINGS.allow)["m-blorf"], "the allow term unblurs #m-blorf");
});

after(async () => {
  await sw?.detach();
  await browser?.close();
  await server?.close();
});

test("blurs exactly the harmful messages, in English and Russian, under the page's strict CSP", async () => {
  await expectBlurred(chat, DEFAULT_BLURRED, "default policy");
  for (const [id, label] of Object.entries(verdicts())) {
    assert.equal(await chat.getAttribute(`#${id}`, "data-moderato-label"), label, `label of #${id}`);
  }
  // Most blocks hold the chip in a shadow root of their own: their children are untouched.
  assert.equal(await chat.locator("#m-threat > *").count(), 1, "#m-threat keeps just its <b>");
  assert.equal(await chat.evaluate(() => document.getElementById("m-threat").firstChild.nodeType), 3);
  assert.equal(await chat.evaluate(() => document.getElementById("m-threat").shadowRoot), null, "the shadow root is closed");
  // A list item cannot: it gets one chip element.
  assert.equal(await chat.locator("#c-insult > [data-moderato-chip]").count(), 1);
  assert.equal(await chat.locator("[data-moderato-chip]").count(), 1, "only there");
  assert.equal(await chat.locator("#c-insult").evaluate((el) => el.textContent), "ты тупой идиот", "the chip adds no text");
  // Blurred means not readable: the glyphs are drawn transparent, as a blur of their colour.
  const fill = await chat.locator("#m-threat").evaluate((el) => getComputedStyle(el).webkitTextFillColor);
  assert.equal(fill, "rgba(0, 0, 0, 0)");
  // The adapter took the whole Discord-shaped message as one, not paragraph by paragraph.
  assert.equal(await chat.locator("#m-rich-1[data-moderato-state]").count(), 0);
  // The user's draft (textarea, contenteditable) and code are never touched.
  assert.equal(await chat.locator("#draft-rich [data-moderato-chip], #draft-rich[data-moderato-state]").count(), 0);
  assert.equal(await chat.locator("#composer [data-moderato-state]").count(), 0);
  // Message text that looks like markup stays text: no element was made of it.
  assert.equal(await chat.locator("#m-markup img").count(), 0);
  assert.equal(await chat.locator("#m-markup").evaluate((el) => el.textContent), "<img src=x onerror=alert(1)> you are a worthless idiot");
  // Nothing else on the page changed: without the chips and marks it is the page as served.
  assert.equal(await unmarkedBody(chat), pristine);
  await chat.screenshot({ path: `${ARTIFACTS}chat-blurred.png` });
});

// The chip is the first thing in the block; it is in a closed shadow root, so it is clicked where
// it is drawn, as a person would.
const clickChip = (id) => chat.locator(`#${id}`).click({ position: { x: 12, y: 9 } });

test("the chip reveals the message and hides it again, keeping the click from the page", async () => {
  await clickChip("m-threat");
  assert.equal(await chat.getAttribute("#m-threat", "data-moderato-state"), "shown");
  const fill = await chat.locator("#m-threat").evaluate((el) => getComputedStyle(el).webkitTextFillColor);
  assert.notEqual(fill, "rgba(0, 0, 0, 0)", "revealed text is drawn");
  await chat.screenshot({ path: `${ARTIFACTS}chat-revealed.png` });
  await clickChip("m-threat");
  assert.equal(await chat.getAttribute("#m-threat", "data-moderato-state"), "blur");
  assert.equal(await chat.evaluate(() => window.chat.clicks), 0, "the page saw no click");
  // The chip is a button: after the click it has the focus, and Enter works too.
  await chat.keyboard.press("Enter");
  assert.equal(await chat.getAttribute("#m-threat", "data-moderato-state"), "shown");
  await chat.keyboard.press("Enter");
  assert.equal(await chat.getAttribute("#m-threat", "data-moderato-state"), "blur");
  // The element chip of a list item works the same.
  await chat.locator("#c-insult > [data-moderato-chip]").click();
  assert.equal(await chat.getAttribute("#c-insult", "data-moderato-state"), "shown");
  await chat.locator("#c-insult > [data-moderato-chip]").click();
  assert.equal(await chat.getAttribute("#c-insult", "data-moderato-state"), "blur");
});

test("new and edited messages are classified as they arrive", async () => {
  const live = { bad: "я тебя найду и убью", good: "see you at the standup", edited: "see you at the standup, you worthless idiot" };
  const v = verdicts({}, live);
  assert.deepEqual(ids(v), ["bad", "edited"], "the library's verdicts on the live messages");
  const [bad, good] = await chat.evaluate((t) => [window.chat.addMessage("Zed", t.bad), window.chat.addMessage("Yan", t.good)], live);
  await expectBlurred(chat, [...DEFAULT_BLURRED, bad].sort(), "after new messages");
  assert.equal(await chat.getAttribute(`#${good}`, "data-moderato-state"), null);
  // An edit in place (text node changed, as a chat app does) is checked again, both ways.
  await chat.evaluate(([id, text]) => (document.getElementById(id).firstChild.data = text), [good, live.edited]);
  await expectBlurred(chat, [...DEFAULT_BLURRED, bad, good].sort(), "after an edit to harmful");
  await chat.evaluate(([id, text]) => (document.getElementById(id).firstChild.data = text), [good, live.good]);
  await expectBlurred(chat, [...DEFAULT_BLURRED, bad].sort(), "after an edit back");
  // Sent from the composer by the page's own code.
  await chat.click("#send");
  const sent = await chat.evaluate(() => document.querySelector("#log > .msg:last-child .text").id);
  await expectBlurred(chat, [...DEFAULT_BLURRED, bad, sent].sort(), "after sending the draft");
  await chat.evaluate(([a, b]) => {
    document.getElementById(a).parentElement.remove();
    document.getElementById(b).parentElement.remove();
  }, [bad, sent]);
  await chat.evaluate((id) => document.getElementById(id).parentElement.remove(), good);
  await expectBlurred(chat, DEFAULT_BLURRED, "after removing them");
});

test("settings changed on the options page apply to the open page at once", async () => {
  options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForSelector("body[data-ready]");

  let r = await optionsSaved(() => options.check('input[name="policy"][value="strict"]'));
  assert.equal(r.status, "saved", r.text);
  await expectBlurred(chat, ids(verdicts(SETTINGS.strict)), "strict policy");
  for (const [id, label] of Object.entries(verdicts(SETTINGS.strict))) {
    assert.equal(await chat.getAttribute(`#${id}`, "data-moderato-label"), label, `strict: label of #${id}`);
  }

  r = await optionsSaved(() => options.check('input[name="policy"][value="minimal"]'));
  assert.equal(r.status, "saved", r.text);
  await expectBlurred(chat, ids(verdicts(SETTINGS.minimal)), "minimal policy");

  r = await optionsSaved(() => options.check('input[name="policy"][value="default"]'));
  await expectBlurred(chat, DEFAULT_BLURRED, "default policy again");

  // A per-label threshold: insults need a score of 1 now.
  r = await optionsSaved(() => options.locator("#t-insult").fill("1"));
  assert.equal(r.status, "saved", r.text);
  await expectBlurred(chat, ids(verdicts(SETTINGS.insult1)), "insult threshold 1");
  r = await optionsSaved(() => options.click("#reset-thresholds"));
  await expectBlurred(chat, DEFAULT_BLURRED, "thresholds reset");

  // The user's own deny term.
  r = await optionsSaved(async () => {
    await options.click("#add-deny");
    await options.locator(".deny-row:last-child .deny-term").fill("blorf");
    await options.locator(".deny-row:last-child .deny-label").selectOption("insult");
  });
  assert.equal(r.status, "saved", r.text);
  await expectBlurred(chat, ids(verdicts(SETTINGS.deny)), "deny term");
  assert.equal(await chat.getAttribute("#m-blorf", "data-moderato-label"), "insult");

  // The user's own allow term.
  r = await optionsSaved(() => options.locator("#allow").fill("blorf"));
  assert.equal(r.status, "saved", r.text);
  await expectBlurred(chat, ids(verdicts(SETTINGS.allow)), "allow term");

  // A setting that does not build is refused with its reason, and nothing changes.
  const before = await browser.worker.evaluate(() => chrome.storage.local.get("settings"));
  r = await optionsSaved(() => options.locator(".deny-row:last-child .deny-term").fill("**"));
  assert.equal(r.status, "error");
  assert.match(r.text, /no letters or digits/);
  assert.deepEqual(await browser.worker.evaluate(() => chrome.storage.local.get("settings")), before);

  // The try-it box uses the settings being edited.
  await options.locator("#try").fill("I will kill you");
  assert.match(await options.textContent("#try-result"), /threat/);
  await options.screenshot({ path: `${ARTIFACTS}options.png`, fullPage: true });

  r = await optionsSaved(() => options.click("#reset-all"));
  assert.equal(r.status, "saved", r.text);
  assert.deepEqual(await browser.worker.evaluate(() => chrome.storage.local.get("settings")), { settings: {} });
  await expectBlurred(chat, DEFAULT_BLURRED, "defaults restored");
});

test("the popup counts this page and switches the site off and on", async () => {
  const tabId = await chatTabId();
  assert.ok(tabId, "found the chat tab");
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 320, height: 360 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.waitForSelector("body[data-ready]");
  assert.equal(await popup.textContent("#site"), "127.0.0.1");
  assert.equal(await popup.textContent("#flagged"), String(DEFAULT_BLURRED.length));
  assert.ok(Number(await popup.textContent("#checked")) >= 19, "every message was checked");
  const threats = Object.values(verdicts()).filter((l) => l === "threat").length;
  assert.match(await popup.textContent("#labels"), new RegExp(`threat\\s*${threats}(?!\\d)`));
  assert.ok(await popup.isChecked("#enabled"));
  await popup.screenshot({ path: `${ARTIFACTS}popup.png` });

  // Off: every mark goes, and the page is exactly as served.
  await popup.uncheck("#enabled");
  await chat.waitForFunction(() => !document.querySelector("[data-moderato-state], [data-moderato-label], [data-moderato-chip]"), null, { timeout: 10_000 });
  assert.equal(await chat.evaluate(() => document.body.innerHTML.replaceAll(' style=""', "")), pristine);
  // It stays off for the site, across a reload, and while new messages arrive.
  await chat.reload();
  await chat.evaluate(() => window.chat.addMessage("Zed", "I will kill you"));
  await chat.waitForTimeout(700);
  assert.equal(await chat.locator("[data-moderato-state], [data-moderato-label], [data-moderato-chip]").count(), 0);
  assert.deepEqual(await browser.worker.evaluate(() => chrome.storage.local.get("disabledSites")), { disabledSites: ["127.0.0.1"] });

  // On again, from the popup (reopened: the reload gave the tab a new content script).
  await popup.reload();
  await popup.waitForSelector("body[data-ready]");
  assert.equal(await popup.isChecked("#enabled"), false);
  await popup.check("#enabled");
  const live = await chat.evaluate(() => document.querySelector("#log > .msg:last-child .text").id);
  await expectBlurred(chat, [...DEFAULT_BLURRED, live].sort(), "switched back on");
  await popup.close();
});

// ---------------------------------------------------------------- the service worker's lifecycle
// Chromium stops an idle extension service worker after ~30 s, and whenever it likes. These tests
// stop it through the DevTools protocol (as the browser does) and check that the page goes on
// being moderated: the content script reconnects, the worker starts again with nothing in memory,
// and what is in storage still applies. While the worker is stopped the test never evaluates in it
// (that would hang, and it must not be what wakes the worker).

let sw; // workerControl()
let ext; // an extension page: writes storage without waking the worker

/** A new worker instance (any test's wrapper goes with the old one) and the chat page reloaded (a
 *  new content script), checked under the default settings. */
async function freshChat() {
  if (!sw) {
    ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await ext.waitForSelector("body[data-ready]");
    sw = await workerControl(browser.context, ext, browser.extensionId);
  }
  await sw.stop();
  await chat.reload();
  await expectBlurred(chat, DEFAULT_BLURRED, "reloaded");
}
/** Tags the running worker instance, to tell a restarted one from it. */
const tagWorker = () => browser.worker.evaluate(() => (globalThis.moderatoTestTag = true));
const isTagged = () => browser.worker.evaluate(() => globalThis.moderatoTestTag === true);
/** The worker loses the first `n` classify replies on ports opened from now on (its own code does
 *  not know: the test wraps each new port's postMessage). Also tags the instance. */
const loseReplies = (n) =>
  browser.worker.evaluate((n) => {
    globalThis.moderatoTestTag = true;
    globalThis.moderatoLost = 0;
    chrome.runtime.onConnect.addListener((port) => {
      const post = port.postMessage;
      port.postMessage = function (reply) {
        if (reply?.labels && globalThis.moderatoLost < n) return void globalThis.moderatoLost++;
        return post.call(this, reply);
      };
    });
  }, n);
const lost = () => browser.worker.evaluate(() => globalThis.moderatoLost);
const add = (text) => chat.evaluate((t) => window.chat.addMessage("Zed", t), text);
const noPending = async (what) =>
  assert.equal(await chat.locator('[data-moderato-state="pending"]').count(), 0, `${what}: nothing left hidden as pending`);
const setStorage = (items) => ext.evaluate((items) => chrome.storage.local.set(items), items);

test("messages that arrive while the service worker is stopped are classified once it restarts", async () => {
  await freshChat();
  const live = { bad: "я тебя найду и убью", good: "see you at the standup", edited: "see you at the standup, you worthless idiot" };
  assert.deepEqual(ids(verdicts({}, live)), ["bad", "edited"], "the library's verdicts on the live messages");
  let want = DEFAULT_BLURRED;
  // Twice: the port opened after the first restart must be replaced in turn.
  for (const round of [1, 2]) {
    await sw.until("running");
    await tagWorker();
    await sw.stop();
    assert.equal(sw.status(), "stopped", `round ${round}: stopped before the messages arrive`);
    const [bad, good] = await chat.evaluate((t) => [window.chat.addMessage("Zed", t.bad), window.chat.addMessage("Yan", t.good)], live);
    want = [...want, bad].sort();
    await expectBlurred(chat, want, `round ${round}: new messages after a stop`);
    assert.equal(await chat.getAttribute(`#${bad}`, "data-moderato-label"), "threat");
    assert.equal(await chat.getAttribute(`#${good}`, "data-moderato-state"), null);
    await sw.until("running");
    assert.equal(await isTagged(), false, `round ${round}: a new worker instance answered`);
    // An edit in place while the worker is stopped.
    await sw.stop();
    await chat.evaluate(([id, text]) => (document.getElementById(id).firstChild.data = text), [good, live.edited]);
    want = [...want, good].sort();
    await expectBlurred(chat, want, `round ${round}: an edit after a stop`);
    await noPending(`round ${round}`);
  }
});

// Texts that are on the page nowhere else (the content script would take a known one's verdict
// from its cache, without asking the worker).
const LIVE = { inFlight: "I will hunt you down and kill you", lost: "I am going to kill you tonight", swear: "oh shit, I forgot my keys", swear2: "what the fuck is this build" };

test("a batch in flight when the service worker stops is sent again", async () => {
  assert.deepEqual(verdicts({}, LIVE), { inFlight: "threat", lost: "threat" }, "the library's verdicts on the live messages");
  await freshChat();
  await sw.stop();
  await sw.start(); // a new instance, which no page is connected to yet
  await loseReplies(1e9); // it never answers: the batch stays in flight until the worker stops
  const id = await add(LIVE.inFlight);
  for (const end = Date.now() + 30_000; !(await lost()); ) {
    assert.ok(Date.now() < end, "the batch reached the worker");
    await chat.waitForTimeout(50);
  }
  assert.notEqual(await chat.getAttribute(`#${id}`, "data-moderato-state"), "blur", "no verdict yet");
  await sw.stop();
  await expectBlurred(chat, [...DEFAULT_BLURRED, id].sort(), "after the worker stopped mid-batch");
  await sw.until("running");
  assert.equal(await isTagged(), false, "a new worker instance answered");
  await noPending("after the worker stopped mid-batch");
});

test("a reply that never comes is asked for again", async () => {
  await freshChat();
  await sw.stop();
  await sw.start();
  await loseReplies(1); // the first reply is lost; the worker lives on
  const id = await add(LIVE.lost);
  // The content script gives a silent worker 10 s, then sends the batch again on a new port.
  await expectBlurred(chat, [...DEFAULT_BLURRED, id].sort(), "after a lost reply", 60_000);
  assert.equal(await lost(), 1, "one reply was lost");
  assert.equal(await isTagged(), true, "the same worker instance answered the second time");
  await noPending("after a lost reply");
});

test("settings and the site switch in storage apply after the service worker restarts", async () => {
  await freshChat();
  const strict = verdicts(SETTINGS.strict);
  const swears = { swear: LIVE.swear, swear2: LIVE.swear2 };
  assert.deepEqual(verdicts(SETTINGS.strict, swears), { swear: "profanity", swear2: "profanity" }, "strict flags the live messages");
  assert.deepEqual(verdicts({}, swears), {}, "the default policy does not");
  // Settings saved while the worker is stopped: the page checks itself again, which restarts it.
  await sw.stop();
  await setStorage({ settings: SETTINGS.strict });
  await expectBlurred(chat, ids(strict), "strict, saved while the worker was stopped");
  // A new worker instance knows the settings too: a message only strict flags, after a stop.
  await sw.until("running");
  await tagWorker();
  await sw.stop();
  const id = await add(LIVE.swear);
  const want = [...ids(strict), id].sort();
  await expectBlurred(chat, want, "strict, a new message after a stop");
  assert.equal(await chat.getAttribute(`#${id}`, "data-moderato-label"), "profanity");
  await sw.until("running");
  assert.equal(await isTagged(), false, "a new worker instance answered");
  // A page loaded while the worker is stopped.
  await sw.stop();
  await chat.reload();
  await expectBlurred(chat, ids(strict), "strict, a page loaded after a stop");
  // The site switched off and on again while the worker is stopped.
  await sw.stop();
  await setStorage({ disabledSites: ["127.0.0.1"] });
  await chat.waitForFunction(() => !document.querySelector("[data-moderato-state], [data-moderato-chip]"), null, { timeout: 15_000 });
  const off = await add(LIVE.swear2);
  await sw.stop(); // if anything woke it
  await setStorage({ disabledSites: [] });
  await expectBlurred(chat, [...ids(strict), off].sort(), "switched on again after a stop");
  await noPending("switched on again");
  // Back to the defaults, for what follows.
  await setStorage({ settings: {} });
  await expectBlurred(chat, DEFAULT_BLURRED, "defaults again");
});

test("no request leaves the machine", async () => {
  const off = offMachine(browser.requests);
  assert.deepEqual(off, [], `requests off the machine: ${JSON.stringify(off)}`);
  // And the extension fetched nothing but its own files.
  const ext = browser.requests.filter((r) => r.url.startsWith("chrome-extension://"));
  for (const r of ext) assert.ok(r.url.startsWith(`chrome-extension://${browser.extensionId}/`), r.url);
  assert.ok(browser.requests.some((r) => r.url.endsWith("/moderato/moderato_bg.wasm")), "the wasm was loaded from the extension (the request log works)");
});
