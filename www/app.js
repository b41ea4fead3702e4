// The moderato demo: a chat box whose messages are classified as they are sent, per-label bars,
// highlighted evidence, settings, and a "paste many" mode. No bundler: it imports the built
// package from ../pkg/ as any static page would.
//
// Message text is untrusted: it only ever reaches the page through textContent and text nodes,
// never through innerHTML (the page's CSP also forbids inline scripts).
import init, { Classifier } from "../pkg/moderato.js";
import { createWorkerClassifier } from "../pkg/worker-client.js";

const $ = (id) => document.getElementById(id);
/** Filled in once the module is loaded (Classifier.labels reads from WebAssembly). */
let LABELS = [];
const DEFAULT_THRESHOLD = 0.5;
/** At most this many batch rows are drawn: drawing, not classifying, is the slow part. */
const MAX_BATCH_ROWS = 1000;

const POLICY_HELP = {
  default: "Flags threats, extremism, identity attacks, insults and severe toxicity; not plain swearing.",
  strict: "Also flags general toxicity and profanity.",
  minimal: "Flags only threats and extremism: calls for harming people.",
};

const state = {
  classifier: null,
  settings: { policy: "default", thresholds: {} },
  messages: [],
  worker: null,
};

/** Creates an element with text content and attributes (never markup). */
function el(tag, { text, className, attrs } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs ?? {})) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function status(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

/** Appends `text` to `parent` with every evidence span wrapped in a <mark>. Overlapping spans
 *  are cut into pieces so that each piece lists all the labels that cover it. */
function appendHighlighted(parent, text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const covering = spans.filter((s) => s.start <= a && s.end >= b && s.start < s.end);
    if (covering.length === 0) {
      parent.append(document.createTextNode(piece));
      continue;
    }
    const labels = [...new Set(covering.map((s) => s.label))];
    const terms = [...new Set(covering.map((s) => s.term))];
    parent.append(
      el("mark", {
        text: piece,
        className: `label-${labels[0]}`,
        attrs: { title: `${labels.join(", ")} (matched “${terms.join("”, “")}”)`, "data-labels": labels.join(" ") },
      }),
    );
  }
}

/** One bar per label: the score, the threshold as a tick, and whether the label passed. */
function renderBars(verdict, thresholds) {
  const list = el("div", { className: "bars" });
  for (const label of LABELS) {
    const score = verdict.scores[label];
    const passed = verdict.labels.includes(label);
    const fill = el("div", { className: "fill" });
    fill.style.width = `${(score * 100).toFixed(1)}%`;
    const tick = el("div", { className: "tick", attrs: { title: `threshold ${thresholds[label]}` } });
    tick.style.left = `${thresholds[label] * 100}%`;
    list.append(
      el(
        "div",
        { className: passed ? "bar passed" : "bar", attrs: { "data-label": label, "data-score": String(score) } },
        el("span", { className: "name", text: label.replace("_", " ") }),
        el("div", { className: "track" }, fill, tick),
        el("span", { className: "value", text: score.toFixed(2) }),
      ),
    );
  }
  return list;
}

function verdictText(verdict) {
  if (verdict.flagged) return `Flagged: ${verdict.labels.join(", ")}`;
  if (verdict.labels.length) return `OK under this policy (${verdict.labels.join(", ")})`;
  return "OK";
}

function formatMs(ms) {
  return ms < 0.1 ? "< 0.1 ms" : `${ms.toFixed(1)} ms`;
}

function renderMessage(message) {
  const { text, verdict, ms } = message;
  const body = el("p", { className: "text" });
  appendHighlighted(body, text, verdict.spans);
  return el(
    "li",
    {
      className: verdict.flagged ? "message flagged" : "message",
      attrs: { "data-flagged": String(verdict.flagged), "data-labels": verdict.labels.join(" "), "data-language": verdict.language },
    },
    el("div", { className: "verdict", text: verdictText(verdict) }),
    body,
    renderBars(verdict, state.settings.thresholds),
    el("div", { className: "meta", text: `language: ${verdict.language} · ${formatMs(ms)}` }),
  );
}

function classifyTimed(text) {
  const t0 = performance.now();
  const verdict = state.classifier.classify(text);
  return { text, verdict, ms: performance.now() - t0 };
}

function renderAllMessages() {
  $("messages").replaceChildren(...state.messages.map(renderMessage));
  $("messages").lastElementChild?.scrollIntoView({ block: "nearest" });
}

function send(text) {
  if (!text.trim() || !state.classifier) return;
  state.messages.push(classifyTimed(text));
  const node = renderMessage(state.messages.at(-1));
  $("messages").append(node);
  node.scrollIntoView({ block: "nearest" });
}

function options() {
  return { policy: state.settings.policy, thresholds: { ...state.settings.thresholds } };
}

/** Rebuilds the classifier from the settings and re-judges every message shown; on an error the
 *  previous classifier stays and the error is shown. */
