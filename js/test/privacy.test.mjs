// Privacy: no message text leaves the machine, and no message text is ever parsed as HTML.
//
// Static checks over every script a user's browser runs: the demo page (www/), the npm package's
// hand-written files (wasm/npm/) and its generated glue (pkg/), and the browser extension
// (extension/src/, when it is in the tree): no HTML sinks at all (innerHTML, outerHTML,
// insertAdjacentHTML, document.write, DOMParser, createContextualFragment, srcdoc, setHTMLUnsafe),
// no way to send data (fetch, XMLHttpRequest, WebSocket, EventSource, sendBeacon, WebRTC,
// WebTransport, importScripts, remote URLs), except the glue's one fetch of its own .wasm; the
// pages' and the extension's Content-Security-Policy and permissions leave no way out either.
//
// Runtime check on the demo, in headless Chromium (js/test/demo.test.mjs already checks that the
// chat never renders markup and that nothing is requested off the page's origin): after the page
// is ready, typing and pasting messages (a unique marker in each, and an `<img onerror>` payload)
// in the chat and in the "paste many" table, on the main thread and in the Web Worker, makes no
// request but the worker's own script and module files, none carries the marker or a body, and
// no markup from a message ever reaches the DOM. The extension's own end-to-end test
// (extension/test/e2e.test.mjs) checks that it makes no request off the machine.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { openDemo } from "../lib/browser.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Every .js/.mjs file under `dir` (recursively), skipping node_modules. */
function scripts(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === "node_modules") continue;
    if (statSync(path).isDirectory()) out.push(...scripts(path));
    else if (/\.m?js$/.test(name)) out.push(path);
  }
  return out;
}

/** Source without comments (block and line comments; string contents are kept). */
function code(path) {
  return readFileSync(path, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:\\])\/\/.*$/gm, "$1");
}

const HTML_SINKS = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write(ln)?|DOMParser|parseFromString|createContextualFragment|srcdoc|setHTMLUnsafe|parseHTMLUnsafe)\b/;
const NETWORK = /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|RTCPeerConnection|WebTransport|importScripts)\b|https?:\/\//;

/** The scripts a user's browser runs, by where they come from. */
function shippedScripts() {
  const files = [
    ...scripts(join(ROOT, "www")),
    ...scripts(join(ROOT, "wasm/npm")).filter((f) => !f.endsWith("finish.mjs")), // build tool, never shipped
    ...scripts(join(ROOT, "extension/src")),
  ];
  return files;
}

test("no shipped script writes anything as HTML", () => {
  const files = [...shippedScripts(), join(ROOT, "pkg/moderato.js")];
  assert.ok(files.some((f) => f.includes("/www/")), "www/ scripts were found");
  for (const file of files) {
    const lines = code(file).split("\n");
    lines.forEach((line, i) => {
      assert.doesNotMatch(line, HTML_SINKS, `${relative(ROOT, file)}:${i + 1}: an HTML sink`);
    });
  }
});

