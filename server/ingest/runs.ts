import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { formatDateTime, sql } from "../clickhouse/sql";
import type { RecordKind } from "./fields";

export type RunStatus = "running" | "succeeded" | "failed" | "skipped";

export interface RunCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
}

export const emptyCounts = (): RunCounts => ({ read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, rejectedByReason: {} });

export interface RunInfo {
  runId: string;
  kind: RecordKind;
  source: string;
  file: string;
  contentHash: string;
  startedAt: Date;
}

let lastVersion = 0;
/** ingest_runs keeps the row with the highest version: later states must get larger ones, even within a millisecond. */
function nextVersion(): number {
  lastVersion = Math.max(Date.now(), lastVersion + 1);
  return lastVersion;
}

export function newRun(kind: RecordKind, source: string, file: string, contentHash: string): RunInfo {
  return { runId: randomUUID(), kind, source, file, contentHash, startedAt: new Date() };
}

export async function recordRun(db: Db, run: RunInfo, status: RunStatus, counts: RunCounts, error = ""): Promise<void> {
  await db.insert("ingest.runs", "ingest_runs", [
    {
      run_id: run.runId,
      kind: run.kind,
      source: run.source,
      file: run.file,
      content_hash: run.contentHash,
      status,
      rows_read: counts.read,
      inserted: counts.inserted,
      updated: counts.updated,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
      error: error.slice(0, 4000),
      started_at: formatDateTime(run.startedAt),
      finished_at: status === "running" ? null : formatDateTime(new Date()),
      version: nextVersion(),
    },
  ]);
}

export const RunRow = z.object({
  run_id: z.string(),
  kind: z.string(),
  source: z.string(),
  file: z.string(),
  content_hash: z.string(),
  status: z.string(),
  rows_read: z.coerce.number(),
  inserted: z.coerce.number(),
  updated: z.coerce.number(),
  unchanged: z.coerce.number(),
  rejected: z.coerce.number(),
  error: z.string(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
});
export type RunRow = z.infer<typeof RunRow>;

export async function findRuns(db: Db, filter: { kind: RecordKind; contentHash: string }): Promise<RunRow[]> {
  return db.query(
    "ingest.runs",
    sql`SELECT run_id, kind, source, file, content_hash, status, rows_read, inserted, updated, unchanged, rejected, error,
          toString(started_at) AS started_at, toString(finished_at) AS finished_at
        FROM ingest_runs FINAL WHERE kind = ${filter.kind} AND content_hash = ${filter.contentHash} ORDER BY started_at`,
    RunRow,
  );
}

export async function getRun(db: Db, runId: string): Promise<RunRow | undefined> {
  const rows = await db.query(
    "ingest.runs",
    sql`SELECT run_id, kind, source, file, content_hash, status, rows_read, inserted, updated, unchanged, rejected, error,
          toString(started_at) AS started_at, toString(finished_at) AS finished_at
        FROM ingest_runs FINAL WHERE run_id = ${runId}`,
    RunRow,
  );
  return rows[0];
}

export async function recentRuns(db: Db, limit = 20): Promise<RunRow[]> {
  return db.query(
    "ingest.runs",
    sql`SELECT run_id, kind, source, file, content_hash, status, rows_read, inserted, updated, unchanged, rejected, error,
          toString(started_at) AS started_at, toString(finished_at) AS finished_at
        FROM ingest_runs FINAL ORDER BY started_at DESC LIMIT ${limit}`,
    RunRow,
  );
}

/** Marks runs of the same content that never finished (killed, or ClickHouse went away) as failed. */
export async function closeAbandonedRuns(db: Db, runs: readonly RunRow[], resumedBy: string): Promise<number> {
  const abandoned = runs.filter((r) => r.status === "running");
  for (const r of abandoned) {
    const info: RunInfo = {
      runId: r.run_id,
      kind: r.kind as RecordKind,
      source: r.source,
      file: r.file,
      contentHash: r.content_hash,
      startedAt: new Date(`${r.started_at.replace(" ", "T")}Z`),
    };
    const counts = { ...emptyCounts(), read: r.rows_read, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected };
    await recordRun(db, info, "failed", counts, `interrupted before it finished; resumed by run ${resumedBy}`);
  }
  return abandoned.length;
}
