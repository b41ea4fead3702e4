// The toolbar popup: this page's counts (asked of the content script in the tab) and the switch
// for this site. The site name comes from the content script too, so the extension needs no
// "tabs" permission to read the tab's URL.
import { CHIP_ORDER, KEYS, displayName } from "./labels.js";

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

async function targetTab() {
  // ?tab=ID lets the popup be opened in a tab of its own (tests, keyboard users).
  const fromQuery = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function status(tabId) {
  try {
    return await api.tabs.sendMessage(tabId, { type: "status" }, { frameId: 0 });
  } catch {
    return null; // no content script there
  }
}

function show(s) {
  if (!s) {
    $("site").textContent = "This page";
    $("unavailable").hidden = false;
    $("panel").hidden = true;
    return;
  }
  $("site").textContent = s.host;
  $("unavailable").hidden = true;
  $("panel").hidden = false;
  $("enabled").checked = s.enabled;
  $("checked").textContent = s.checked.toLocaleString();
  $("flagged").textContent = s.flagged.toLocaleString();
  // Messages whose check failed (the classifier did not answer); the page retries them.
  $("unchecked").hidden = !s.unchecked;
  $("unchecked").textContent = s.unchecked ? `${s.unchecked.toLocaleString()} not checked yet: retrying` : "";
  const list = $("labels");
  list.replaceChildren();
  for (const label of CHIP_ORDER) {
    const n = s.byLabel?.[label];
    if (!n) continue;
    const li = document.createElement("li");
    const name = document.createElement("span");
    name.textContent = displayName(label);
    const count = document.createElement("span");
    count.textContent = n.toLocaleString();
    li.append(name, count);
    list.append(li);
  }
  document.body.dataset.ready = "true";
}

const tabId = await targetTab();
let current = tabId === undefined ? null : await status(tabId);
show(current);
if (!current) document.body.dataset.ready = "true";

$("enabled").addEventListener("change", async (event) => {
  if (!current) return;
  const on = event.target.checked;
  const { [KEYS.disabledSites]: list = [] } = await api.storage.local.get(KEYS.disabledSites);
  const next = on ? list.filter((h) => h !== current.host) : [...new Set([...list, current.host])];
  await api.storage.local.set({ [KEYS.disabledSites]: next });
});

// Counts go on changing while the page loads more messages.
setInterval(async () => {
  if (tabId === undefined) return;
  const s = await status(tabId);
  if (s) show((current = s));
}, 1000);
