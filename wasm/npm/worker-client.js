// The main-thread side of `moderato/worker`: the same calls as Classifier, answered by a Web
// Worker (worker.js) as promises, so a page stays responsive while a large batch is classified.

const ERRORS = { TypeError, RangeError, Error };

/** Rebuilds an error sent by the worker with its original class and message. */
function revive({ name, message }) {
  const Ctor = ERRORS[name] ?? Error;
  return new Ctor(message);
}

class WorkerClassifier {
  #worker;
  #pending = new Map();
  #nextId = 1;
  #failure = null;

  constructor(worker) {
    this.#worker = worker;
    worker.addEventListener("message", (event) => {
      const { id, ok, result, error } = event.data ?? {};
      const call = this.#pending.get(id);
      if (!call) return;
      this.#pending.delete(id);
      if (ok) call.resolve(result);
      else call.reject(revive(error));
    });
    // A worker that fails to load (bad URL, CSP) rejects everything, now and later.
    worker.addEventListener("error", (event) => {
      event.preventDefault?.();
      this.#fail(new Error(`moderato: the worker failed: ${event.message || "could not be loaded"}`));
    });
    worker.addEventListener("messageerror", () => this.#fail(new Error("moderato: a worker reply could not be read")));
  }

  #fail(error) {
    this.#failure ??= error;
    for (const call of this.#pending.values()) call.reject(error);
    this.#pending.clear();
  }

  #call(type, payload) {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        this.#worker.postMessage({ id, type, payload });
      } catch (err) {
        // Not cloneable (a function, a Proxy): the worker never sees the request.
        this.#pending.delete(id);
        reject(new TypeError(`moderato: ${type}: the argument cannot be sent to the worker (${err?.message ?? err})`));
      }
    });
  }

  /** Replaces the classifier with one built from `options`; on error the old one stays. */
  async configure(options) {
    await this.#call("configure", options);
  }

  /** Classifies one message in the worker. */
  classify(text) {
    return this.#call("classify", text);
  }

  /** Classifies many messages in the worker, in one round trip. */
  classifyBatch(texts) {
    return this.#call("classifyBatch", texts);
  }

  /** Stops the worker; pending and later calls reject. */
  terminate() {
    this.#worker.terminate();
    this.#fail(new Error("moderato: the worker classifier was terminated"));
  }
}

/**
 * Starts a worker, builds a classifier in it from `options` and resolves once it is ready (or
 * rejects with the same error `new Classifier(options)` would throw).
 */
export async function createWorkerClassifier(options, init = {}) {
  const worker = init.worker ?? new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const client = new WorkerClassifier(worker);
  try {
    await client.configure(options);
  } catch (err) {
    client.terminate();
    throw err;
  }
  return client;
}
