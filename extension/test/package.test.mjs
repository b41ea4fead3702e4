// The built extension, checked without a browser: private by construction (the narrowest
// permissions, a CSP that adds only 'wasm-unsafe-eval', no network or markup sinks anywhere in
// its code, no inline script), and the store zips hold exactly the unpacked folders.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "dist");
const SRC = join(ROOT, "extension/src");
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

const manifest = (dir) => JSON.parse(readFileSync(join(DIST, dir, "manifest.json"), "utf8"));
const files = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split("\\").join("/"))
    .sort();

/** The entries of a zip file, read from its central directory: name -> contents. */
function unzip(path) {
  const buf = readFileSync(path);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, `${path} is not a zip`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const packed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    assert.ok(method === 0 || method === 8, `${name}: compression method ${method}`);
    const data = buf.subarray(start, start + packed);
    out.set(name, method === 8 ? inflateRawSync(data) : data);
    assert.equal(out.get(name).length, size, `${name}: size`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

test("the manifest asks for storage only, and its CSP adds only 'wasm-unsafe-eval'", () => {
  const m = manifest("extension");
  const version = JSON.parse(readFileSync(join(ROOT, "pkg/package.json"), "utf8")).version;
  assert.equal(m.manifest_version, 3);
  assert.equal(m.version, version, "the extension has moderato's version");
  assert.deepEqual(m.permissions, ["storage"]);
  for (const key of ["host_permissions", "optional_permissions", "optional_host_permissions", "web_accessible_resources", "externally_connectable", "update_url", "key"]) {
    assert.equal(m[key], undefined, `no ${key}`);
  }
  assert.deepEqual(m.content_security_policy, { extension_pages: CSP });
  assert.deepEqual(m.background, { service_worker: "background.js", type: "module" });
  assert.deepEqual(m.content_scripts, [{ matches: ["<all_urls>"], js: ["content.js"], css: ["content.css"], run_at: "document_idle" }]);
  // Every file the manifest names is there.
  const named = [m.background.service_worker, ...m.content_scripts.flatMap((c) => [...c.js, ...c.css]), m.action.default_popup, m.options_ui.page, ...Object.values(m.icons)];
  for (const f of named) assert.ok(files(join(DIST, "extension")).includes(f), `${f} is in the package`);
});

test("the Firefox variant differs only where Firefox needs it", () => {
  const chromium = manifest("extension");
  const firefox = manifest("extension-firefox");
  assert.deepEqual(firefox.background, { scripts: ["background.js"], type: "module" });
  assert.match(firefox.browser_specific_settings.gecko.id, /@/);
  const strip = ({ background, browser_specific_settings, minimum_chrome_version, ...rest }) => rest;
  assert.deepEqual(strip(firefox), strip(chromium));
  assert.deepEqual(files(join(DIST, "extension-firefox")), files(join(DIST, "extension")));
});

test("no network, remote code or markup sinks in the extension's own code", () => {
  const forbidden = [
    [/\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|createContextualFragment|document\.write|DOMParser|srcdoc/, "markup from strings"],
    [/\beval\s*\(|new\s+Function\b|setTimeout\s*\(\s*["'`]|setInterval\s*\(\s*["'`]|importScripts/, "code from strings"],
    [/\bfetch\s*\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|RTCPeerConnection|navigator\.connect/, "network access"],
    [/https?:\/\//, "a remote URL"],
    [/storage\.sync/, "synced storage (settings stay on this device)"],
  ];
  for (const f of files(SRC)) {
    const text = readFileSync(join(SRC, f), "utf8");
    for (const [re, what] of forbidden) assert.doesNotMatch(text, re, `${f}: ${what}`);
    if (f.endsWith(".html")) {
      assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/, `${f}: inline script`);
      assert.doesNotMatch(text, /\son[a-z]+\s*=/i, `${f}: inline event handler`);
    }
  }
});

test("the zips hold exactly the unpacked folders", () => {
  for (const [zip, dir] of [["moderato-extension.zip", "extension"], ["moderato-extension-firefox.zip", "extension-firefox"]]) {
    const entries = unzip(join(DIST, zip));
    const want = files(join(DIST, dir));
    assert.deepEqual([...entries.keys()].sort(), want, zip);
    for (const f of want) assert.ok(entries.get(f).equals(readFileSync(join(DIST, dir, f))), `${zip}: ${f} differs`);
    // A store wants manifest.json at the top of the zip, not inside a folder.
    assert.ok(entries.has("manifest.json"));
  }
});

test("the source tree holds no generated files", () => {
  const src = files(SRC);
  assert.ok(!src.some((f) => f.startsWith("moderato/") || f.endsWith(".wasm") || f === "manifest.json"), relative(ROOT, SRC));
});
