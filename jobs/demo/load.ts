/**
 * Loads the demo year into ClickHouse, once: a demo_loads row (written last) records what was
 * loaded, and a later run with the same seed and scale whose row counts still match is skipped.
 */
import { setImmediate as nextTick } from "node:timers/promises";
import { z } from "zod";
import type { Db } from "../../server/clickhouse/client";
import { formatDateTime, sql, type Sql } from "../../server/clickhouse/sql";
import { env } from "../../server/env";
import { generateDemoData } from "./generate";
import type { DemoRecord } from "./rows";

export interface LoadDemoOptions {
  scale: number;
  seed: number;
  end: Date;
  force?: boolean;
  log?: (line: string) => void;
}

export interface LoadDemoResult {
  skipped: boolean;
  tickets: number;
  conversations: number;
  surveys: number;
  seconds: number;
}

const DATA_TABLES = ["tickets", "conversations", "survey_responses"] as const;
type DataTable = (typeof DATA_TABLES)[number];
const MUTABLE_TABLES = [...DATA_TABLES, "demo_loads"] as const;
type MutableTable = (typeof MUTABLE_TABLES)[number];

// Transcripts make conversation rows ~20× larger than ticket rows, so they go in smaller batches.
const BATCH_ROWS: Record<DataTable, number> = { tickets: 20_000, conversations: 8_000, survey_responses: 20_000 };
const MUTATION_TIMEOUT_MS = 30 * 60_000;

export const LoadOptionsSchema = z.object({
  scale: z.number().finite().positive().max(1000),
  seed: z.number().int().min(0).max(4_294_967_295),
  end: z.date().refine((d) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1971 && d.getUTCFullYear() <= 2100, "end date out of range"),
});

const CountRow = z.object({ n: z.coerce.number() });
const LoadRow = z.object({
  seed: z.coerce.number(),
  scale: z.coerce.number(),
  end_date: z.string(),
  tickets: z.coerce.number(),
  conversations: z.coerce.number(),
  surveys: z.coerce.number(),
});

