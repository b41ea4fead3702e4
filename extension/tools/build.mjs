// Assembles the unpacked extension from extension/src and the npm package in pkg/:
//   dist/extension/          Chromium (Manifest V3, service worker)
//   dist/extension-firefox/  Firefox (the same files; background as a module event page)
// Zipping is scripts/build-extension.sh's job. Usage: node extension/tools/build.mjs
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { iconPng } from "./icons.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SRC = join(ROOT, "extension/src");
const PKG = join(ROOT, "pkg");
const DIST = join(ROOT, "dist");

// Only the browser build of moderato (the glue, the module and the snippets the glue imports): the
// Node entry and Worker helper are not needed here.
const FROM_PKG = ["moderato.js", "moderato_bg.wasm", "snippets"];
for (const f of FROM_PKG) {
  if (!existsSync(join(PKG, f))) {
    console.error(`build-extension: pkg/${f} is missing: run scripts/build-pkg.sh first`);
    process.exit(1);
  }
}
const version = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")).version;
const manifest = JSON.parse(readFileSync(join(ROOT, "extension/manifest.json"), "utf8"));
manifest.version = version;

// Firefox: no extension service workers; a module background script plays the same part. An id is
// needed for storage to work in a temporarily loaded add-on.
const firefox = structuredClone(manifest);
delete firefox.minimum_chrome_version;
firefox.background = { scripts: ["background.js"], type: "module" };
firefox.browser_specific_settings = { gecko: { id: "moderato@moderato.invalid", strict_min_version: "128.0", data_collection_permissions: { required: ["none"] } } };

function assemble(dir, m) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "moderato"), { recursive: true });
  cpSync(SRC, dir, { recursive: true });
  for (const f of FROM_PKG) cpSync(join(PKG, f), join(dir, "moderato", f), { recursive: true });
  mkdirSync(join(dir, "icons"), { recursive: true });
  for (const size of [16, 32, 48, 128]) writeFileSync(join(dir, "icons", `${size}.png`), iconPng(size));
  writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(m, null, 2)}\n`);
}

assemble(join(DIST, "extension"), manifest);
assemble(join(DIST, "extension-firefox"), firefox);
console.log(`build-extension: dist/extension and dist/extension-firefox (moderato ${version})`);
