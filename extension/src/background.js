// The service worker: the only place the WebAssembly classifier runs. Content scripts cannot
// rely on running wasm themselves (they obey the page's CSP, which may forbid it), so they send
// message texts here in batches and get back one label per text. Nothing is fetched except the
// extension's own moderato_bg.wasm; nothing is stored but what the options page wrote.
import init, { Classifier } from "./moderato/moderato.js";
import { chipLabel } from "./labels.js";

const api = globalThis.browser ?? globalThis.chrome;

// A worker is started and stopped by the browser at will, so everything here is rebuilt lazily on
// the first request after a start. Listeners are registered synchronously, as MV3 requires.
let wasmReady = null;
let current = null; // { key, classifier, policy, cache: Map<text, label|null>, error }

const CACHE_LIMIT = 50_000;

// Running totals for the benchmark, which reads them through the DevTools protocol. They stay in
// this worker; nothing reports them anywhere.
const stats = (globalThis.moderatoStats = { wasmMs: null, buildMs: null, batches: 0, texts: 0, classified: 0, classifyMs: 0 });

function loadWasm() {
  const t0 = performance.now();
  wasmReady ??= init().then((r) => {
    stats.wasmMs = performance.now() - t0;
    return r;
  }).catch((err) => {
    wasmReady = null; // let the next request try again
    throw err;
  });
  return wasmReady;
}

/** The classifier for these settings; rebuilt only when they change. Bad settings (which the
 *  options page refuses to save, but storage can be edited by hand) fall back to the defaults. */
function classifierFor(settings) {
  const key = JSON.stringify(settings ?? {});
  if (current?.key === key) return current;
  let classifier;
  let error = null;
  const t0 = performance.now();
  try {
    classifier = new Classifier(settings ?? {});
  } catch (err) {
    error = String(err?.message ?? err);
    classifier = new Classifier();
  }
  stats.buildMs = performance.now() - t0;
  current?.classifier.free();
  current = { key, classifier, policy: classifier.policy, cache: new Map(), error };
  return current;
}

async function classify({ texts, settings }) {
  if (!Array.isArray(texts) || texts.some((t) => typeof t !== "string")) throw new TypeError("texts must be strings");
  await loadWasm();
  const c = classifierFor(settings);
  const labels = new Array(texts.length);
  // Chat pages repeat themselves ("lol", "+1"): only texts not seen under these settings cross
  // into wasm, in one classifyBatch call.
  const todo = [];
  const todoIndex = [];
  for (let i = 0; i < texts.length; i++) {
    const hit = c.cache.get(texts[i]);
    if (hit !== undefined) labels[i] = hit;
    else {
      todo.push(texts[i]);
      todoIndex.push(i);
    }
  }
  stats.batches++;
  stats.texts += texts.length;
  if (todo.length) {
    const t0 = performance.now();
    const verdicts = c.classifier.classifyBatch(todo);
    stats.classifyMs += performance.now() - t0;
    stats.classified += todo.length;
    if (c.cache.size + todo.length > CACHE_LIMIT) c.cache.clear();
    for (let j = 0; j < todo.length; j++) {
      const label = chipLabel(verdicts[j], c.policy);
      labels[todoIndex[j]] = label;
      c.cache.set(todo[j], label);
    }
  }
  return { labels, settingsError: c.error };
}

// Content scripts keep a port open and send their batches over it.
api.runtime.onConnect.addListener((port) => {
  if (port.name !== "moderato" || port.sender?.id !== api.runtime.id) return;
  port.onMessage.addListener((message) => {
    if (!message || typeof message !== "object") return;
    const reply = (body) => {
      try {
        port.postMessage({ id: message.id, ...body });
      } catch {
        /* the tab went away */
      }
    };
    if (message.type === "warm") {
      loadWasm().then(() => classifierFor(message.settings)).then(
        () => reply({ ok: true }),
        (err) => reply({ ok: false, error: String(err?.message ?? err) }),
      );
    } else if (message.type === "classify") {
      classify(message).then(
        (result) => reply({ ok: true, ...result }),
        (err) => reply({ ok: false, error: String(err?.message ?? err) }),
      );
    }
  });
});

api.runtime.onMessage.addListener((message, sender) => {
  // Only this extension's own pages and content scripts can reach onMessage; still, ignore
  // anything that is not ours.
  if (sender.id !== api.runtime.id || message?.type !== "badge" || sender.tab?.id === undefined) return false;
  const n = Number(message.count) || 0;
  const text = n === 0 ? "" : n > 999 ? "999+" : String(n);
  api.action.setBadgeText({ tabId: sender.tab.id, text }).catch(() => {});
  return false;
});

api.runtime.onInstalled?.addListener(() => {
  api.action.setBadgeBackgroundColor?.({ color: "#475569" })?.catch?.(() => {});
});