interface Counts {
  tickets: number;
  conversations: number;
  surveys: number;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

async function demoCounts(db: Db): Promise<Counts> {
  const count = async (table: DataTable) => {
    const rows = await db.query(
      "demo.count",
      sql`SELECT count() AS n FROM ${sql.ident(table, DATA_TABLES)} FINAL WHERE source = 'demo'`,
      CountRow,
    );
    return rows[0]?.n ?? 0;
  };
  return { tickets: await count("tickets"), conversations: await count("conversations"), surveys: await count("survey_responses") };
}

/** On a cluster the rows live in the `_local` tables; mutations must go there, on every shard. */
function mutationTarget(table: MutableTable): Sql {
  const cluster = env().CLICKHOUSE_CLUSTER;
  if (!cluster) return sql.ident(table, MUTABLE_TABLES);
  return sql`${sql.identifier(`${table}_local`)} ON CLUSTER ${sql.identifier(cluster)}`;
}

async function waitForMutations(db: Db, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  let lastLog = started;
  for (;;) {
    const rows = await db.query(
      "demo.mutations",
      sql`SELECT count() AS n FROM system.mutations WHERE database = currentDatabase() AND is_done = 0`,
      CountRow,
    );
    const pending = rows[0]?.n ?? 0;
    if (pending === 0) return;
    const now = Date.now();
    if (now - started > MUTATION_TIMEOUT_MS) {
      throw new Error(`demo data: ${pending} mutation(s) still running after ${Math.round((now - started) / 1000)} s; see system.mutations`);
    }
    if (now - lastLog > 10_000) {
      log(`demo data: waiting for ${pending} mutation(s) to finish…`);
      lastLog = now;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Removes earlier demo rows (only source = 'demo': loaded data is never touched). */
async function clearDemoData(db: Db, existing: Counts, hadLoadRow: boolean, log: (line: string) => void): Promise<void> {
  const counts: Record<DataTable, number> = { tickets: existing.tickets, conversations: existing.conversations, survey_responses: existing.surveys };
  let issued = 0;
  for (const table of DATA_TABLES) {
    if (counts[table] === 0) continue;
    await db.exec("demo.clear", sql`ALTER TABLE ${mutationTarget(table)} DELETE WHERE source = 'demo'`);
    issued++;
  }
  if (hadLoadRow) {
    await db.exec("demo.clear", sql`ALTER TABLE ${mutationTarget("demo_loads")} DELETE WHERE 1`);
    issued++;
  }
  if (issued === 0) return;
  log(`demo data: removing the previous demo rows (${fmt(existing.tickets)} tickets, ${fmt(existing.conversations)} conversations, ${fmt(existing.surveys)} surveys)…`);
  await waitForMutations(db, log);
}

/** Buffers rows per table and keeps one insert in flight while the next batch is generated. */
class BatchWriter {
  private readonly buffers: Record<DataTable, Record<string, unknown>[]> = { tickets: [], conversations: [], survey_responses: [] };
  private inFlight: Promise<void> = Promise.resolve();
  readonly counts: Record<DataTable, number> = { tickets: 0, conversations: 0, survey_responses: 0 };

  constructor(
    private readonly db: Db,
    private readonly ingestedAt: string,
  ) {}

  async add(table: DataTable, row: object): Promise<void> {
    const buffer = this.buffers[table];
    buffer.push({ ...row, ingested_at: this.ingestedAt });
    this.counts[table]++;
    if (buffer.length >= BATCH_ROWS[table]) await this.flush(table);
  }

  private async flush(table: DataTable): Promise<void> {
    const rows = this.buffers[table];
    if (rows.length === 0) return;
    this.buffers[table] = [];
    await this.inFlight;
    this.inFlight = this.db.insert("demo.load", table, rows);
    // Surface a failed insert at the next flush rather than as an unhandled rejection.
    this.inFlight.catch(() => {});
  }

  async finish(): Promise<void> {
    for (const table of DATA_TABLES) await this.flush(table);
    await this.inFlight;
  }
}

export async function loadDemoData(db: Db, options: LoadDemoOptions): Promise<LoadDemoResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const parsed = LoadOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`demo data: invalid ${issue?.path.join(".") || "option"}: ${issue?.message}`);
  }
  const { scale, seed, end } = parsed.data;
  const endDate = isoDate(end);
  const elapsed = () => Math.round((performance.now() - started) / 100) / 10;

  const existing = await demoCounts(db);
  const previous = (
    await db.query(
      "demo.state",
      sql`SELECT seed, scale, toString(end_date) AS end_date, tickets, conversations, surveys FROM demo_loads ORDER BY loaded_at DESC LIMIT 1`,
      LoadRow,
    )
  )[0];

  // The end date is deliberately not compared: a restart on another day keeps the loaded year.
  if (
    !options.force &&
    previous &&
    previous.seed === seed &&
    Math.abs(previous.scale - scale) < 1e-9 &&
    previous.tickets === existing.tickets &&
    previous.conversations === existing.conversations &&
    previous.surveys === existing.surveys
  ) {
    log(
      `demo data already loaded (seed ${seed}, scale ${scale}, ending ${previous.end_date}: ${fmt(existing.tickets)} tickets, ${fmt(existing.conversations)} conversations, ${fmt(existing.surveys)} survey responses); use --force to regenerate`,
    );
    return { skipped: true, ...existing, seconds: elapsed() };
  }

  await clearDemoData(db, existing, previous !== undefined, log);
  log(`demo data: generating 12 months ending ${endDate} (seed ${seed}, scale ${scale})…`);

  const writer = new BatchWriter(db, formatDateTime(new Date()));
  const generateStarted = performance.now();
  let sinceYield = 0;
  let nextReport = 0.1;
  for (const record of generateDemoData({ scale, seed, end }) as Iterable<DemoRecord>) {
    if (record.table === "progress") {
      const share = record.day / record.days;
      if (share >= nextReport - 1e-9) {
        const rows = writer.counts.tickets + writer.counts.conversations + writer.counts.survey_responses;
        const rate = rows / Math.max(0.001, (performance.now() - generateStarted) / 1000);
        log(
          `demo data: ${Math.round(share * 100)}% (${record.day}/${record.days} days): ${fmt(writer.counts.tickets)} tickets, ${fmt(writer.counts.conversations)} conversations, ${fmt(writer.counts.survey_responses)} surveys, ${fmt(Math.round(rate))} rows/s`,
        );
        nextReport += 0.1;
      }
      continue;
    }
    await writer.add(record.table, record.row);
    // Let the in-flight insert's socket make progress while we keep generating.
    if (++sinceYield >= 2_000) {
      sinceYield = 0;
      await nextTick();
    }
  }
  await writer.finish();

  const loaded: Counts = {
    tickets: writer.counts.tickets,
    conversations: writer.counts.conversations,
    surveys: writer.counts.survey_responses,
  };
  const stored = await demoCounts(db);
  if (stored.tickets !== loaded.tickets || stored.conversations !== loaded.conversations || stored.surveys !== loaded.surveys) {
    log(
      `demo data: warning: ClickHouse holds ${fmt(stored.tickets)}/${fmt(stored.conversations)}/${fmt(stored.surveys)} demo rows, ${fmt(loaded.tickets)}/${fmt(loaded.conversations)}/${fmt(loaded.surveys)} were generated`,
    );
  }
  await db.insert("demo.load", "demo_loads", [
    {
      seed,
      scale,
      end_date: endDate,
      tickets: loaded.tickets,
      conversations: loaded.conversations,
      surveys: loaded.surveys,
      loaded_at: formatDateTime(new Date()),
    },
  ]);
  const seconds = elapsed();
  log(
    `demo data loaded: ${fmt(loaded.tickets)} tickets, ${fmt(loaded.conversations)} conversations, ${fmt(loaded.surveys)} survey responses in ${seconds} s`,
  );
  return { skipped: false, ...loaded, seconds };
}
