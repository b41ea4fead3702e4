// The options page: policy, per-label thresholds, the user's own deny and allow terms, and the
// sites where moderato is off. Every change is checked by building a real Classifier here
// (this page may run wasm too), and only settings that build are saved to chrome.storage.local;
// the content scripts and the service worker pick them up from there at once.
import init, { Classifier } from "./moderato/moderato.js";
import { CHIP_ORDER, KEYS, displayName, chipLabel, normalizeSettings } from "./labels.js";

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

await init();
const defaults = new Classifier().thresholds;

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

// ------------------------------------------------------------------ building the form

const sliders = {};
for (const label of CHIP_ORDER) {
  const input = el("input", { type: "range", min: "0", max: "1", step: "0.01", id: `t-${label}` });
  input.dataset.label = label;
  const value = el("output", { htmlFor: input.id });
  sliders[label] = { input, value };
  $("thresholds").append(el("label", { className: "threshold" }, el("span", {}, displayName(label)), input, value));
  input.addEventListener("input", () => {
    value.textContent = Number(input.value).toFixed(2);
    changed();
  });
}

function denyRow(term = "", label = "insult") {
  const text = el("input", { type: "text", value: term, placeholder: "word or phrase", spellcheck: false });
  text.className = "deny-term";
  const select = el("select", { className: "deny-label" });
  for (const l of CHIP_ORDER) select.append(el("option", { value: l }, displayName(l)));
  select.value = label;
  const remove = el("button", { type: "button", className: "remove", title: "Remove" }, "Remove");
  const row = el("div", { className: "deny-row" }, text, select, remove);
  text.addEventListener("input", changed);
  select.addEventListener("change", changed);
  remove.addEventListener("click", () => {
    row.remove();
    changed();
  });
  return row;
}

function fill(settings) {
  const policy = settings.policy ?? "default";
  for (const radio of document.querySelectorAll('input[name="policy"]')) radio.checked = radio.value === policy;
  for (const label of CHIP_ORDER) {
    const v = settings.thresholds?.[label] ?? defaults[label];
    sliders[label].input.value = String(v);
    sliders[label].value.textContent = Number(v).toFixed(2);
  }
  $("deny").replaceChildren(...(settings.denyTerms ?? []).map((d) => denyRow(d.term, d.label)));
  $("allow").value = (settings.allowTerms ?? []).join("\n");
}

/** The settings the form shows, with thresholds only where they differ from moderato's own. */
function read() {
  const policy = document.querySelector('input[name="policy"]:checked')?.value ?? "default";
  const thresholds = {};
  for (const label of CHIP_ORDER) {
    const v = Number(sliders[label].input.value);
    // moderato's own thresholds need not fall on the slider's steps: a slider left where it was
    // put means "moderato's default", not the rounded value.
    if (Math.abs(v - defaults[label]) > 0.006) thresholds[label] = v;
  }
  const denyTerms = [...document.querySelectorAll(".deny-row")].map((row) => ({
    term: row.querySelector(".deny-term").value,
    label: row.querySelector(".deny-label").value,
  }));
  const allowTerms = $("allow").value.split("\n");
  return normalizeSettings({ policy: policy === "default" ? undefined : policy, thresholds, denyTerms, allowTerms });
}

// ------------------------------------------------------------------ saving

let timer = null;
let tryClassifier = new Classifier();

function say(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
  document.body.dataset.status = isError ? "error" : "saved";
}

function changed() {
  document.body.dataset.status = "editing";
  clearTimeout(timer);
  timer = setTimeout(save, 250);
}

async function save() {
  const settings = read();
  let built;
  try {
    built = new Classifier(settings); // the same check the service worker would make
  } catch (err) {
    say(`Not saved: ${err.message}`, true);
    return;
  }
  tryClassifier.free();
  tryClassifier = built;
  await api.storage.local.set({ [KEYS.settings]: settings });
  say("Saved. Open pages are updated.");
  tryIt();
}

function tryIt() {
  const text = $("try").value;
  if (!text.trim()) {
    $("try-result").textContent = "";
    return;
  }
  const v = tryClassifier.classify(text);
  const shown = chipLabel(v, tryClassifier.policy);
  const evidence = v.spans.map((s) => `“${text.slice(s.start, s.end)}”`).join(", ");
  $("try-result").textContent = v.flagged
    ? `Blurred as ${displayName(shown)}${evidence ? ` (evidence: ${evidence})` : ""}.`
    : `Not blurred${v.labels.length ? ` (scores ${v.labels.map(displayName).join(", ")}, which these settings do not blur)` : ""}.`;
}

// ------------------------------------------------------------------ sites switched off

function showSites(list) {
  $("no-sites").hidden = list.length > 0;
  $("sites").replaceChildren(
    ...list.map((host) => {
      const on = el("button", { type: "button" }, "Turn back on");
      on.addEventListener("click", async () => {
        const { [KEYS.disabledSites]: now = [] } = await api.storage.local.get(KEYS.disabledSites);
        await api.storage.local.set({ [KEYS.disabledSites]: now.filter((h) => h !== host) });
      });
      return el("li", {}, el("span", {}, host), on);
    }),
  );
}

// ------------------------------------------------------------------ wiring

const stored = await api.storage.local.get([KEYS.settings, KEYS.disabledSites]);
fill(normalizeSettings(stored[KEYS.settings]));
try {
  tryClassifier = new Classifier(read());
} catch {
  /* stored settings that no longer build: the defaults stay until the form is saved */
}
showSites(stored[KEYS.disabledSites] ?? []);

for (const radio of document.querySelectorAll('input[name="policy"]')) radio.addEventListener("change", changed);
$("allow").addEventListener("input", changed);
$("add-deny").addEventListener("click", () => {
  const row = denyRow();
  $("deny").append(row);
  row.querySelector("input").focus();
});
$("reset-thresholds").addEventListener("click", () => {
  for (const label of CHIP_ORDER) {
    sliders[label].input.value = String(defaults[label]);
    sliders[label].value.textContent = Number(defaults[label]).toFixed(2);
  }
  changed();
});
$("reset-all").addEventListener("click", () => {
  fill({});
  changed();
});
$("try").addEventListener("input", tryIt);

api.storage.onChanged.addListener((changes, area) => {
  if (area !== "local") return;
  if (changes[KEYS.disabledSites]) showSites(changes[KEYS.disabledSites].newValue ?? []);
});

document.body.dataset.ready = "true";
