/**
 * `npm run bench:nlp -- [--conversations N] [--batch N] [--workers N]`: NLP tagging throughput
 * against the raw segmenter, on the same text in one run.
 *
 * Copies N demo conversations (default 20,000) from the project database into a scratch database
 * `si_bench_nlp` (dropped afterwards; the demo data is only read), then times
 *   1. the raw segmenter: jieba over each conversation's utterances (one call per conversation,
 *      as the job makes it), nothing else;
 *   2. the full NLP job (`npm run nlp -- --workers 1`, in-process): reading from ClickHouse,
 *      language, PII redaction, segmentation, sentiment, keywords, topics, compliance, flags,
 *      writing back;
 *   3. the same job again from scratch with `--workers N` threads (default: one per core), as
 *      `npm run nlp` runs by default.
 * Prints chars/s for all, conversations/s for the jobs, and the jobs' ratios to the segmenter:
 * the one-worker ratio compares one core with one core, the other what the machine does.
 * The segmenter is timed three times and the median kept (the machine's timings vary by ±20 %).
 */
import { availableParallelism } from "node:os";
import { z } from "zod";
import { ensureSchema } from "../server/clickhouse/ensure";
import { sql } from "../server/clickhouse/sql";
import { env } from "../server/env";
import { loadConfig } from "../jobs/nlp/config";
import { runNlpJob, type JobStats } from "../jobs/nlp/job";
import { Tagger } from "../jobs/nlp/tagger";
import { runNlpWorkers } from "../jobs/nlp/workers";
import { segmenter } from "../jobs/nlp/text/segment";
import { reportBenchmark } from "./results-file";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const conversations = z.coerce.number().int().min(100).parse(flag("--conversations") ?? 20_000);
const batchSize = z.coerce.number().int().min(1).parse(flag("--batch") ?? 1000);
const workers = z.coerce.number().int().min(2).max(64).parse(flag("--workers") ?? Math.max(2, availableParallelism()));
const source = env().CLICKHOUSE_DATABASE;
const database = "si_bench_nlp";
const TABLES = ["conversations", "nlp_results", "qa_flags"] as const;
if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(source)) throw new Error(`bad database name ${source}`);

async function main(): Promise<void> {
  const { db } = await ensureSchema({ database });
  try {
    const truncate = async (tables: readonly (typeof TABLES)[number][]) => {
      for (const table of tables) await db.exec("bench.nlp.truncate", sql`TRUNCATE TABLE ${sql.ident(table, TABLES)}`);
    };
    await truncate(TABLES);
    await db.exec(
      "bench.nlp.copy",
      sql`INSERT INTO conversations SELECT * FROM ${sql.identifier(source)}.conversations WHERE length(utt_text) > 0 ORDER BY id LIMIT ${conversations}`,
    );
    const texts = (
      await db.query("bench.nlp.texts", sql`SELECT utt_text FROM conversations ORDER BY id`, z.object({ utt_text: z.array(z.string()) }))
    ).map((r) => r.utt_text);
    if (texts.length === 0) throw new Error(`no conversations in ${source}: load the demo data first (npm run demo:data)`);
    const chars = texts.reduce((sum, t) => sum + t.reduce((s, u) => s + u.length, 0), 0);
    console.log(`${texts.length} conversations, ${chars} characters (copied from ${source})`);

    // 1. Raw segmenter (warmed up: dictionary load and JIT are not throughput).
    const jieba = segmenter();
    for (const t of texts.slice(0, 200)) jieba.cut(t.join("\n"), false);
    let tokens = 0;
    const segRuns: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      tokens = 0;
      for (const t of texts) tokens += jieba.cut(t.join("\n"), false).length;
      segRuns.push((performance.now() - t0) / 1000);
    }
    const segSeconds = [...segRuns].sort((a, b) => a - b)[1]!;

    // 2. The full job, reading from and writing to ClickHouse.
    const tagger = new Tagger(loadConfig());
    tagger.tag({ kind: "conversation", id: "warm-up", utterances: [{ speaker: "customer", startMs: 0, endMs: 1, text: "预热 warm up" }], channel: "phone", holdSeconds: 0, transferCount: 0, previousContact: null });
    const options = { shard: { k: 0, n: 1 }, kinds: ["conversation" as const], batchSize, log: (l: string) => console.log(l) };
    const checkWritten = async () => {
      const written = await db.query("bench.nlp.count", sql`SELECT count() AS n FROM nlp_results`, z.object({ n: z.coerce.number() }));
      if (written[0]?.n !== texts.length) throw new Error(`the job wrote ${written[0]?.n} results for ${texts.length} conversations`);
    };
    const single = await runNlpJob(db, tagger, options);
    await checkWritten();
    await truncate(["nlp_results", "qa_flags"]);
    const parallel = await runNlpWorkers(db.config, tagger.config, { ...options, workers });
    await checkWritten();

    const segCharsPerSecond = chars / segSeconds;
    const jobFigures = (stats: JobStats) => ({
      seconds: round(stats.seconds),
      chars_per_second: Math.round(stats.chars / stats.seconds),
      conversations_per_second: Math.round(stats.tagged.conversation / stats.seconds),
      tagging_only_chars_per_second_per_thread: Math.round(stats.chars / stats.tagSeconds),
      qa_flags: stats.flags,
    });
    reportBenchmark("nlp", {
      conversations: texts.length,
      characters: chars,
      batch_size: batchSize,
      segmenter: { seconds: round(segSeconds), runs: segRuns.map((x) => round(x)), chars_per_second: Math.round(segCharsPerSecond), tokens },
      job: jobFigures(single),
      [`job_${workers}_workers`]: jobFigures(parallel),
      ratio_job_to_segmenter: round(single.chars / single.seconds / segCharsPerSecond, 3),
      [`ratio_job_${workers}_workers_to_segmenter`]: round(parallel.chars / parallel.seconds / segCharsPerSecond, 3),
      goal_ratio: 0.5,
    });
  } finally {
    await db.exec("bench.nlp.drop", sql`DROP DATABASE IF EXISTS ${sql.identifier(database)}`);
    await db.close();
  }
}

function round(x: number, digits = 2): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
