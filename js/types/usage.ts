// Type-checked (tsc --noEmit, strict) against the INSTALLED package by test/pack.test.mjs: the
// declarations must describe the real options and results, and reject wrong ones.
import init, { Classifier } from "moderato";
import type { ClassifierOptions, DenyTerm, Label, Language, Policy, Span, Verdict } from "moderato";
import { createWorkerClassifier } from "moderato/worker";
import type { WorkerClassifier } from "moderato/worker";

export async function usage(): Promise<void> {
  await init();

  const options: ClassifierOptions = {
    policy: "strict",
    thresholds: { threat: 0.4, insult: 0.7 },
    denyTerms: [{ term: "blorf", label: "insult" }],
    allowTerms: ["Assassin's Creed"],
  };
  const classifier = new Classifier(options);
  new Classifier();
  new Classifier({});

  const verdict: Verdict = classifier.classify("I will kill you");
  const flagged: boolean = verdict.flagged;
  const labels: Label[] = verdict.labels;
  const threat: number = verdict.scores.threat;
  const severe: number = verdict.scores["severe_toxicity"];
  const language: Language = verdict.language;
  const first: Span | undefined = verdict.spans[0];
  if (first) {
    const start: number = first.start;
    const label: Label = first.label;
    const term: string = first.term;
    void [start, label, term];
  }
  const batch: Verdict[] = classifier.classifyBatch(["a", "b"] as const);
  const policy: Policy = classifier.policy;
  const thresholds: Record<Label, number> = classifier.thresholds;
  const all: Label[] = Classifier.labels;
  const policies: Policy[] = Classifier.policies;
  const version: string = Classifier.version;
  const deny: DenyTerm = { term: "x", label: "threat" };
  void [flagged, labels, threat, severe, language, batch, policy, thresholds, all, policies, version, deny];
  classifier.free();

  const remote: WorkerClassifier = await createWorkerClassifier({ policy: "minimal" });
  const v2: Verdict = await remote.classify("text");
  const vs: Verdict[] = await remote.classifyBatch(["a"]);
  await remote.configure({ thresholds: { extremism: 0.9 } });
  remote.terminate();
  void [v2, vs];
}

export function mistakes(): void {
  // Each line below must be a type error; tsc fails if one is not (unused @ts-expect-error).
  // @ts-expect-error misspelt option
  new Classifier({ polcy: "strict" });
  // @ts-expect-error unknown policy
  new Classifier({ policy: "lenient" });
  // @ts-expect-error threshold as a string
  new Classifier({ thresholds: { threat: "0.5" } });
  // @ts-expect-error unknown label
  new Classifier({ thresholds: { hate: 0.5 } });
  // @ts-expect-error deny term without a label
  new Classifier({ denyTerms: [{ term: "x" }] });
  const c = new Classifier();
  // @ts-expect-error classify takes a string
  c.classify(42);
  // @ts-expect-error classifyBatch takes strings
  c.classifyBatch([1, 2]);
  // @ts-expect-error no such label in scores
  c.classify("x").scores.hate;
  // @ts-expect-error flagged is a boolean, not a string
  const s: string = c.classify("x").flagged;
  // @ts-expect-error the policy getter is read-only
  c.policy = "strict";
  void s;
}
