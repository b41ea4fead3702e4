// The Web Worker side of `moderato/worker`: owns one Classifier and answers requests from
// worker-client.js, so that classifying never blocks the page's main thread. Requests are handled
// strictly in the order they arrive (one queue), and every failure is sent back as an error
// reply instead of killing the worker.
import init, { Classifier } from "./moderato.js";

let classifier = null;
let queue = Promise.resolve();
// Loads moderato_bg.wasm next to this file (bundlers rewrite that URL).
const ready = init();
// Reported with each request instead (see handle); not an unhandled rejection.
ready.catch(() => {});

function configured() {
  if (!classifier) throw new Error("moderato worker: send a configure request first");
  return classifier;
}

async function handle(type, payload) {
  await ready;
  switch (type) {
    case "configure": {
      // Build first: on bad options the previous classifier stays in service.
      const next = new Classifier(payload);
      classifier?.free();
      classifier = next;
      return { policy: next.policy, thresholds: next.thresholds };
    }
    case "classify":
      return configured().classify(payload);
    case "classifyBatch":
      return configured().classifyBatch(payload);
    default:
      throw new Error(`moderato worker: unknown request type ${JSON.stringify(type)}`);
  }
}

self.addEventListener("message", (event) => {
  const { id, type, payload } = event.data ?? {};
  queue = queue.then(async () => {
    try {
      self.postMessage({ id, ok: true, result: await handle(type, payload) });
    } catch (err) {
      const error = err instanceof Error ? { name: err.name, message: err.message } : { name: "Error", message: String(err) };
      self.postMessage({ id, ok: false, error });
    }
  });
});
