import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { formatDateTime, sql, type Sql } from "../clickhouse/sql";
import { LIMITS, TABLE_OF, TIME_FIELD, type RecordKind } from "./fields";
import { DAY_MS } from "./timestamps";
import { CONTENT_COLUMNS } from "./rows";
import type { Refusal } from "./validate";

export interface AcceptedRecord {
  line: number;
  id: string;
  /** The row's content columns as TabSeparated text (rows.ts contentLine): inserted as it is, and compared with the stored row's. */
  content: string;
  /** The record's time (TIME_FIELD) in ms: its day is part of the table's key. */
  timeMs: number;
  /** The record as read, kept for the reject should it turn out stale. */
  raw: string;
  /** updated_at in ms when the record has one: it then orders versions. */
  updatedAtMs: number | null;
}

export interface RejectedRecord {
  line: number;
  refusal: Refusal;
  raw: string;
}

/** "stale": an out-of-order re-send older than the stored version; not applied, and reported as a reject. */
export type Outcome = "inserted" | "updated" | "unchanged" | "stale";

export interface RunTarget {
  runId: string;
  file: string;
}

/** 18.16 refuses queries over max_query_size (256 KiB); id lists are cut below that. */
const MAX_ID_LIST_BYTES = 200_000;

function chunkIds(ids: readonly string[]): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const id of ids) {
    const size = Buffer.byteLength(id) * 2 + 4; // escaping can at most double it
    if (bytes + size > MAX_ID_LIST_BYTES && current.length) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(id);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

const IdRow = z.object({ id: z.string() });

/** Stored rows by escaped id: their content lines at the highest version. */
type Stored = Map<string, { contents: string[]; version: number }>;

/** The escaped id at the head of a content line: the key that stored and new lines are matched on. */
const idText = (content: string) => content.slice(0, content.indexOf("\t"));

/**
 * Writes one batch: compares each record with the stored one (by id) so that equal content is
 * not written again, gives changed records a higher version, and stores rejects.
 */
export class RecordWriter {
  private readonly table: "tickets" | "conversations" | "survey_responses";
  private readonly columns;
  private readonly insertColumns: readonly string[];
  private readonly timeColumn;

  constructor(
    private readonly db: Db,
    private readonly kind: RecordKind,
    private readonly target: RunTarget,
  ) {
    this.table = TABLE_OF[kind];
    this.columns = sql.join(CONTENT_COLUMNS[kind].map((c) => sql.ident(c, CONTENT_COLUMNS[kind])));
    this.insertColumns = [...CONTENT_COLUMNS[kind], "version"];
    this.timeColumn = sql.ident(TIME_FIELD[kind], Object.values(TIME_FIELD));
  }

  private tableIdent() {
    return sql.ident(this.table, ["tickets", "conversations", "survey_responses"]);
  }

  /**
   * The stored rows of the ids that already exist, at their highest version, keyed by escaped
   * id. Read without FINAL (FINAL over the whole table for every batch made a resumed load
   * crawl): the highest version is picked here, as FINAL would. Rows of equal version are all
   * kept, since ClickHouse may show either.
   */
  private async stored(ids: readonly string[]): Promise<Stored> {
    const found: string[] = [];
    for (const chunk of chunkIds(ids)) {
      // Only the id column: cheap when (as in a first load) nothing matches.
      const rows = await this.db.query("ingest.lookup", sql`SELECT DISTINCT id FROM ${this.tableIdent()} WHERE id IN (${sql.list(chunk)})`, IdRow);
      for (const r of rows) found.push(r.id);
    }
    const stored: Stored = new Map();
    for (const chunk of chunkIds(found)) {
      const text = await this.db.queryTsv("ingest.lookup", sql`SELECT version, ${this.columns} FROM ${this.tableIdent()} WHERE id IN (${sql.list(chunk)})`);
      for (const line of text.split("\n")) {
        if (line === "") continue;
        const tab = line.indexOf("\t");
        const version = Number(line.slice(0, tab));
        const content = line.slice(tab + 1);
        const key = idText(content);
        const previous = stored.get(key);
        if (!previous || previous.version < version) stored.set(key, { contents: [content], version });
        else if (previous.version === version) previous.contents.push(content);
      }
    }
    return stored;
  }

  /**
   * What the table held when this writer first wrote: whether it had any row, and the server's
   * clock then. Rows stored since are this load's own, and ids never repeat within one input,
   * so a batch needs its ids looked up only where rows from before could match. Asked before
   * the first insert; overlapping writes share it. ingested_at has whole seconds, so rows of
   * that same second count as from before: a lookup too many, never one too few.
   */
  private before: Promise<{ empty: boolean; start: Date }> | null = null;

  /** 1 when some row satisfies `condition`, else 0: reads no further than the first one. */
  private anyRow(condition: Sql): Sql {
    return sql`(SELECT count() FROM (SELECT 1 FROM ${this.tableIdent()} WHERE ${condition} LIMIT 1))`;
  }

  private async tableBefore(): Promise<{ empty: boolean; start: Date }> {
    const [row] = await this.db.query(
      "ingest.probe",
      sql`SELECT ${this.anyRow(sql`1`)} AS n, toUnixTimestamp(now()) AS start`,
      z.object({ n: z.coerce.number(), start: z.coerce.number() }),
    );
    return { empty: (row?.n ?? 0) === 0, start: new Date((row?.start ?? 0) * 1000) };
  }

  /**
   * Whether the batch's days held rows before this load began. The id lookup reads the table's
   * whole id column (it is ordered by day first); this reads only the batch's days. A first
   * load (a backfill) and a load of new days (a daily export) then skip the lookup. A record
   * whose day changed since it was stored can then be counted as inserted, not updated; the
   * table keys rows by day and id, so it holds two rows for it either way.
   */
  private async needsLookup(accepted: readonly AcceptedRecord[]): Promise<boolean> {
    this.before ??= this.tableBefore();
    // A failed probe is asked again by the next write (the batch is retried as a whole).
    const before = await this.before.catch((error: unknown) => {
      this.before = null;
      throw error;
    });
    if (before.empty || accepted.length === 0) return false;
    let lo = Infinity;
    let hi = -Infinity;
    for (const a of accepted) {
      if (a.timeMs < lo) lo = a.timeMs;
      if (a.timeMs > hi) hi = a.timeMs;
    }
    const from = new Date(Math.floor(lo / DAY_MS) * DAY_MS);
    const to = new Date((Math.floor(hi / DAY_MS) + 1) * DAY_MS);
    const [row] = await this.db.query(
      "ingest.probe",
      sql`SELECT ${this.anyRow(sql`${this.timeColumn} >= ${from} AND ${this.timeColumn} < ${to} AND ingested_at <= ${before.start}`)} AS n`,
      z.object({ n: z.coerce.number() }),
    );
    return (row?.n ?? 0) > 0;
  }

  async write(accepted: readonly AcceptedRecord[], rejected: readonly RejectedRecord[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    const now = Date.now();
    const stored: Stored = (await this.needsLookup(accepted)) ? await this.stored(accepted.map((a) => a.id)) : new Map();
    const lines: string[] = [];
    const stale: RejectedRecord[] = [];
    for (const a of accepted) {
      const previous = stored.get(idText(a.content));
      if (!previous) {
        lines.push(`${a.content}\t${a.updatedAtMs ?? now}\n`);
        outcomes.push("inserted");
      } else if (previous.contents.includes(a.content)) {
        outcomes.push("unchanged");
      } else if (a.updatedAtMs !== null && a.updatedAtMs < previous.version) {
        // Older than what is stored (an out-of-order re-send): not applied, but said so, never silently.
        stale.push({
          line: a.line,
          refusal: {
            field: "updated_at",
            reason: "stale",
            message: `updated_at ${new Date(a.updatedAtMs).toISOString()} is older than the stored version (${new Date(previous.version).toISOString()}); not applied`,
          },
          raw: a.raw,
        });
        outcomes.push("stale");
      } else {
        lines.push(`${a.content}\t${a.updatedAtMs ?? Math.max(now, previous.version + 1)}\n`);
        outcomes.push("updated");
      }
    }
    await this.db.insertTsv("ingest.write", this.table, this.insertColumns, lines.join(""));
    if (rejected.length || stale.length) {
      const at = formatDateTime(new Date());
      await this.db.insert(
        "ingest.rejects",
        "ingest_rejects",
        [...rejected, ...stale].map((r) => ({
          run_id: this.target.runId,
          file: this.target.file,
          line: r.line,
          field: r.refusal.field,
          reason: `${r.refusal.reason}: ${r.refusal.message}`.toWellFormed(),
          // A raw line can hold text that is not valid Unicode; ClickHouse gets it well-formed.
          raw: (r.raw.length > LIMITS.rawKept ? r.raw.slice(0, LIMITS.rawKept) + "…" : r.raw).toWellFormed(),
          rejected_at: at,
        })),
      );
    }
    return outcomes;
  }
}
