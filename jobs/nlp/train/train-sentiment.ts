/**
 * Trains the sentiment classifiers from ../shared/data and writes models/sentiment-{zh,en}.json.
 * Deterministic: the same data gives byte-identical files (fixed split, sorted features, rounded
 * weights). Only the training part of the split is read for fitting; the held-out part is what
 * `npm run eval:nlp` reports on.
 *
 *   npx tsx jobs/nlp/train/train-sentiment.ts
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_MODEL_DIR } from "../config";
import { loadOnlineShopping, loadUci, loadWaimai, type Labelled } from "../eval/datasets";
import { isHeldOut, SPLIT_SEED } from "../eval/split";
import { sentimentFeatures } from "../sentiment-features";
import type { SentimentModelFile } from "../sentiment-model";
import { tokenize } from "../text/segment";

interface TrainOptions {
  lang: "zh" | "en";
  minCount: number;
  /** Features kept, strongest evidence first, to bound the model file. */
  maxFeatures: number;
  alpha: number;
  scale: number;
}

/**
 * Binarised multinomial NB with Laplace smoothing; stores log P(f|pos)/P(f|neg) per feature.
 * Classes are reweighted to equal size so an unbalanced corpus (waimai is one-third positive)
 * does not tilt every feature.
 */
export function trainNaiveBayes(examples: readonly Labelled[], options: TrainOptions, trainedOn: string[]): SentimentModelFile {
  const counts = new Map<string, [number, number]>();
  const docs: [number, number] = [0, 0];
  for (const ex of examples) {
    const cls = ex.label === 1 ? 1 : 0;
    docs[cls]++;
    for (const f of sentimentFeatures(tokenize(ex.text))) {
      let c = counts.get(f);
      if (!c) counts.set(f, (c = [0, 0]));
      c[cls]++;
    }
  }
  const w: [number, number] = [1 / Math.max(1, docs[0]), 1 / Math.max(1, docs[1])];
  let total0 = 0;
  let total1 = 0;
  const kept: [string, number, number][] = [];
  for (const [f, [c0, c1]] of counts) {
    if (c0 + c1 < options.minCount) continue;
    kept.push([f, c0 * w[0], c1 * w[1]]);
    total0 += c0 * w[0];
    total1 += c1 * w[1];
  }
  const v = kept.length;
  const scored = kept.map(([f, c0, c1]) => {
    const scaleTo = examples.length / 2;
    const p1 = (c1 * scaleTo + options.alpha) / (total1 * scaleTo + options.alpha * v);
    const p0 = (c0 * scaleTo + options.alpha) / (total0 * scaleTo + options.alpha * v);
    const llr = Math.log(p1 / p0);
    return { f, llr, evidence: Math.abs(llr) * Math.log1p((c0 + c1) * scaleTo) };
  });
  scored.sort((a, b) => b.evidence - a.evidence || (a.f < b.f ? -1 : 1));
  const features: Record<string, number> = {};
  for (const s of scored.slice(0, options.maxFeatures).sort((a, b) => (a.f < b.f ? -1 : a.f > b.f ? 1 : 0))) {
    const r = Math.round(s.llr * 1000) / 1000;
    if (r !== 0) features[s.f] = r;
  }
  return { kind: "naive-bayes-llr", lang: options.lang, trainedOn, trainSize: examples.length, seed: SPLIT_SEED, scale: options.scale, features };
}

function write(model: SentimentModelFile): void {
  const file = path.join(DEFAULT_MODEL_DIR, `sentiment-${model.lang}.json`);
  writeFileSync(file, JSON.stringify(model) + "\n");
  console.log(`${path.relative(process.cwd(), file)}: ${Object.keys(model.features).length} features from ${model.trainSize} training texts`);
}

function main(): void {
  const waimai = loadWaimai();
  const shopping = loadOnlineShopping();
  const uci = loadUci();
  if (!waimai || !shopping || !uci) {
    console.error("error: ../shared/data (sentiment-zh, sentiment-en) is not there; training needs it");
    process.exit(1);
  }
  const zhTrain = [...waimai, ...shopping].filter((e) => !isHeldOut(e.text));
  write(trainNaiveBayes(zhTrain, { lang: "zh", minCount: 3, maxFeatures: 60_000, alpha: 1, scale: 4 }, ["waimai_10k", "online_shopping_10_cats"]));
  const enTrain = uci.filter((e) => !isHeldOut(e.text));
  write(trainNaiveBayes(enTrain, { lang: "en", minCount: 1, maxFeatures: 20_000, alpha: 1, scale: 3 }, ["uci_sentiment_sentences"]));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
