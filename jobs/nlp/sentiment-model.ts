/**
 * Sentiment classifiers trained by jobs/nlp/train/train-sentiment.ts: a binarised multinomial
 * naive Bayes stored as one log-likelihood ratio per feature (positive = positive sentiment).
 * The class prior is left out when scoring so that a text without known features is neutral.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_MODEL_DIR } from "./config";
import { isNegation, NEGATION_SPAN } from "./sentiment-features";

const BIGRAM_BASE = 2 ** 21;

export const sentimentModelSchema = z.object({
  kind: z.literal("naive-bayes-llr"),
  lang: z.enum(["zh", "en"]),
  trainedOn: z.array(z.string()),
  trainSize: z.number().int(),
  seed: z.number().int(),
  /** Log-odds are divided by this before tanh, so the −1…1 score is not saturated by long texts. */
  scale: z.number().positive(),
  features: z.record(z.string(), z.number()),
});
export type SentimentModelFile = z.infer<typeof sentimentModelSchema>;

/**
 * Weights indexed by token ids, so that scoring an utterance hashes each token once and never
 * builds bigram strings (this is the hottest loop of the tagging job). Equivalent to looking the
 * feature strings of sentimentFeatures() up in the file's table.
 */
export class SentimentModel {
  private readonly ids = new Map<string, number>();
  private readonly plain: number[] = [];
  private readonly negated: number[] = [];
  private readonly bigrams = new Map<number, number>();

  constructor(readonly file: SentimentModelFile) {
    const id = (token: string): number => {
      let i = this.ids.get(token);
      if (i === undefined) {
        i = this.ids.size;
        this.ids.set(token, i);
        this.plain.push(NaN);
        this.negated.push(NaN);
      }
      return i;
    };
    for (const [feature, weight] of Object.entries(file.features)) {
      const us = feature.indexOf("_", 1);
      if (feature.startsWith("!") && feature.length > 1) this.negated[id(feature.slice(1))] = weight;
      else if (us > 0 && us < feature.length - 1) this.bigrams.set(id(feature.slice(0, us)) * BIGRAM_BASE + id(feature.slice(us + 1)), weight);
      else this.plain[id(feature)] = weight;
    }
  }

  /** Sum of the log-likelihood ratios of the text's distinct features, and how many were known. */
  logOdds(tokens: readonly string[]): { logOdds: number; known: number } {
    let sum = 0;
    let known = 0;
    let negatedFor = 0;
    let prev = -1;
    const seen: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const id = this.ids.get(t) ?? -1;
      if (id >= 0) {
        const neg = negatedFor > 0;
        const key = neg ? -1 - id : id;
        const w = neg ? this.negated[id]! : this.plain[id]!;
        if (!Number.isNaN(w) && !seen.includes(key)) {
          seen.push(key);
          sum += w;
          known++;
        }
        if (prev >= 0) {
          const bkey = prev * BIGRAM_BASE + id;
          const bw = this.bigrams.get(bkey);
          if (bw !== undefined && !seen.includes(-bkey - 1e15)) {
            seen.push(-bkey - 1e15);
            sum += bw;
            known++;
          }
        }
      }
      prev = id;
      if (isNegation(t)) negatedFor = NEGATION_SPAN;
      else if (negatedFor > 0) negatedFor--;
    }
    return { logOdds: sum, known };
  }
}

const cache = new Map<string, SentimentModel>();

export function loadSentimentModel(lang: "zh" | "en", modelDir = DEFAULT_MODEL_DIR): SentimentModel {
  const file = path.join(modelDir, `sentiment-${lang}.json`);
  let model = cache.get(file);
  if (!model) {
    const parsed = sentimentModelSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file}: not a sentiment model (${parsed.error.issues[0]?.message})`);
    model = new SentimentModel(parsed.data);
    cache.set(file, model);
  }
  return model;
}
