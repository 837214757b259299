/**
 * Reading the records still to tag and writing what the tagger made of them.
 *
 * "Still to tag" = no row in nlp_results for the current tagger version. A worker takes the
 * records with cityHash64(id) % N = k in batches, in (record time, id) order: the tables are
 * sorted by day then id, so a batch reads only the granules of its own days instead of the whole
 * table. A stopped job resumes from the anti-join, and a re-run finds nothing to do.
 */
import { z } from "zod";
import type { Db } from "../../server/clickhouse/client";
import { formatDateTime, parseDateTime, sql, type Sql } from "../../server/clickhouse/sql";
import { tsvFloat, tsvLine } from "../../server/clickhouse/tsv";
import type { RecordKind, TagInput, TagOutput } from "./tagger";
import type { Utterance } from "./utterances";

export interface Shard {
  k: number;
  n: number;
}

interface KindSpec {
  table: "conversations" | "tickets" | "survey_responses";
  time: "started_at" | "created_at" | "responded_at";
  /** Rows of this table that carry text to tag. */
  where: Sql;
}

export const KINDS: Record<RecordKind, KindSpec> = {
  conversation: { table: "conversations", time: "started_at", where: sql`1` },
  ticket: { table: "tickets", time: "created_at", where: sql`1` },
  survey: { table: "survey_responses", time: "responded_at", where: sql`comment != ''` },
};
export const RECORD_KINDS = Object.keys(KINDS) as RecordKind[];

/** `(v1, v2, …)` for IN: an index-friendly set literal (an array literal would need has()). */
function inList(values: readonly string[]): Sql {
  return sql`(${sql.list(values)})`;
}

const TABLES = ["conversations", "tickets", "survey_responses"] as const;
const TIMES = ["started_at", "created_at", "responded_at"] as const;

/** Where the previous batch ended: its last record's time and id. */
export interface Cursor {
  t: string;
  id: string;
}

function pending(kind: RecordKind, version: string, shard: Shard, after: Cursor | null): Sql {
  const spec = KINDS[kind];
  const time = sql.ident(spec.time, TIMES);
  return sql`${spec.where}
    AND cityHash64(id) % ${shard.n} = ${shard.k}
    ${after === null ? sql.empty : sql`AND ${time} >= toDateTime(${after.t}, 'UTC')`}
    AND id NOT IN (SELECT record_id FROM nlp_results WHERE record_kind = ${kind} AND tagger_version = ${version})`;
}

export async function countPending(db: Db, kind: RecordKind, version: string, shard: Shard): Promise<number> {
  const spec = KINDS[kind];
  const rows = await db.query(
    "nlp.countPending",
    sql`SELECT uniqExact(id) AS n FROM ${sql.ident(spec.table, TABLES)} WHERE ${pending(kind, version, shard, null)}`,
    z.object({ n: z.coerce.number() }),
  );
  return rows[0]?.n ?? 0;
}

/**
 * The next batch to tag after `after`, in (time, id) order. The time of a record is that of its
 * newest version (a re-sent record may have moved).
 */
export async function nextIds(db: Db, kind: RecordKind, version: string, shard: Shard, after: Cursor | null, limit: number): Promise<Cursor[]> {
  const spec = KINDS[kind];
  const time = sql.ident(spec.time, TIMES);
  return db.query(
    "nlp.nextIds",
    sql`SELECT id, toString(argMax(${time}, version)) AS t FROM ${sql.ident(spec.table, TABLES)}
        WHERE ${pending(kind, version, shard, after)}
        GROUP BY id
        ${after === null ? sql.empty : sql`HAVING t > ${after.t} OR (t = ${after.t} AND id > ${after.id})`}
        ORDER BY t, id LIMIT ${limit}`,
    z.object({ id: z.string(), t: z.string() }),
  );
}

/** Limits a read to the days of a batch, so ClickHouse skips the other granules. */
function timeRange(kind: RecordKind, batch: readonly Cursor[]): Sql {
  const time = sql.ident(KINDS[kind].time, TIMES);
  return sql`${time} >= toDateTime(${batch[0]!.t}, 'UTC') AND ${time} <= toDateTime(${batch[batch.length - 1]!.t}, 'UTC')`;
}

const conversationRow = z.object({
  id: z.string(),
  version: z.coerce.number(),
  t: z.string(),
  channel: z.string(),
  customer_id: z.string(),
  hold_seconds: z.coerce.number(),
  transfer_count: z.coerce.number(),
  utt_speaker: z.array(z.string()),
  utt_start_ms: z.array(z.coerce.number()),
  utt_end_ms: z.array(z.coerce.number()),
  utt_text: z.array(z.string()),
});
const textRow = z.object({ id: z.string(), version: z.coerce.number(), t: z.string(), channel: z.string(), a: z.string(), b: z.string() });

export interface LoadedRecord {
  input: TagInput;
  recordTime: string;
}

