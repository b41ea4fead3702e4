// Last step of scripts/build-pkg.sh: writes pkg/package.json from the template with the version
// of the root Cargo.toml, and tightens the generated declarations. wasm-bindgen types the raw
// wasm exports that take a JS value as `any`; they are `unknown` in truth, and the package
// promises types without `any`, so they are rewritten and the result is checked. The
// `[Symbol.dispose]()` member is dropped from the declarations (it stays at run time): it needs
// TypeScript's esnext.disposable lib and would break strict builds on the common ES2022 lib.
import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { join, relative } from "node:path";

const [pkgDir, version] = process.argv.slice(2);
if (!pkgDir || !/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version ?? "")) {
  console.error("usage: node finish.mjs PKG_DIR VERSION");
  process.exit(2);
}

const template = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8"));
template.version = version;
// The JavaScript modules the Rust side imports (wasm/js/), which wasm-bindgen copies to
// snippets/<crate>-<hash>/ and moderato.js imports from there: listed one by one, so the
// package holds exactly the files it uses.
const snippets = join(pkgDir, "snippets");
if (existsSync(snippets)) {
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  template.files.push(...walk(snippets).map((f) => relative(pkgDir, f).split("\\").join("/")).sort());
}
writeFileSync(join(pkgDir, "package.json"), JSON.stringify(template, null, 2) + "\n");

const bad = [];
for (const name of readdirSync(pkgDir).filter((f) => f.endsWith(".d.ts"))) {
  const path = join(pkgDir, name);
  const text = readFileSync(path, "utf8")
    .replace(/\b(\w+): any\b/g, "$1: unknown")
    .replace(/^\s*\[Symbol\.dispose\]\(\): void;\n/gm, "");
  writeFileSync(path, text);
  text.split("\n").forEach((line, i) => {
    // Prose in comments may say "any"; code may not.
    const code = line.replace(/\/\/.*$/, "").replace(/^\s*\*.*$/, "");
    if (/\bany\b/.test(code)) bad.push(`${name}:${i + 1}: ${line.trim()}`);
  });
}
if (bad.length) {
  console.error(`build-pkg: \`any\` left in the declarations:\n${bad.join("\n")}`);
  process.exit(1);
}
for (const file of template.files) {
  try {
    readFileSync(join(pkgDir, file));
  } catch {
    console.error(`build-pkg: package.json lists ${file}, which the build did not produce`);
    process.exit(1);
  }
}