test("no shipped script can send data anywhere; the glue only fetches its own .wasm", () => {
  for (const file of shippedScripts()) {
    code(file)
      .split("\n")
      .forEach((line, i) => {
        assert.doesNotMatch(line, NETWORK, `${relative(ROOT, file)}:${i + 1}: a network API or remote URL`);
      });
  }
  // wasm-bindgen's glue: `init()` fetches the module's .wasm (a URL next to the glue, or one the
  // caller passes); nothing else.
  const glue = code(join(ROOT, "pkg/moderato.js"));
  const uses = glue.split("\n").filter((l) => NETWORK.test(l));
  assert.ok(uses.length >= 1, "the glue's .wasm fetch was not found (the check is stale)");
  for (const line of uses) {
    const allowed = [
      /^(module_or_path = )?fetch\(module_or_path\);?$/, // init(): fetch the .wasm URL
      /^throw new Error\(`failed to fetch Wasm: /, // its error message
    ];
    assert.ok(allowed.some((re) => re.test(line.trim())), `pkg/moderato.js: ${line.trim()}`);
  }
});

test("the demo's Content-Security-Policy allows no other origin", () => {
  const html = readFileSync(join(ROOT, "www/index.html"), "utf8");
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];
  assert.ok(csp, "www/index.html has a CSP meta tag");
  const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives["default-src"], ["'self'"]);
  assert.deepEqual(directives["connect-src"], ["'self'"]);
  assert.deepEqual(directives["form-action"], ["'none'"]);
  for (const [name, values] of Object.entries(directives)) {
    for (const v of values) assert.doesNotMatch(v, /^(https?:|\*|wss?:)/, `${name} ${v}`);
  }
  assert.doesNotMatch(html, /<(script|link|img|iframe)[^>]+(src|href)="(https?:)?\/\//, "no resource from another origin");
});

test("the extension, if present, asks for no network access", { skip: !existsSync(join(ROOT, "extension/manifest.json")) && "no extension/ in this tree" }, () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, "extension/manifest.json"), "utf8"));
  const network = ["webRequest", "webRequestBlocking", "declarativeNetRequest", "declarativeNetRequestWithHostAccess", "proxy", "dns", "cookies"];
  for (const p of manifest.permissions ?? []) assert.ok(!network.includes(p), `permission ${p}`);
  assert.deepEqual(manifest.host_permissions ?? [], [], "host permissions would allow cross-origin requests from the extension");
  const csp = manifest.content_security_policy?.extension_pages ?? "";
  assert.doesNotMatch(csp, /https?:|\*|wss?:/, `extension CSP: ${csp}`);
  assert.ok(manifest.externally_connectable === undefined, "no page or extension may connect to it");
});

// ------------------------------------------------------------------------------------------------
// Runtime: the demo page
// ------------------------------------------------------------------------------------------------

let demo;
let server;
let page;
let guard;
let errors;

before(async () => {
  demo = await openDemo();
  ({ server, page, guard, errors } = demo);
});

after(() => demo?.close());

test("the demo sends nothing while messages are typed and pasted, and renders none as HTML", async () => {
  const marker = `zq${Date.now().toString(36)}x`;
  const payload = `<img src=x onerror="window.__pwned='${marker}'"><script>window.__pwned=1</script><b>${marker}</b> you idiot I will kill you`;
  const ready = guard.requests.length;
  const bodies = [];
  page.on("request", (r) => {
    if (r.postData()) bodies.push(`${r.method()} ${r.url()}`);
  });

  // The chat.
  await page.locator("#input").fill(payload);
  await page.keyboard.press("Enter");
  await page.locator("#messages > li").last().waitFor();
  // The "paste many" table, in the worker and on the main thread.
  await page.fill("#batch-input", [payload, `${marker} ты дурак`, `<svg onload="window.__pwned=2">`].join("\n"));
  for (const inWorker of [true, false]) {
    await page.setChecked("#batch-worker", inWorker);
    await page.evaluate(() => delete document.getElementById("batch-stats").dataset.count);
    await page.click("#batch-run");
    await page.waitForSelector("#batch-stats[data-count]", { timeout: 30_000 });
  }
  // Changing the settings re-judges everything (new classifiers, in both places).
  await page.selectOption("#policy", "strict");

  // Shown as text, everywhere.
  assert.equal(await page.locator("#messages li .text").last().textContent(), payload);
  assert.equal(await page.locator("#batch-results tbody tr").first().locator("td.text").textContent(), payload);
  assert.equal(await page.locator("main img, main script, main svg, main b").count(), 0, "markup from a message reached the DOM");
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  // Requests after the page was ready: only the worker's own files, from the page's origin.
  const later = guard.requests.slice(ready);
  assert.ok(later.some((u) => u.endsWith("/pkg/worker.js")), "the worker's start was not seen (is the guard watching?)");
  for (const url of later) {
    const u = new URL(url);
    assert.equal(u.origin, server.origin, url);
    // The worker's own copy of the glue, its module, and the snippet modules the glue imports.
    const own = ["/pkg/worker.js", "/pkg/moderato.js", "/pkg/moderato_bg.wasm"].includes(u.pathname) || /^\/pkg\/snippets\/[\w-]+\/js\/[\w-]+\.js$/.test(u.pathname);
    assert.ok(own, `unexpected request ${url}`);
    assert.equal(u.search, "", url);
    assert.ok(!decodeURIComponent(url).includes(marker), `a request carries message text: ${url}`);
  }
  assert.deepEqual(bodies, [], "requests with a body");
  assert.deepEqual(guard.offOrigin, []);
  assert.deepEqual(errors, []);
});