/** Keeps the newest version of each id (the tables are ReplacingMergeTree, read without FINAL). */
function newest<T extends { id: string; version: number }>(rows: T[]): T[] {
  const byId = new Map<string, T>();
  for (const r of rows) {
    const seen = byId.get(r.id);
    if (!seen || r.version > seen.version) byId.set(r.id, r);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function loadRecords(db: Db, kind: RecordKind, batch: readonly Cursor[], repeatDays: number): Promise<LoadedRecord[]> {
  if (batch.length === 0) return [];
  const ids = batch.map((b) => b.id);
  if (kind === "conversation") {
    const rows = newest(
      await db.query(
        "nlp.loadConversations",
        sql`SELECT id, version, toString(started_at) AS t, channel, customer_id, hold_seconds, transfer_count,
                   utt_speaker, utt_start_ms, utt_end_ms, utt_text
            FROM conversations WHERE ${timeRange(kind, batch)} AND id IN ${inList(ids)}`,
        conversationRow,
      ),
    );
    const previous = await previousContacts(db, rows, repeatDays);
    return rows.map((r) => {
      const utterances: Utterance[] = r.utt_text.map((text, i) => ({
        speaker: r.utt_speaker[i] ?? "",
        startMs: r.utt_start_ms[i] ?? null,
        endMs: r.utt_end_ms[i] ?? null,
        text,
      }));
      return {
        recordTime: r.t,
        input: { kind, id: r.id, utterances, channel: r.channel, holdSeconds: r.hold_seconds, transferCount: r.transfer_count, previousContact: previous.get(r.id) ?? null },
      };
    });
  }
  const spec = KINDS[kind];
  const columns = kind === "ticket" ? sql`subject AS a, description AS b` : sql`comment AS a, '' AS b`;
  const rows = newest(
    await db.query(
      "nlp.loadTexts",
      sql`SELECT id, version, toString(${sql.ident(spec.time, TIMES)}) AS t, channel, ${columns}
          FROM ${sql.ident(spec.table, TABLES)} WHERE ${timeRange(kind, batch)} AND id IN ${inList(ids)}`,
      textRow,
    ),
  );
  return rows.map((r) => ({
    recordTime: r.t,
    input: {
      kind,
      id: r.id,
      utterances: [r.a, r.b].filter((t) => t.trim() !== "").map((text) => ({ speaker: "customer", startMs: null, endMs: null, text })),
      channel: r.channel,
      holdSeconds: 0,
      transferCount: 0,
      previousContact: null,
    },
  }));
}

/** For each conversation, the latest earlier conversation of the same customer inside the window. */
async function previousContacts(
  db: Db,
  rows: readonly { id: string; t: string; customer_id: string }[],
  days: number,
): Promise<Map<string, { id: string; at: string }>> {
  const out = new Map<string, { id: string; at: string }>();
  const customers = [...new Set(rows.map((r) => r.customer_id).filter((c) => c !== ""))];
  if (customers.length === 0) return out;
  // Only the batch's time span and the window before it can hold a previous contact: the table is
  // sorted by day, so this reads those days instead of every conversation ever stored.
  const windowMs = days * 86_400_000;
  const times = rows.map((r) => parseDateTime(r.t));
  const from = formatDateTime(new Date(Math.min(...times) - windowMs));
  const to = formatDateTime(new Date(Math.max(...times)));
  const history = await db.query(
    "nlp.previousContacts",
    sql`SELECT DISTINCT customer_id, id, toString(started_at) AS t FROM conversations
        WHERE started_at >= toDateTime(${from}, 'UTC') AND started_at <= toDateTime(${to}, 'UTC') AND customer_id IN ${inList(customers)}`,
    z.object({ customer_id: z.string(), id: z.string(), t: z.string() }),
  );
  const byCustomer = new Map<string, { id: string; ms: number; t: string }[]>();
  for (const h of history) {
    const list = byCustomer.get(h.customer_id) ?? [];
    list.push({ id: h.id, ms: parseDateTime(h.t), t: h.t });
    byCustomer.set(h.customer_id, list);
  }
  rows.forEach((r, i) => {
    const at = times[i]!;
    let best: { id: string; ms: number; t: string } | undefined;
    for (const h of byCustomer.get(r.customer_id) ?? []) {
      if (h.id === r.id) continue;
      // Earlier, or at the same second with a smaller id, so two contacts never flag each other.
      const earlier = h.ms < at || (h.ms === at && h.id < r.id);
      if (earlier && at - h.ms <= windowMs && (!best || h.ms > best.ms)) best = h;
    }
    if (best) out.set(r.id, { id: best.id, at: best.t });
  });
  return out;
}

const RESULT_COLUMNS = [
  "record_kind", "record_id", "tagger_version", "language", "sentiment", "sentiment_start", "sentiment_end", "utt_sentiment", "keywords",
  "topics", "pii_kinds", "redacted_text", "compliance_misses", "record_time", "tagged_at", "version",
] as const;
const FLAG_COLUMNS = ["record_kind", "record_id", "tagger_version", "flag", "reason", "evidence", "utterance_index", "record_time", "created_at", "version"] as const;

/** TabSeparated lines for nlp_results and qa_flags (ClickHouse parses them twice as fast as JSON). */
export function resultRows(kind: RecordKind, version: string, record: LoadedRecord, out: TagOutput, taggedAt: string, rowVersion: number) {
  const id = record.input.id;
  const result = tsvLine([
    kind, id, version, out.language, tsvFloat(out.sentiment), tsvFloat(out.sentimentStart), tsvFloat(out.sentimentEnd), tsvFloat(out.uttSentiment), out.keywords,
    out.topics, out.piiKinds, out.redactedText, out.compliance.map((m) => m.rule), record.recordTime, taggedAt, rowVersion,
  ]);
  const flags = out.flags.map((f) =>
    tsvLine([kind, id, version, f.flag, f.reason, f.evidence, f.utteranceIndex, record.recordTime, taggedAt, rowVersion]),
  );
  return { result, flags };
}

export async function writeResults(db: Db, results: readonly string[], flags: readonly string[]): Promise<void> {
  // Flags first: the result row is what marks a record done, so a crash in between re-tags it
  // and rewrites the same flag keys (ReplacingMergeTree keeps one).
  if (flags.length) await db.insertTsv("nlp.writeFlags", "qa_flags", FLAG_COLUMNS, flags.join("\n") + "\n");
  if (results.length) await db.insertTsv("nlp.writeResults", "nlp_results", RESULT_COLUMNS, results.join("\n") + "\n");
}
