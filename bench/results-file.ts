import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Prints a benchmark's figures and writes them to bench/results/<name>.json for run-to-run comparison. */
export function reportBenchmark(name: string, figures: Record<string, unknown>): void {
  const record = { benchmark: name, at: new Date().toISOString(), ...figures };
  const file = path.resolve("bench", "results", `${name}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(record, null, 2) + "\n");
  console.log(JSON.stringify(record, null, 2));
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}
