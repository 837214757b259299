import { parseArgs } from "node:util";
import { z } from "zod";
import type { Db } from "../../server/clickhouse/client";
import { sql } from "../../server/clickhouse/sql";

const RejectRow = z.object({
  run_id: z.string(),
  file: z.string(),
  line: z.coerce.number(),
  field: z.string(),
  reason: z.string(),
  raw: z.string(),
  rejected_at: z.string(),
});
export type RejectRow = z.infer<typeof RejectRow>;

const ReasonCount = z.object({ run_id: z.string(), code: z.string(), n: z.coerce.number() });

export async function fetchRejects(db: Db, runId: string | undefined, limit: number): Promise<RejectRow[]> {
  const where = runId ? sql`WHERE run_id = ${runId}` : sql.empty;
  return db.query(
    "ingest.rejects",
    sql`SELECT run_id, file, line, field, reason, raw, toString(rejected_at) AS rejected_at
        FROM ingest_rejects ${where} ORDER BY rejected_at DESC, run_id, line LIMIT ${limit}`,
    RejectRow,
  );
}

/** `ingest rejects [--run ID] [--limit N]`: counts by reason, then the rows with their raw text. */
export async function listRejects(db: Db, args: string[], log: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { run: { type: "string" }, limit: { type: "string" } } });
  const limit = z.coerce.number().int().min(1).max(100_000).default(50).parse(values.limit);
  const runId = values.run ? z.string().uuid("--run must be a run id (see `ingest runs`)").parse(values.run) : undefined;
  const where = runId ? sql`WHERE run_id = ${runId}` : sql.empty;
  const counts = await db.query(
    "ingest.rejects",
    sql`SELECT run_id, splitByString(': ', reason)[1] AS code, count() AS n FROM ingest_rejects ${where}
        GROUP BY run_id, code ORDER BY run_id, n DESC`,
    ReasonCount,
  );
  if (counts.length === 0) {
    log(runId ? `no rejected rows in run ${runId}` : "no rejected rows");
    return 0;
  }
  const byRun = new Map<string, string[]>();
  for (const c of counts) byRun.set(c.run_id, [...(byRun.get(c.run_id) ?? []), `${c.code} ${c.n}`]);
  for (const [run, reasons] of byRun) log(`run ${run}: ${reasons.join(", ")}`);
  const rows = await fetchRejects(db, runId, limit);
  for (const r of [...rows].sort((a, b) => a.run_id.localeCompare(b.run_id) || a.line - b.line)) {
    const raw = r.raw.length > 160 ? `${r.raw.slice(0, 160)}…` : r.raw;
    log(`${r.file}:${r.line}  [${r.field}] ${r.reason}\n    ${JSON.stringify(raw)}`);
  }
  if (rows.length === limit) log(`(first ${limit} shown; --limit N for more)`);
  return 0;
}
