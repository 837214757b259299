/**
 * The trainable intent / topic classifier of nlp.js (its neural NLU), trained on the training
 * part of the Bitext customer-support utterances and scored on the held-out part.
 */
import { NlpManager } from "node-nlp";
import { classificationReport, type ClassificationReport } from "./metrics";
import type { IntentExample } from "./datasets";
import { isHeldOut } from "./split";

export async function evaluateIntents(
  examples: readonly IntentExample[],
  label: "intent" | "category",
): Promise<ClassificationReport & { classes: number; train: number }> {
  const manager = new NlpManager({ languages: ["en"], forceNER: false, nlu: { log: false }, autoSave: false });
  const train = examples.filter((e) => !isHeldOut(e.text));
  const test = examples.filter((e) => isHeldOut(e.text));
  for (const e of train) manager.addDocument("en", e.text, e[label]);
  await manager.train();
  const predicted: string[] = [];
  for (const e of test) predicted.push((await manager.process("en", e.text)).intent);
  return { ...classificationReport(test.map((e) => e[label]), predicted), classes: new Set(examples.map((e) => e[label])).size, train: train.length };
}
