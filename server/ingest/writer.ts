import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { formatDateTime, sql } from "../clickhouse/sql";
import { LIMITS, TABLE_OF, type RecordKind } from "./fields";
import { CONTENT_COLUMNS, fingerprint, type TableRow } from "./rows";
import type { Refusal } from "./validate";

export interface AcceptedRecord {
  line: number;
  row: TableRow;
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

/** `'a', 'b', …` for an IN (…) list (an array literal would be one Array value there). */
const idList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}`));

const IdRow = z.object({ id: z.string() });
const StoredRow = z.looseObject({ id: z.string(), version: z.coerce.number() });

/**
 * Writes one batch: compares each record with the stored one (by id) so that equal content is
 * not written again, gives changed records a higher version, and stores rejects.
 */
export class RecordWriter {
  private readonly table: "tickets" | "conversations" | "survey_responses";
  private readonly columns;

  constructor(
    private readonly db: Db,
    private readonly kind: RecordKind,
    private readonly target: RunTarget,
  ) {
    this.table = TABLE_OF[kind];
    this.columns = sql.join(CONTENT_COLUMNS[kind].map((c) => sql.ident(c, CONTENT_COLUMNS[kind])));
  }

  private tableIdent() {
    return sql.ident(this.table, ["tickets", "conversations", "survey_responses"]);
  }

  /**
   * The stored rows of the ids that already exist, at their highest version. Read without
   * FINAL (FINAL over the whole table for every batch made a resumed load crawl): the highest
   * version is picked here, as FINAL would. Rows of equal version are all kept, since
   * ClickHouse may show either.
   */
  private async stored(ids: readonly string[]): Promise<Map<string, { fingerprints: string[]; version: number }>> {
    const found: string[] = [];
    for (const chunk of chunkIds(ids)) {
      // Only the id column: cheap when (as in a first load) nothing matches.
      const rows = await this.db.query("ingest.lookup", sql`SELECT DISTINCT id FROM ${this.tableIdent()} WHERE id IN (${idList(chunk)})`, IdRow);
      for (const r of rows) found.push(r.id);
    }
    const stored = new Map<string, { fingerprints: string[]; version: number }>();
    for (const chunk of chunkIds(found)) {
      const rows = await this.db.query(
        "ingest.lookup",
        sql`SELECT ${this.columns}, version FROM ${this.tableIdent()} WHERE id IN (${idList(chunk)})`,
        StoredRow,
      );
      for (const r of rows) {
        const previous = stored.get(r.id);
        const print = fingerprint(this.kind, r);
        if (!previous || previous.version < r.version) stored.set(r.id, { fingerprints: [print], version: r.version });
        else if (previous.version === r.version) previous.fingerprints.push(print);
      }
    }
    return stored;
  }

  async write(accepted: readonly AcceptedRecord[], rejected: readonly RejectedRecord[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    const now = Date.now();
    const stored = accepted.length ? await this.stored(accepted.map((a) => a.row.id)) : new Map();
    const rows: Record<string, unknown>[] = [];
    const stale: RejectedRecord[] = [];
    for (const a of accepted) {
      const previous = stored.get(a.row.id);
      // Rows are not used after this batch, so the version is set in place rather than copying each row.
      if (!previous) {
        a.row.version = a.updatedAtMs ?? now;
        rows.push(a.row);
        outcomes.push("inserted");
      } else if (previous.fingerprints.includes(fingerprint(this.kind, a.row))) {
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
          raw: JSON.stringify(a.row),
        });
        outcomes.push("stale");
      } else {
        a.row.version = a.updatedAtMs ?? Math.max(now, previous.version + 1);
        rows.push(a.row);
        outcomes.push("updated");
      }
    }
    await this.db.insert("ingest.write", this.table, rows);
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
