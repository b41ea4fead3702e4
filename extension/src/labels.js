// Label names and defaults shared by the service worker, the popup and the options page
// (extension pages are ES modules; the content script cannot import them).

/** Labels in the order the chip prefers them: the most specific harm names the message. */
export const CHIP_ORDER = ["threat", "extremism", "identity_attack", "insult", "severe_toxicity", "profanity", "toxicity"];

/** A label's name for people: its key with spaces ("identity_attack" → "identity attack"). The
 * content script, a classic script that cannot import this module, applies the same rule. */
export function displayName(label) {
  return label.replaceAll("_", " ");
}

/** Which labels flag under each policy (mirrors the core's Policy::flags). */
export const POLICY_LABELS = {
  default: ["threat", "extremism", "identity_attack", "insult", "severe_toxicity"],
  strict: CHIP_ORDER,
  minimal: ["threat", "extremism"],
};

/** The label a flagged message's chip names: the most specific one that the policy flags. */
export function chipLabel(verdict, policy) {
  if (!verdict.flagged) return null;
  const flags = POLICY_LABELS[policy] ?? POLICY_LABELS.default;
  return CHIP_ORDER.find((label) => flags.includes(label) && verdict.labels.includes(label)) ?? verdict.labels[0] ?? "toxicity";
}

/** Storage keys (chrome.storage.local only: nothing here should follow the user to a sync server). */
export const KEYS = { settings: "settings", disabledSites: "disabledSites", debugTimings: "debugTimings" };

/** The settings as stored; an empty object means moderato's own defaults. */
export function normalizeSettings(raw) {
  const s = raw && typeof raw === "object" ? raw : {};
  const out = {};
  if (typeof s.policy === "string") out.policy = s.policy;
  if (s.thresholds && typeof s.thresholds === "object") {
    const t = {};
    for (const label of CHIP_ORDER) {
      if (typeof s.thresholds[label] === "number") t[label] = s.thresholds[label];
    }
    if (Object.keys(t).length) out.thresholds = t;
  }
  if (Array.isArray(s.allowTerms)) {
    const allow = s.allowTerms.filter((x) => typeof x === "string" && x.trim()).map((x) => x.trim());
    if (allow.length) out.allowTerms = allow;
  }
  if (Array.isArray(s.denyTerms)) {
    const deny = s.denyTerms
      .filter((d) => d && typeof d.term === "string" && d.term.trim() && CHIP_ORDER.includes(d.label))
      .map((d) => ({ term: d.term.trim(), label: d.label }));
    if (deny.length) out.denyTerms = deny;
  }
  return out;
}
