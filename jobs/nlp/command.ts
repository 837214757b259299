/** `npm run nlp [-- --shard k/N] [--workers N] [--kinds conversation,ticket,survey] [--batch N] [--limit N]` */
import { z } from "zod";
import { ensureSchema } from "../../server/clickhouse/ensure";
import { loadConfig } from "./config";
import { runNlpJob } from "./job";
import { RECORD_KINDS } from "./records";
import { Tagger, type RecordKind } from "./tagger";
import { runNlpWorkers } from "./workers";

export class UsageError extends Error {}

const shardSchema = z
  .string()
  .regex(/^\d+\/\d+$/, "--shard is k/N, e.g. 0/4")
  .transform((s) => {
    const [k, n] = s.split("/").map(Number) as [number, number];
    return { k, n };
  })
  .refine((s) => s.n >= 1 && s.k >= 0 && s.k < s.n, "--shard k/N needs 0 ≤ k < N");

const nlpArgsSchema = z
  .object({
    shard: shardSchema.default({ k: 0, n: 1 }),
    kinds: z
      .string()
      .transform((s) => s.split(",").map((k) => k.trim().replace(/s$/, "")))
      .pipe(z.array(z.enum(RECORD_KINDS as [RecordKind, ...RecordKind[]])))
      .optional(),
    // The batch's ids go into one IN (…) list; 5,000 ids stay well under ClickHouse's 256 KiB query limit.
    batch: z.coerce.number().int().min(1).max(5_000).default(1000),
    limit: z.coerce.number().int().min(1).optional(),
    // Threads tagging side by side, one core each. One by default: on a 2-core machine that also
    // runs ClickHouse a second thread made the job slower (bench/RESULTS.md, NLP).
    workers: z.coerce.number().int().min(1).max(64).default(1),
  })
  .strict();

/** `--name value` pairs into an object; a flag without a value is "true". */
export function parseFlags(argv: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") continue;
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument ${arg}`);
    const eq = arg.indexOf("=");
    if (eq > 0) out[arg.slice(2, eq)] = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith("--")) {
        out[arg.slice(2)] = next;
        i++;
      } else out[arg.slice(2)] = "true";
    }
  }
  return out;
}

export function parseArgs<T>(schema: z.ZodType<T>, argv: readonly string[]): T {
  const parsed = schema.safeParse(parseFlags(argv));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `--${issue.path.join(".")}: ` : "";
    throw new UsageError(`${where}${issue?.message}`);
  }
  return parsed.data;
}

export async function runNlpCommand(argv: readonly string[], log: (line: string) => void): Promise<number> {
  let args: z.infer<typeof nlpArgsSchema>;
  try {
    args = parseArgs(nlpArgsSchema, argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    log(`error: ${error.message}`);
    log("usage: nlp [--shard k/N] [--workers N] [--kinds conversation,ticket,survey] [--batch N] [--limit N]");
    return 2;
  }
  const config = loadConfig();
  const { db } = await ensureSchema({ log });
  try {
    log(`tagger version ${config.version}${args.workers > 1 ? `, ${args.workers} workers` : ""}`);
    const options = { shard: args.shard, kinds: args.kinds, batchSize: args.batch, limit: args.limit, log };
    const stats =
      args.workers > 1 ? await runNlpWorkers(db.config, config, { ...options, workers: args.workers }) : await runNlpJob(db, new Tagger(config), options);
    const total = stats.tagged.conversation + stats.tagged.ticket + stats.tagged.survey;
    log(
      `tagged ${stats.tagged.conversation} conversations, ${stats.tagged.ticket} tickets, ${stats.tagged.survey} survey comments ` +
        `(${stats.flags} QA flags) in ${stats.seconds.toFixed(1)} s` +
        (total ? ` — ${Math.round(stats.chars / stats.seconds)} chars/s` : ""),
    );
    return 0;
  } finally {
    await db.close();
  }
}
