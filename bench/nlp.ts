/**
 * `npm run bench:nlp -- [--conversations N] [--batch N]`: NLP tagging throughput against the raw
 * segmenter, on the same text in one run.
 *
 * Copies N demo conversations (default 20,000) from the project database into a scratch database
 * `si_bench_nlp` (dropped afterwards; the demo data is only read), then times
 *   1. the raw segmenter: jieba over each conversation's utterances (one call per conversation,
 *      as the job makes it), nothing else;
 *   2. the full NLP job (`npm run nlp` in-process): reading from ClickHouse, language, PII
 *      redaction, segmentation, sentiment, keywords, topics, compliance, flags, writing back.
 * Prints chars/s for both, conversations/s for the job, and their ratio.
 */
import { z } from "zod";
import { ensureSchema } from "../server/clickhouse/ensure";
import { sql } from "../server/clickhouse/sql";
import { env } from "../server/env";
import { loadConfig } from "../jobs/nlp/config";
import { runNlpJob } from "../jobs/nlp/job";
import { Tagger } from "../jobs/nlp/tagger";
import { segmenter } from "../jobs/nlp/text/segment";
import { reportBenchmark } from "./results-file";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const conversations = z.coerce.number().int().min(100).parse(flag("--conversations") ?? 20_000);
const batchSize = z.coerce.number().int().min(1).parse(flag("--batch") ?? 1000);
const source = env().CLICKHOUSE_DATABASE;
const database = "si_bench_nlp";
if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(source)) throw new Error(`bad database name ${source}`);

async function main(): Promise<void> {
  const { db } = await ensureSchema({ database });
  try {
    for (const table of ["conversations", "nlp_results", "qa_flags"] as const) {
      await db.exec("bench.nlp.truncate", sql`TRUNCATE TABLE ${sql.ident(table, ["conversations", "nlp_results", "qa_flags"])}`);
    }
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
    let t0 = performance.now();
    let tokens = 0;
    for (const t of texts) tokens += jieba.cut(t.join("\n"), false).length;
    const segSeconds = (performance.now() - t0) / 1000;

    // 2. The full job, reading from and writing to ClickHouse.
    const tagger = new Tagger(loadConfig());
    tagger.tag({ kind: "conversation", id: "warm-up", utterances: [{ speaker: "customer", startMs: 0, endMs: 1, text: "预热 warm up" }], channel: "phone", holdSeconds: 0, transferCount: 0, previousContact: null });
    t0 = performance.now();
    const stats = await runNlpJob(db, tagger, { shard: { k: 0, n: 1 }, kinds: ["conversation"], batchSize, log: (l) => console.log(l) });
    const jobSeconds = (performance.now() - t0) / 1000;
    const written = await db.query("bench.nlp.count", sql`SELECT count() AS n FROM nlp_results`, z.object({ n: z.coerce.number() }));
    if (written[0]?.n !== texts.length) throw new Error(`the job wrote ${written[0]?.n} results for ${texts.length} conversations`);

    const segCharsPerSecond = chars / segSeconds;
    const jobCharsPerSecond = stats.chars / jobSeconds;
    reportBenchmark("nlp", {
      conversations: texts.length,
      characters: chars,
      batch_size: batchSize,
      segmenter: { seconds: round(segSeconds), chars_per_second: Math.round(segCharsPerSecond), tokens },
      job: {
        seconds: round(jobSeconds),
        chars_per_second: Math.round(jobCharsPerSecond),
        conversations_per_second: Math.round(stats.tagged.conversation / jobSeconds),
        tagging_only_chars_per_second: Math.round(stats.chars / stats.tagSeconds),
        qa_flags: stats.flags,
      },
      ratio_job_to_segmenter: round(jobCharsPerSecond / segCharsPerSecond, 3),
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
