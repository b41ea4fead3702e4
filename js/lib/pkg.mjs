// The built npm package (pkg/, from scripts/build-pkg.sh) as the Node tests load it.
import { existsSync } from "node:fs";

export const PKG = new URL("../../pkg/", import.meta.url);

/** The package's Node entry; a clear error when pkg/ has not been built. */
export async function importPkg() {
  if (!existsSync(new URL("package.json", PKG))) {
    throw new Error("pkg/ is not built: run scripts/build-pkg.sh first");
  }
  return import(new URL("node.js", PKG));
}
