/**
 * `npm run eval:nlp` — accuracy of the NLP models.
 *   --task sentiment --lang zh|en --file CSV --text-col C --label-col L [--delimiter ,]
 *     any labelled CSV (labels 0/1 or negative/neutral/positive); the last line printed is
 *     {"accuracy":…,"macro_f1":…,"n":…}
 *   (no arguments) held-out splits of ../shared/data: zh and en sentiment, Bitext intents, and the
 *     Spearman correlation of predicted customer sentiment with annotated satisfaction (STC-3).
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { SentimentAnalyzer } from "node-nlp";
import { z } from "zod";
import { parseArgs, UsageError } from "../command";
import { SentimentScorer } from "../sentiment";
import { tokenize } from "../text/segment";
import { csvRecords } from "./csv";
import { loadBitext, loadOnlineShopping, loadStc3, loadUci, loadWaimai, SHARED_DATA_DIR, type Labelled } from "./datasets";
import { evaluateIntents } from "./intents-eval";
import { classificationReport, spearman } from "./metrics";
import { evaluateSentiment } from "./sentiment-eval";
import { isHeldOut } from "./split";

const csvArgs = z
  .object({
    task: z.literal("sentiment"),
    lang: z.enum(["zh", "en"]),
    file: z.string().min(1),
    "text-col": z.string().min(1),
    "label-col": z.string().min(1),
    delimiter: z.string().length(1).default(","),
  })
  .strict();

const pct = (x: number) => (x * 100).toFixed(1) + " %";

function evaluateCsv(args: z.infer<typeof csvArgs>, log: (line: string) => void): number {
  let text: string;
  try {
    const buf = readFileSync(args.file);
    text = (args.file.endsWith(".gz") ? gunzipSync(buf) : buf).toString("utf8");
  } catch {
    throw new UsageError(`cannot read ${args.file}`);
  }
  const delimiter = args.file.replace(/\.gz$/, "").endsWith(".tsv") ? "\t" : args.delimiter;
  const { header, records } = csvRecords(text, delimiter);
  for (const col of [args["text-col"], args["label-col"]]) {
    if (!header.includes(col)) throw new UsageError(`column ${JSON.stringify(col)} is not in the header (${header.join(", ")})`);
  }
  const rows = records.filter((r) => (r[args["text-col"]] ?? "").trim() !== "" && (r[args["label-col"]] ?? "").trim() !== "");
  const report = evaluateSentiment(
    SentimentScorer.load(),
    rows.map((r) => r[args["text-col"]]!),
    rows.map((r) => r[args["label-col"]]!),
    args.lang,
  );
  log(`sentiment (${args.lang}, ${report.scheme === "three" ? "negative/neutral/positive" : "binary"}) on ${args.file}: ${report.n} texts`);
  log(`accuracy ${pct(report.accuracy)}, macro-F1 ${pct(report.macro_f1)}`);
  log(JSON.stringify({ accuracy: report.accuracy, macro_f1: report.macro_f1, n: report.n }));
  return 0;
}

function heldOut(data: readonly Labelled[]): Labelled[] {
  return data.filter((e) => isHeldOut(e.text));
}

/** Mean sentiment of the customer's utterances in each STC-3 dialogue against the annotators' mean satisfaction. */
function stc3Correlation(scorer: SentimentScorer, lang: "cn" | "en"): { rho: number; n: number } | null {
  const dialogues = loadStc3(lang);
  if (!dialogues) return null;
  const predicted: number[] = [];
  const gold: number[] = [];
  for (const d of dialogues) {
    const scores = d.turns
      .filter((t) => t.sender === "customer")
      .flatMap((t) => t.utterances)
      .map((u) => scorer.score(tokenize(u), lang === "cn"));
    predicted.push(scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0);
    gold.push(d.satisfaction);
  }
  return { rho: spearman(predicted, gold), n: dialogues.length };
}

export async function evaluateDefaults(log: (line: string) => void, options: { intents?: boolean } = {}): Promise<Record<string, unknown>> {
  const scorer = SentimentScorer.load();
  const figures: Record<string, unknown> = {};
  const waimai = loadWaimai();
  const shopping = loadOnlineShopping();
  const uci = loadUci();
  if (!waimai || !shopping || !uci) {
    log(`skipped: ${SHARED_DATA_DIR} is not there (the default evaluation reads the public data sets from it)`);
    return figures;
  }
  log(`held-out splits (20 %, seeded hash of the text; the models never saw them in training):`);
  const sets: [string, Labelled[], "zh" | "en"][] = [
    ["zh waimai_10k", heldOut(waimai), "zh"],
    ["zh online_shopping_10_cats", heldOut(shopping), "zh"],
    ["zh both", heldOut([...waimai, ...shopping]), "zh"],
    ["en uci (amazon, imdb, yelp)", heldOut(uci), "en"],
  ];
  for (const [name, data, lang] of sets) {
    const r = evaluateSentiment(scorer, data.map((e) => e.text), data.map((e) => String(e.label)), lang);
    log(`  sentiment ${name.padEnd(30)} accuracy ${pct(r.accuracy)}  macro-F1 ${pct(r.macro_f1)}  n ${r.n}`);
    figures[`sentiment ${name}`] = { accuracy: r.accuracy, macro_f1: r.macro_f1, n: r.n };
  }
  // Baseline: nlp.js's own English sentiment (SentiCon lexicon), which the tagger does not use.
  const uciHeld = heldOut(uci);
  const analyzer = new SentimentAnalyzer({ language: "en" });
  const baseline: number[] = [];
  for (const e of uciHeld) baseline.push((await analyzer.getSentiment(e.text)).score > 0 ? 1 : 0);
  const b = classificationReport(uciHeld.map((e) => e.label), baseline);
  log(`  baseline: nlp.js SentimentAnalyzer on en uci  accuracy ${pct(b.accuracy)}  macro-F1 ${pct(b.macro_f1)}  n ${b.n}`);
  figures["baseline nlp.js sentiment en uci"] = b;
  for (const lang of ["cn", "en"] as const) {
    const c = stc3Correlation(scorer, lang);
    if (!c) continue;
    log(`  STC-3 ${lang}: Spearman(customer sentiment, mean quality.S) = ${c.rho.toFixed(3)}  n ${c.n}`);
    figures[`stc3 ${lang} spearman`] = { rho: c.rho, n: c.n };
  }
  const bitext = loadBitext();
  if (bitext && options.intents !== false) {
    for (const label of ["category", "intent"] as const) {
      const r = await evaluateIntents(bitext, label);
      log(`  Bitext ${label} (nlp.js NLU, ${r.classes} classes, trained on ${r.train}): accuracy ${pct(r.accuracy)}  macro-F1 ${pct(r.macro_f1)}  n ${r.n}`);
      figures[`bitext ${label}`] = { accuracy: r.accuracy, macro_f1: r.macro_f1, n: r.n };
    }
  }
  return figures;
}

export async function runEvalCommand(argv: readonly string[], log: (line: string) => void): Promise<number> {
  try {
    if (argv.filter((a) => a !== "--").length === 0) {
      const figures = await evaluateDefaults(log);
      log(JSON.stringify(figures));
      return 0;
    }
    return evaluateCsv(parseArgs(csvArgs, argv), log);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    log(`error: ${error.message}`);
    log("usage: eval-nlp [--task sentiment --lang zh|en --file CSV --text-col C --label-col L [--delimiter ,]]");
    return 2;
  }
}
