/** Sentiment accuracy on labelled texts: binary (0/1) or three-class (negative/neutral/positive). */
import { SentimentScorer } from "../sentiment";
import { tokenize } from "../text/segment";
import { classificationReport, type ClassificationReport } from "./metrics";

/** Below this magnitude a score counts as neutral when the labels have a neutral class. */
export const NEUTRAL_BAND = 0.2;

export type LabelScheme = "binary" | "three";

const NAMES: Record<string, number> = {
  "0": 0, negative: 0, neg: 0, "-1": 0, "1": 2, positive: 2, pos: 2, neutral: 1, neu: 1,
};

/**
 * Normalises labels: 0/1 (binary) or negative/neutral/positive (also -1/0/1 when a neutral class
 * is present). Returns the scheme and the labels as 0 (neg) / 1 (neutral) / 2 (pos).
 */
export function normaliseLabels(raw: readonly string[]): { scheme: LabelScheme; labels: number[] } {
  const values = new Set(raw.map((r) => r.trim().toLowerCase()));
  const hasNeutral = [...values].some((v) => v === "neutral" || v === "neu") || (values.has("-1") && values.has("0"));
  const labels = raw.map((r) => {
    const v = r.trim().toLowerCase();
    if (hasNeutral && v === "0") return 1;
    if (hasNeutral && v === "1") return 2;
    const n = NAMES[v];
    if (n === undefined) throw new Error(`unknown sentiment label ${JSON.stringify(r)} (use 0/1 or negative/neutral/positive)`);
    return n;
  });
  return { scheme: hasNeutral ? "three" : "binary", labels };
}

export function predictLabel(score: number, scheme: LabelScheme): number {
  if (scheme === "three" && Math.abs(score) < NEUTRAL_BAND) return 1;
  return score > 0 ? 2 : 0;
}

export function evaluateSentiment(
  scorer: SentimentScorer,
  texts: readonly string[],
  rawLabels: readonly string[],
  lang: "zh" | "en",
): ClassificationReport & { scheme: LabelScheme } {
  const { scheme, labels } = normaliseLabels(rawLabels);
  const predicted = texts.map((t) => predictLabel(scorer.score(tokenize(t), lang === "zh"), scheme));
  return { ...classificationReport(labels, predicted), scheme };
}
