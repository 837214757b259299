/**
 * Sentiment classifiers trained by jobs/nlp/train/train-sentiment.ts: a binarised multinomial
 * naive Bayes stored as one log-likelihood ratio per feature (positive = positive sentiment).
 * The class prior is left out when scoring so that a text without known features is neutral.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_MODEL_DIR } from "./config";
import { NEGATION_SPAN, NEGATION_WORDS } from "./sentiment-features";

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
 * Bigram (first id, second id) → its index, in an open-addressing table of typed arrays: a Map
 * with numeric keys made bigram lookups a fifth of the scoring time.
 */
class BigramTable {
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  private readonly index: Int32Array;
  private readonly mask: number;

  constructor(pairs: readonly (readonly [number, number])[]) {
    const size = 2 ** Math.ceil(Math.log2(Math.max(4, pairs.length * 2)));
    this.mask = size - 1;
    this.first = new Int32Array(size).fill(-1);
    this.second = new Int32Array(size);
    this.index = new Int32Array(size);
    pairs.forEach(([a, b], i) => {
      let h = this.slot(a, b);
      while (this.first[h] !== -1) h = (h + 1) & this.mask;
      this.first[h] = a;
      this.second[h] = b;
      this.index[h] = i;
    });
  }

  private slot(a: number, b: number): number {
    return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & this.mask;
  }

  /** The pair's index, or −1. */
  indexOf(a: number, b: number): number {
    for (let h = this.slot(a, b); ; h = (h + 1) & this.mask) {
      const f = this.first[h]!;
      if (f === -1) return -1;
      if (f === a && this.second[h] === b) return this.index[h]!;
    }
  }
}

/**
 * Weights indexed by token ids, so that scoring an utterance hashes each token once and never
 * builds bigram strings (this is the hottest loop of the tagging job). Equivalent to looking the
 * feature strings of sentimentFeatures() up in the file's table.
 *
 * `extraWords` (the lexicon's cues, say) get ids too, so one lookup per token serves the caller's
 * own tables as well: see `fillIds` and `size`.
 */
export class SentimentModel {
  private readonly ids = new Map<string, number>();
  private readonly plain: Float64Array;
  private readonly negated: Float64Array;
  private readonly negation: Uint8Array;
  private readonly bigrams: BigramTable;
  private readonly bigramWeight: Float64Array;
  /** Ids below this are the file's tokens; only they can start or end a bigram. */
  private readonly featureTokens: number;
  // Which features the current text has counted, by call number: no per-call set to build or clear.
  private readonly seenPlain: Int32Array;
  private readonly seenNegated: Int32Array;
  private readonly seenBigram: Int32Array;
  private call = 0;

  constructor(
    readonly file: SentimentModelFile,
    extraWords: Iterable<string> = [],
  ) {
    const intern = (token: string): number => {
      let i = this.ids.get(token);
      if (i === undefined) {
        i = this.ids.size;
        this.ids.set(token, i);
      }
      return i;
    };
    type Parsed = { kind: "plain" | "negated"; id: number; weight: number } | { kind: "bigram"; first: number; second: number; weight: number };
    const parsed: Parsed[] = [];
    for (const [feature, weight] of Object.entries(file.features)) {
      const us = feature.indexOf("_", 1);
      if (feature.startsWith("!") && feature.length > 1) parsed.push({ kind: "negated", id: intern(feature.slice(1)), weight });
      else if (us > 0 && us < feature.length - 1) parsed.push({ kind: "bigram", first: intern(feature.slice(0, us)), second: intern(feature.slice(us + 1)), weight });
      else parsed.push({ kind: "plain", id: intern(feature), weight });
    }
    this.featureTokens = this.ids.size;
    for (const word of [...NEGATION_WORDS, ...extraWords]) intern(word);
    const n = this.ids.size;
    this.plain = new Float64Array(n).fill(NaN);
    this.negated = new Float64Array(n).fill(NaN);
    this.negation = new Uint8Array(n);
    for (const word of NEGATION_WORDS) this.negation[this.ids.get(word)!] = 1;
    const bigramWeights: number[] = [];
    const pairs: [number, number][] = [];
    for (const f of parsed) {
      if (f.kind === "bigram") {
        pairs.push([f.first, f.second]);
        bigramWeights.push(f.weight);
      } else (f.kind === "plain" ? this.plain : this.negated)[f.id] = f.weight;
    }
    this.bigrams = new BigramTable(pairs);
    this.bigramWeight = Float64Array.from(bigramWeights);
    this.seenPlain = new Int32Array(n);
    this.seenNegated = new Int32Array(n);
    this.seenBigram = new Int32Array(bigramWeights.length);
  }

  /** How many token ids there are (the file's tokens, negation words and the extra words). */
  get size(): number {
    return this.ids.size;
  }

  /** The id of a token, or −1 when neither the model nor the extra words know it. */
  idOf(token: string): number {
    return this.ids.get(token) ?? -1;
  }

  /** Writes the tokens' ids to `out` (at least as long as `tokens`). */
  fillIds(tokens: readonly string[], out: Int32Array): void {
    for (let i = 0; i < tokens.length; i++) out[i] = this.ids.get(tokens[i]!) ?? -1;
  }

  /** Sum of the log-likelihood ratios of the distinct features of `ids[from…to)`, and how many were known. */
  logOdds(ids: Int32Array, from = 0, to = ids.length): { logOdds: number; known: number } {
    if (++this.call === 2 ** 31 - 1) {
      this.call = 1;
      this.seenPlain.fill(0);
      this.seenNegated.fill(0);
      this.seenBigram.fill(0);
    }
    const call = this.call;
    let sum = 0;
    let known = 0;
    let negatedFor = 0;
    let prev = -1;
    for (let i = from; i < to; i++) {
      const id = ids[i]!;
      if (id >= 0) {
        if (negatedFor > 0) {
          const w = this.negated[id]!;
          if (!Number.isNaN(w) && this.seenNegated[id] !== call) {
            this.seenNegated[id] = call;
            sum += w;
            known++;
          }
        } else {
          const w = this.plain[id]!;
          if (!Number.isNaN(w) && this.seenPlain[id] !== call) {
            this.seenPlain[id] = call;
            sum += w;
            known++;
          }
        }
        if (prev >= 0 && prev < this.featureTokens && id < this.featureTokens) {
          const b = this.bigrams.indexOf(prev, id);
          if (b >= 0 && this.seenBigram[b] !== call) {
            this.seenBigram[b] = call;
            sum += this.bigramWeight[b]!;
            known++;
          }
        }
        if (this.negation[id] === 1) negatedFor = NEGATION_SPAN;
        else if (negatedFor > 0) negatedFor--;
      } else if (negatedFor > 0) negatedFor--;
      prev = id;
    }
    return { logOdds: sum, known };
  }
}

const cache = new Map<string, SentimentModel>();

export function loadSentimentModel(lang: "zh" | "en", modelDir = DEFAULT_MODEL_DIR, extraWords: readonly string[] = []): SentimentModel {
  const file = path.join(modelDir, `sentiment-${lang}.json`);
  const key = `${file}\n${extraWords.join("\n")}`;
  let model = cache.get(key);
  if (!model) {
    const parsed = sentimentModelSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file}: not a sentiment model (${parsed.error.issues[0]?.message})`);
    model = new SentimentModel(parsed.data, extraWords);
    cache.set(key, model);
  }
  return model;
}
