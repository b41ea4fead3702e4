// Entry point for Node.js (the "node" export condition). The web build fetches its .wasm over
// HTTP, which Node cannot do for a file: URL, so the same .wasm is read from disk and compiled
// synchronously here: `import { Classifier } from "moderato"` is ready to use at once, and the
// default export (init) resolves immediately, so code written for the browser runs unchanged.
import { readFileSync } from "node:fs";
import init, { initSync } from "./moderato.js";

initSync({ module: readFileSync(new URL("./moderato_bg.wasm", import.meta.url)) });

export * from "./moderato.js";
export default init;
