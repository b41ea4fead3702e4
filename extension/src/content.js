// The content script: finds message-like text on the page, sends it to the service worker to be
// classified, and blurs what is flagged behind a chip naming the harm. It changes nothing else:
// a flagged block gets two data-moderato-* attributes and a chip (drawn in a shadow root of the
// block where it can take one, so the page's own DOM children stay exactly as they were);
// everything else is left alone.
//
// Rules this file keeps:
//   - page text is only ever read (textContent / Text.data) and never written back as markup;
//   - no layout reads (offsetHeight, getComputedStyle...): message detection is structural, so a
//     scan never forces a reflow;
//   - work is done in slices of a few milliseconds, so a 5,000-message page never freezes.
(() => {
  "use strict";

  const api = globalThis.browser ?? globalThis.chrome;
  if (!api?.runtime?.id || !(document instanceof HTMLDocument)) return;

  const STATE = "data-moderato-state"; // on a flagged block: "blur" | "shown"; "pending" while a new one waits
  const LABEL = "data-moderato-label"; // on a flagged block: the label its chip names
  const CHIP = "data-moderato-chip"; // on a chip element, where a block cannot hold the chip in a shadow root


  // Text inside these is not a message: code, form fields, the user's own draft, non-HTML.
  const SKIP_TAGS = new Set([
    "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "INPUT", "SELECT", "OPTION", "BUTTON",
    "CODE", "PRE", "KBD", "SAMP", "IFRAME", "OBJECT", "EMBED", "CANVAS", "VIDEO", "AUDIO", "HEAD", "TITLE",
    "svg", "math", // foreign elements keep their lower-case names; nothing inside them is reached
  ]);
  const SKIP_SELECTOR = `script,style,noscript,template,textarea,input,select,option,button,code,pre,kbd,samp,svg,math,[${CHIP}],[contenteditable]:not([contenteditable="false"])`;
  // Phrasing elements: text inside them belongs to the enclosing block. Any other element (div, p,
  // li, td, article, custom elements...) is a block, and a block's own text is one message.
  const INLINE = new Set([
    "A", "ABBR", "B", "BDI", "BDO", "BIG", "BR", "CITE", "DATA", "DEL", "DFN", "EM", "FONT", "I", "IMG",
    "INS", "LABEL", "MARK", "NOBR", "Q", "RP", "RT", "RUBY", "S", "SMALL", "SPAN", "STRIKE", "STRONG",
    "SUB", "SUP", "TIME", "TT", "U", "VAR", "WBR",
  ]);
  // Adapters for common web-chat and comment layouts: where one of these matches, the whole
  // element is one message (several paragraphs, quotes, mentions), so the verdict sees all of it
  // and the chip sits on the message body rather than on each paragraph. Specific enough to apply
  // on any site; everything else falls back to the block heuristic.
  const ADAPTERS = [
    '[id^="message-content-"]', // Discord
    '[data-qa="message-text"]', // Slack
    ".copyable-text .selectable-text", // WhatsApp Web
    '[data-a-target="chat-line-message-body"]', // Twitch chat
    '[data-testid="tweetText"]', // X / Twitter
    "ytd-comment-renderer #content-text", // YouTube comments
    "yt-live-chat-text-message-renderer #message", // YouTube live chat
    'shreddit-comment [slot="comment"]', // Reddit
    ".comment .commtext", // Hacker News
    ".message .text-content", // Telegram Web
    "[data-moderato-message]", // pages that want to mark their messages explicitly
  ].join(",");

  const SLICE_MS = 8; // longest stretch of main-thread work before yielding
  const BATCH = 300; // blocks per message to the worker: applying a reply stays a short task
  const MAX_CHARS = 20_000; // a longer block is classified on its first MAX_CHARS characters
  const CACHE_LIMIT = 20_000;
  const PENDING_TIMEOUT_MS = 3_000;
  const HAS_LETTER = /\p{L}/u;

  let enabled = false;
  let settings = {};
  let debug = false; // performance marks for the benchmark (off unless asked for in storage)
  let gen = 0; // bumped when settings change: verdicts of an older generation are stale
  let records = new WeakMap(); // block -> { text, label, gen, shown }
  let cache = new Map(); // text -> label | null, this generation
  let flagged = new Set(); // blocks currently carrying a verdict with a label
  let checked = 0; // blocks that got a verdict on this page
  let observer = null;
  let roots = []; // nodes whose subtree needs a scan
  let dirty = new Set(); // blocks whose text needs (re)checking
  let pendingNew = new Set(); // blocks first seen after the initial scan: hidden until their verdict
  let hiddenOnce = new WeakSet(); // blocks that were put in pendingNew once
  let outgoing = []; // { block, text } waiting to be sent
  let inFlight = 0;
  let scheduled = false;
  let episodeStart = -1;
  let lastBadge = -1;
  let initialDone = false; // the first full scan of the page has finished
  let wanted = new WeakMap(); // block -> the text its latest check saw (older verdicts are stale)
  const host = location.hostname || location.protocol.replace(":", "");

  // ---------------------------------------------------------------- finding messages

  function isSkipped(el) {
    if (SKIP_TAGS.has(el.tagName)) return true;
    if (el.tagName === "SPAN" && el.hasAttribute(CHIP)) return true;
    const editable = el.getAttribute("contenteditable");
    return editable !== null && editable !== "false";
  }

  /** The block an element's text belongs to: an adapter's element, or the nearest non-inline
   *  ancestor-or-self. */
  function blockOfElement(el) {
    const adapted = el.closest(ADAPTERS);
    if (adapted) return adapted;
    while (INLINE.has(el.tagName) && el.parentElement) el = el.parentElement;
    return el;
  }

  function blockOf(text) {
    return text.parentElement ? blockOfElement(text.parentElement) : null;
  }

  const SHOW = NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT;
  let scan = null; // the walk in progress: { walker, resolve }
  const NONBLANK = /\S/;

  /** Starts walking `root` for message blocks; returns false if there is nothing to walk. */
  function beginScan(root) {
    if (root.nodeType === Node.TEXT_NODE) {
      const parent = root.parentElement;
      if (parent && NONBLANK.test(root.data) && !parent.closest(SKIP_SELECTOR)) dirty.add(blockOfElement(parent));
      return false;
    }
    if (root.nodeType !== Node.ELEMENT_NODE || !root.isConnected) return false;
    const above = root.parentElement;
    if (above?.closest(SKIP_SELECTOR)) return false;
    // Inside an adapter's message, the whole message is what changed.
    const outer = above?.closest(ADAPTERS);
    if (outer) {
      dirty.add(outer);
      return false;
    }
    // The walk itself is native (text nodes only, no JS filter called per node); each element's
    // block is then worked out once, from its parent's, and remembered. One querySelectorAll
    // finds the adapters' elements up front.
    const adapters = new Set(root.querySelectorAll(ADAPTERS));
    if (root.matches(ADAPTERS)) adapters.add(root);
    const memo = new Map(); // element -> its text's block, or null when skipped
    if (above) memo.set(above, blockOfElement(above));
    const resolve = (el) => {
      let block = memo.get(el);
      if (block !== undefined) return block;
      if (isSkipped(el)) block = null;
      else if (adapters.has(el)) block = el;
      else {
        const up = el.parentElement ? resolve(el.parentElement) : el;
        if (up === null) block = null;
        else if (adapters.has(up) || INLINE.has(el.tagName)) block = up;
        else block = el;
      }
      memo.set(el, block);
      return block;
    };
    scan = { walker: document.createTreeWalker(root, NodeFilter.SHOW_TEXT), resolve };
    return true;
  }

  /** Walks on until the deadline; true when the walk is finished. */
  function continueScan(deadline) {
    const { walker, resolve } = scan;
    let count = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (NONBLANK.test(n.data)) {
        const block = resolve(n.parentNode);
        if (block) dirty.add(block);
      }
      if (++count % 256 === 0 && performance.now() >= deadline) return false;
    }
    scan = null;
    return true;
  }

  /** A block's own text: its text nodes, minus those of nested blocks (which are messages of
   *  their own) and of skipped elements. An adapter's element keeps all of its text. */
  function ownText(block) {
    // Most message blocks hold nothing but text.
    if (!block.firstElementChild) {
      const t = block.textContent;
      return t.length > MAX_CHARS ? t.slice(0, MAX_CHARS) : t;
    }
    const whole = block.matches(ADAPTERS);
    let out = "";
    const walker = document.createTreeWalker(block, SHOW, {
      acceptNode: (n) => {
        if (n.nodeType !== Node.ELEMENT_NODE) return NodeFilter.FILTER_ACCEPT;
        if (isSkipped(n)) return NodeFilter.FILTER_REJECT;
        if (n.tagName === "BR") return NodeFilter.FILTER_ACCEPT;
        if (INLINE.has(n.tagName)) return whole || !n.matches(ADAPTERS) ? NodeFilter.FILTER_SKIP : NodeFilter.FILTER_REJECT;
        // A nested block is a message of its own, except inside an adapter's message, where it
        // is a paragraph: a line break keeps its words apart from the next one's.
        return whole ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      },
    });
    for (let n = walker.nextNode(); n && out.length < MAX_CHARS; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) out += n.data;
      else if (out && !out.endsWith("\n")) out += "\n";
    }
    return out.length > MAX_CHARS ? out.slice(0, MAX_CHARS) : out;
  }

  // ---------------------------------------------------------------- the work loop

  const yieldChannel = new MessageChannel();
  yieldChannel.port1.onmessage = () => work();

  function schedule() {
    if (scheduled || !enabled) return;
    scheduled = true;
    // A MessageChannel task, not setTimeout: no 4 ms clamp between slices.
    yieldChannel.port2.postMessage(0);
  }

  function work() {
    scheduled = false;
    if (!enabled) return;
    const t0 = performance.now();
    if (episodeStart < 0) episodeStart = t0;
    const deadline = t0 + SLICE_MS;
    let units = 0;
    while (performance.now() < deadline) {
      if (!scan) {
        if (!roots.length) break;
        if (!beginScan(roots.shift())) continue;
      }
      if (!continueScan(deadline)) break;
    }
    for (const block of dirty) {
      if (units % 16 === 0 && performance.now() >= deadline) break;
      dirty.delete(block);
      units++;
      check(block);
      if (outgoing.length >= BATCH) send();
    }
    if (outgoing.length && !scan && !roots.length && !dirty.size) send();
    if (debug) performance.measure("moderato:busy", { start: t0, end: performance.now(), detail: { units } });
    if (scan || roots.length || dirty.size) schedule();
    else maybeIdle();
  }

  function check(block) {
    if (!block.isConnected) return;
    const rec = records.get(block);
    let text = ownText(block);
    const usable = text.length >= 2 && HAS_LETTER.test(text);
    if (!usable) text = "";
    wanted.set(block, text);
    if (rec && rec.text === text && rec.gen === gen) return;
    if (!usable) {
      if (rec) settle(block, "", null);
      return;
    }
    const hit = cache.get(text);
    if (hit !== undefined) {
      settle(block, text, hit);
      return;
    }
    // New messages stay hidden until their verdict (a few milliseconds), so a harmful one is never
    // painted; the initial scan does not do this, as the page has been on screen already.
    // (Only once: one shown after a failed check is not hidden again when it is rechecked.)
    if (!rec && initialDone && !hiddenOnce.has(block)) {
      hiddenOnce.add(block);
      block.setAttribute(STATE, "pending");
      pendingNew.add(block);
    }
    outgoing.push({ block, text });
  }

  // One long-lived port to the service worker rather than a sendMessage per batch: a message on
  // an open port costs less than setting up a new channel each time.
  // The browser stops the worker when it is idle (~30 s) or whenever it likes, which disconnects
  // the port. The next request reconnects, and connecting is what starts the worker again (with
  // nothing in memory: every request carries the settings). Reconnecting at once instead would
  // keep an idle worker alive for nothing. A request whose port went away, or whose worker has
  // said nothing for REPLY_TIMEOUT_MS (hung, or a reply lost), is sent once more on a new port.
  const REPLY_TIMEOUT_MS = 10_000;
  const WORKER_GONE = new Error("the service worker stopped or did not answer");
  let port = null;
  let heard = 0; // when the worker last answered, or when the oldest unanswered request went out
  let watchdog = 0;
  let nextId = 1;
  const waiting = new Map(); // request id -> { port, resolve, reject }

  function connect() {
    const p = api.runtime.connect({ name: "moderato" });
    p.onMessage.addListener((reply) => {
      heard = performance.now();
      const w = waiting.get(reply?.id);
      if (!w) return;
      waiting.delete(reply.id);
      w.resolve(reply);
    });
    p.onDisconnect.addListener(() => {
      void api.runtime.lastError; // "receiving end does not exist" while the worker stops: expected
      drop(p);
    });
    return p;
  }

  /** Forgets a port and fails the requests waiting on it, so that they can be sent again. */
  function drop(p) {
    if (port === p) port = null;
    try {
      p.disconnect();
    } catch {
      /* already gone */
    }
    for (const [id, w] of waiting) {
      if (w.port !== p) continue;
      waiting.delete(id);
      w.reject(WORKER_GONE);
    }
  }

  /** Drops the port if requests wait on it and the worker has said nothing for too long. */
  function watch() {
    if (watchdog || !waiting.size) return;
    watchdog = setTimeout(() => {
      watchdog = 0;
      if (waiting.size && performance.now() - heard >= REPLY_TIMEOUT_MS && port) drop(port);
      watch();
    }, Math.max(0, heard + REPLY_TIMEOUT_MS - performance.now()));
  }

  function ask(message) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      try {
        port ??= connect();
        if (!waiting.size) heard = performance.now();
        waiting.set(id, { port, resolve, reject });
        port.postMessage({ ...message, id });
      } catch {
        // A port that died before its onDisconnect ran, or no port at all (the extension was
        // reloaded: send() notices that).
        waiting.delete(id);
        if (port) drop(port);
        reject(WORKER_GONE);
      }
      watch();
    });
  }

  /** ask(), and once more on a new port if the first one died or hung. */
  function request(message) {
    return ask(message).catch((err) => {
      if (err !== WORKER_GONE) throw err;
      return ask(message);
    });
  }

  // Blocks whose request failed twice: they are checked again when the worker next answers, or
  // after a delay that grows while it keeps failing, so none stays unchecked for good.
  const RECHECK_MS = 5_000;
  let unanswered = new Set();
  let recheckDelay = RECHECK_MS;
  let recheckTimer = 0;

  function recheck() {
    clearTimeout(recheckTimer);
    recheckTimer = 0;
    for (const block of unanswered) if (block.isConnected) dirty.add(block);
    unanswered = new Set();
    schedule();
  }

  function send() {
    const batch = outgoing;
    outgoing = [];
    const texts = [];
    const index = new Map();
    for (const item of batch) {
      if (!index.has(item.text)) {
        index.set(item.text, texts.length);
        texts.push(item.text);
      }
    }
    const sentGen = gen;
    const sentAt = performance.now();
    inFlight++;
    // Blocks hidden until their verdict are shown again if it never comes (a stuck worker).
    if (batch.some((item) => pendingNew.has(item.block))) {
      setTimeout(() => {
        for (const { block } of batch) unpend(block);
      }, PENDING_TIMEOUT_MS);
    }
    request({ type: "classify", texts, settings })
      .then((res) => {
        if (!res?.ok) throw new Error(res?.error ?? "no answer from the service worker");
        recheckDelay = RECHECK_MS;
        if (unanswered.size) recheck();
        if (sentGen !== gen || !enabled) return;
        const t0 = performance.now();
        if (debug) performance.measure("moderato:roundtrip", { start: sentAt, end: t0, detail: { texts: texts.length } });
        for (const text of texts) {
          if (cache.size >= CACHE_LIMIT) cache.clear();
          cache.set(text, res.labels[index.get(text)]);
        }
        for (const { block, text } of batch) settle(block, text, res.labels[index.get(text)]);
        if (debug) performance.measure("moderato:busy", { start: t0, end: performance.now(), detail: { applied: batch.length } });
      })
      .catch((err) => {
        if (!api.runtime?.id) return stop(); // the extension was reloaded or removed: this script is orphaned
        if (sentGen !== gen || !enabled) return; // a rescan or stop() took these blocks over
        console.warn("moderato: messages left unchecked for now:", err?.message ?? err);
        for (const { block } of batch) {
          unpend(block);
          unanswered.add(block);
        }
        if (!recheckTimer) {
          recheckTimer = setTimeout(recheck, recheckDelay);
          recheckDelay = Math.min(recheckDelay * 2, 300_000);
        }
      })
      .finally(() => {
        inFlight--;
        maybeIdle();
      });
  }

  function maybeIdle() {
    if (roots.length || dirty.size || outgoing.length || inFlight || episodeStart < 0) return;
    if (debug) performance.measure(initialDone ? "moderato:episode" : "moderato:initial-scan", { start: episodeStart, end: performance.now(), detail: { checked, flagged: flagged.size } });
    episodeStart = -1;
    initialDone = true;
    for (const block of flagged) if (!block.isConnected) flagged.delete(block);
    updateBadge();
  }

  // ---------------------------------------------------------------- showing verdicts

  function unpend(block) {
    if (pendingNew.delete(block) && block.getAttribute(STATE) === "pending") block.removeAttribute(STATE);
  }

  function settle(block, text, label) {
    if (!block.isConnected) {
      pendingNew.delete(block);
      return;
    }
    // The text changed while this verdict was on its way: the newer text's verdict will follow.
    if (wanted.get(block) !== text) return;
    let rec = records.get(block);
    if (!rec) {
      rec = { text, label: null, gen, shown: false };
      records.set(block, rec);
      if (text) checked++;
    }
    rec.text = text;
    rec.gen = gen;
    if (rec.label !== label) rec.shown = false;
    rec.label = label ?? null;
    pendingNew.delete(block);
    render(block, rec);
  }

  function render(block, rec) {
    if (!rec.label) {
      if (block.hasAttribute(STATE)) block.removeAttribute(STATE);
      if (block.hasAttribute(LABEL)) block.removeAttribute(LABEL);
      hideChip(block);
      flagged.delete(block);
      return;
    }
    flagged.add(block);
    const state = rec.shown ? "shown" : "blur";
    if (block.getAttribute(STATE) !== state) block.setAttribute(STATE, state);
    if (block.getAttribute(LABEL) !== rec.label) block.setAttribute(LABEL, rec.label);
    paintChip(chipFor(block), rec);
  }

  // The chip is drawn in a closed shadow root, so page CSS cannot restyle it and page scripts
  // cannot read or click it. Where the block can take a shadow root of its own (div, p, span,
  // article...), the chip goes there, in front of a <slot> for the block's own children: the
  // page's DOM keeps exactly its children (a script's firstChild is still its text node). Other
  // blocks (li, td, custom elements with a shadow root already) get a small chip element as their
  // first child instead. Style sheets are constructed, not <style> elements, which a strict page
  // CSP could block.
  const CHIP_CSS = `
    .chip { all: initial; display: inline-block; margin: 0 .45em 0 0; vertical-align: baseline; }
    .chip[hidden] { display: none; }
    button { all: initial; box-sizing: border-box; display: inline-flex; align-items: center; gap: .35em;
      cursor: pointer; font: 600 12px/18px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      padding: 0 8px; border-radius: 9px; color: #fff; background: #475569; white-space: nowrap; }
    button:hover { background: #334155; }
    button:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
    button[aria-pressed="true"] { color: #334155; background: #e2e8f0; }
    .action { font-weight: 400; opacity: .85; }
  `;
  // For the fallback chip element only: its own box, immune to the page's rules for spans.
  const HOST_CSS = `:host { all: initial !important; display: inline !important; }`;
  const sheets = new Map(); // css -> constructed sheet, shared by every chip

  /** Styles a shadow root. Constructed sheets where the browser lets a content script share them
   *  (Chromium); otherwise a <style> element of the shadow root's own. */
  function styleRoot(root, ...css) {
    try {
      root.adoptedStyleSheets = css.map((text) => {
        let sheet = sheets.get(text);
        if (!sheet) {
          sheet = new CSSStyleSheet();
          sheet.replaceSync(text);
          sheets.set(text, sheet);
        }
        return sheet;
      });
    } catch {
      const el = document.createElement("style");
      el.textContent = css.join("\n");
      root.append(el);
    }
  }
  const SHADOW_TAGS = new Set(["ARTICLE", "ASIDE", "BLOCKQUOTE", "DIV", "FOOTER", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "MAIN", "NAV", "P", "SECTION", "SPAN"]);
  // block -> { chip, label, action, button, host? }. Never reset: a shadow root, once attached,
  // stays with its element, and is reused if the block is flagged again.
  const decorations = new WeakMap();

  function chipParts(block) {
    const chip = document.createElement("span");
    chip.className = "chip";
    const button = document.createElement("button");
    button.type = "button";
    const label = document.createElement("span");
    const action = document.createElement("span");
    action.className = "action";
    button.append(label, action);
    chip.append(button);
    // Keep the click to ourselves: a chat page may open or select a message on click.
    const stop = (e) => e.stopPropagation();
    chip.addEventListener("pointerdown", stop);
    chip.addEventListener("mousedown", stop);
    chip.addEventListener("click", (e) => {
      e.preventDefault();
      e.stopPropagation();
      const rec = records.get(block);
      if (!rec?.label) return;
      rec.shown = !rec.shown;
      render(block, rec);
    });
    return { chip, label, action, button, host: null };
  }

  function chipFor(block) {
    let d = decorations.get(block);
    if (d && !d.host) {
      d.chip.hidden = false;
      return d;
    }
    if (d?.host && d.host.parentNode === block) return d;
    if (!d && SHADOW_TAGS.has(block.tagName)) {
      try {
        const root = block.attachShadow({ mode: "closed" });
        styleRoot(root, CHIP_CSS);
        d = chipParts(block);
        root.append(d.chip, document.createElement("slot"));
        decorations.set(block, d);
        return d;
      } catch {
        /* the page gave it a shadow root already: fall back */
      }
    }
    d ??= chipParts(block);
    d.host = document.createElement("span");
    d.host.setAttribute(CHIP, "");
    const root = d.host.attachShadow({ mode: "closed" });
    styleRoot(root, HOST_CSS, CHIP_CSS);
    root.append(d.chip);
    block.insertBefore(d.host, block.firstChild);
    decorations.set(block, d);
    return d;
  }

  function hideChip(block) {
    const d = decorations.get(block);
    if (!d) return;
    if (d.host) d.host.remove();
    else d.chip.hidden = true;
  }

  function paintChip(d, rec) {
    const name = rec.label.replaceAll("_", " "); // labels.js displayName (this script cannot import it)
    d.label.textContent = name;
    d.action.textContent = rec.shown ? "hide" : "show";
    d.button.setAttribute("aria-pressed", String(rec.shown));
    d.button.setAttribute("aria-label", rec.shown ? `moderato: ${name}. Hide this message again` : `moderato hid a message: ${name}. Show it`);
    d.button.title = rec.shown ? "Hide again" : "Flagged by moderato on this device. Click to show";
  }

  function updateBadge() {
    if (flagged.size === lastBadge) return;
    lastBadge = flagged.size;
    try {
      api.runtime.sendMessage({ type: "badge", count: flagged.size })?.catch?.(() => {});
    } catch {
      /* orphaned script */
    }
  }

  // ---------------------------------------------------------------- watching the page

  function onMutations(list) {
    for (const m of list) {
      if (m.type === "characterData") {
        const t = m.target;
        if (t.parentElement && !t.parentElement.closest(SKIP_SELECTOR)) dirty.add(blockOf(t));
        continue;
      }
      // Our own chip going in or out is not news.
      for (const n of m.addedNodes) {
        if (n.nodeType === Node.ELEMENT_NODE && n.hasAttribute(CHIP)) continue;
        if (n.nodeType === Node.TEXT_NODE || n.nodeType === Node.ELEMENT_NODE) roots.push(n);
      }
      // Removing a child can change the text of a block that had some (an edited message). Only
      // those: a chat list dropping old messages as it scrolls costs nothing.
      if (m.removedNodes.length && m.target.nodeType === Node.ELEMENT_NODE && m.target.isConnected) {
        let only = true;
        for (const n of m.removedNodes) if (!(n.nodeType === Node.ELEMENT_NODE && n.hasAttribute(CHIP))) only = false;
        if (!only) {
          const block = blockOfElement(m.target);
          if (records.has(block)) dirty.add(block);
        }
      }
    }
    // Handle a small change right here, before the next paint; a big one continues in slices.
    if (roots.length || dirty.size) work();
  }

  /** Has the worker load wasm and build the classifier while this script walks the page (the
   *  first ~100 ms after the worker starts), instead of after the first batch is sent. */
  function warm() {
    ask({ type: "warm", settings }).catch(() => {});
  }

  function start() {
    if (enabled) return;
    enabled = true;
    warm();
    observer = new MutationObserver(onMutations);
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    initialDone = false;
    if (document.body) roots.push(document.body);
    schedule();
  }

  function stop() {
    enabled = false;
    observer?.disconnect();
    observer = null;
    roots = [];
    scan = null;
    dirty = new Set();
    outgoing = [];
    wanted = new WeakMap();
    for (const block of flagged) hideChip(block);
    for (const el of document.querySelectorAll(`[${STATE}]`)) el.removeAttribute(STATE);
    for (const el of document.querySelectorAll(`[${LABEL}]`)) el.removeAttribute(LABEL);
    for (const el of document.querySelectorAll(`[${CHIP}]`)) el.remove();
    records = new WeakMap();
    flagged = new Set();
    pendingNew = new Set();
    hiddenOnce = new WeakSet();
    unanswered = new Set();
    clearTimeout(recheckTimer);
    recheckTimer = 0;
    checked = 0;
    episodeStart = -1;
    gen++;
    updateBadge();
  }

  /** Settings changed: every block is checked again under the new ones. */
  function rescan() {
    gen++;
    warm();
    cache = new Map();
    roots = document.body ? [document.body] : [];
    scan = null;
    dirty = new Set();
    outgoing = [];
    schedule();
  }

  function applySiteSwitch(items) {
    const wasEnabled = enabled;
    const disabled = Array.isArray(items.disabledSites) && items.disabledSites.includes(host);
    if (disabled) {
      if (wasEnabled) stop();
      return;
    }
    if (!wasEnabled) start();
  }

  api.storage.onChanged.addListener((changes, area) => {
    if (area !== "local") return;
    if (changes.debugTimings) debug = changes.debugTimings.newValue === true;
    if (changes.settings) {
      settings = changes.settings.newValue ?? {};
      if (enabled) rescan();
    }
    if (changes.disabledSites) applySiteSwitch({ disabledSites: changes.disabledSites.newValue ?? [] });
  });

  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== api.runtime.id || message?.type !== "status") return false;
    const byLabel = {};
    for (const block of flagged) {
      if (!block.isConnected) {
        flagged.delete(block);
        continue;
      }
      const label = records.get(block)?.label;
      if (label) byLabel[label] = (byLabel[label] ?? 0) + 1;
    }
    sendResponse({ host, enabled, checked, flagged: flagged.size, byLabel, busy: episodeStart >= 0, unchecked: unanswered.size });
    return false;
  });

  api.storage.local.get(["settings", "disabledSites", "debugTimings"]).then((items) => {
    settings = items.settings ?? {};
    debug = items.debugTimings === true;
    applySiteSwitch(items);
  });
})();
