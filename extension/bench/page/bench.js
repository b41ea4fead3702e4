// The benchmark page's own code (allowed by its strict CSP as a same-origin script): appends
// messages as a chat app does and watches what moderato does to them, from the page's side.
"use strict";
(() => {
  function append(list) {
    const log = document.getElementById("log");
    const frag = document.createDocumentFragment();
    for (const { who, text } of list) {
      const msg = document.createElement("div");
      msg.className = "msg";
      const name = document.createElement("span");
      name.className = "who";
      name.textContent = who;
      const body = document.createElement("div");
      body.className = "text";
      body.textContent = text;
      msg.append(name, body);
      frag.append(msg);
    }
    log.append(frag);
  }

  const blurred = () => document.querySelectorAll('[data-moderato-state="blur"]').length;

  /** Resolves with performance.now() when `count` messages are blurred (checked on each mark). */
  function whenBlurred(count, timeoutMs = 30000) {
    return new Promise((resolve, reject) => {
      if (blurred() >= count) return resolve(performance.now());
      let seen = blurred();
      const obs = new MutationObserver((records) => {
        for (const r of records) {
          if (r.target.getAttribute("data-moderato-state") === "blur" && r.oldValue !== "blur") seen++;
        }
        if (seen >= count) {
          obs.disconnect();
          resolve(performance.now());
        }
      });
      obs.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-moderato-state"], attributeOldValue: true });
      setTimeout(() => {
        obs.disconnect();
        reject(new Error(`only ${blurred()} of ${count} blurred after ${timeoutMs} ms`));
      }, timeoutMs);
    });
  }

  window.bench = { append, blurred, whenBlurred };
})();