function applySettings() {
  try {
    const next = new Classifier(options());
    state.classifier?.free();
    state.classifier = next;
    $("settings-error").textContent = "";
  } catch (err) {
    $("settings-error").textContent = err.message;
    return;
  }
  state.messages = state.messages.map((m) => classifyTimed(m.text));
  renderAllMessages();
  state.worker?.configure(options()).catch((err) => ($("settings-error").textContent = err.message));
}

function buildControls() {
  const fieldset = $("thresholds");
  for (const label of LABELS) {
    const input = el("input", {
      attrs: { type: "range", min: "0", max: "1", step: "0.05", value: String(DEFAULT_THRESHOLD), "data-label": label, id: `t-${label}` },
    });
    const out = el("output", { text: DEFAULT_THRESHOLD.toFixed(2), attrs: { for: `t-${label}` } });
    input.addEventListener("input", () => {
      state.settings.thresholds[label] = Number(input.value);
      out.textContent = Number(input.value).toFixed(2);
      applySettings();
    });
    fieldset.append(el("label", { className: "row threshold" }, el("span", { text: label.replace("_", " ") }), input, out));
  }
  const showPolicyHelp = () => ($("policy-help").textContent = POLICY_HELP[$("policy").value] ?? "");
  showPolicyHelp();
  $("policy").addEventListener("change", () => {
    state.settings.policy = $("policy").value;
    showPolicyHelp();
    applySettings();
  });
  $("reset").addEventListener("click", () => {
    state.settings.policy = "default";
    $("policy").value = "default";
    showPolicyHelp();
    for (const input of fieldset.querySelectorAll("input")) {
      input.value = String(DEFAULT_THRESHOLD);
      input.dispatchEvent(new Event("input"));
    }
  });
}

async function runBatch() {
  const lines = $("batch-input").value.split(/\r?\n/).filter((l) => l.trim());
  const stats = $("batch-stats");
  const tbody = $("batch-results").querySelector("tbody");
  if (!lines.length) {
    stats.textContent = "Paste some messages first, one per line.";
    return;
  }
  const inWorker = $("batch-worker").checked;
  $("batch-run").disabled = true;
  stats.textContent = `Classifying ${lines.length} messages…`;
  try {
    let verdicts;
    const t0 = performance.now();
    if (inWorker) {
      state.worker ??= await createWorkerClassifier(options());
      verdicts = await state.worker.classifyBatch(lines);
    } else {
      verdicts = state.classifier.classifyBatch(lines);
    }
    const ms = performance.now() - t0;
    const flagged = verdicts.filter((v) => v.flagged).length;
    const perMessage = (ms * 1000) / lines.length;
    stats.textContent =
      `${lines.length} messages in ${ms.toFixed(1)} ms (${inWorker ? "Web Worker" : "main thread"}): ` +
      `${perMessage.toFixed(1)} µs per message, ${Math.round(lines.length / (ms / 1000)).toLocaleString("en")} messages/s; ` +
      `${flagged} flagged` +
      (lines.length > MAX_BATCH_ROWS ? `; showing the first ${MAX_BATCH_ROWS}` : "");
    stats.dataset.count = String(lines.length);
    stats.dataset.flagged = String(flagged);
    stats.dataset.usPerMessage = perMessage.toFixed(3);
    const rows = verdicts.slice(0, MAX_BATCH_ROWS).map((v, i) => {
      const cell = el("td", { className: "text" });
      appendHighlighted(cell, lines[i], v.spans);
      return el(
        "tr",
        { className: v.flagged ? "flagged" : "", attrs: { "data-flagged": String(v.flagged), "data-labels": v.labels.join(" ") } },
        el("td", { text: String(i + 1) }),
        el("td", { text: v.flagged ? "flagged" : "ok" }),
        el("td", { text: v.labels.join(", ") }),
        cell,
      );
    });
    tbody.replaceChildren(...rows);
  } catch (err) {
    stats.textContent = `Error: ${err.message}`;
  } finally {
    $("batch-run").disabled = false;
  }
}

async function main() {
  const t0 = performance.now();
  await init();
  LABELS = Classifier.labels;
  state.settings.thresholds = Object.fromEntries(LABELS.map((l) => [l, DEFAULT_THRESHOLD]));
  buildControls();
  state.classifier = new Classifier(options());
  const ready = performance.now() - t0;
  $("version").textContent = `moderato ${Classifier.version}`;
  status(`Ready in ${ready.toFixed(0)} ms. Type a message below.`);
  document.body.dataset.ready = "true";
  for (const id of ["input", "send", "batch-input", "batch-run"]) $(id).disabled = false;

  $("composer").addEventListener("submit", (event) => {
    event.preventDefault();
    send($("input").value);
    $("input").value = "";
  });
  $("input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("composer").requestSubmit();
    }
  });
  for (const button of document.querySelectorAll("button.example")) {
    button.addEventListener("click", () => send(button.textContent));
  }
  $("batch-run").addEventListener("click", runBatch);
  $("input").focus();
}

main().catch((err) => {
  status(`Could not start the classifier: ${err.message}`, true);
  document.body.dataset.ready = "error";
});
