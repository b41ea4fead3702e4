import type { ClassifierOptions, Verdict } from "./moderato.js";

/** A classifier that runs in a Web Worker: the same calls as `Classifier`, as promises. */
export interface WorkerClassifier {
  /** Replaces the classifier with one built from `options`; on error the old one stays. */
  configure(options?: ClassifierOptions): Promise<void>;
  /** Classifies one message in the worker. */
  classify(text: string): Promise<Verdict>;
  /** Classifies many messages in the worker, in one round trip. */
  classifyBatch(texts: readonly string[]): Promise<Verdict[]>;
  /** Stops the worker; pending and later calls reject. */
  terminate(): void;
}

export interface WorkerClassifierInit {
  /** A worker running `moderato/worker.js`, if you start it yourself (default: one is started). */
  worker?: Worker;
}

/**
 * Starts a worker, builds a classifier in it from `options` and resolves once it is ready, or
 * rejects with the same error `new Classifier(options)` would throw.
 */
export function createWorkerClassifier(options?: ClassifierOptions, init?: WorkerClassifierInit): Promise<WorkerClassifier>;
