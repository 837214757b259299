import { formatDateTime, pad } from "../clickhouse/sql";
import { tsvLine } from "../clickhouse/tsv";
import type { RecordKind } from "./fields";
import { DAY_MS } from "./timestamps";
import type { CanonicalRecord } from "./validate";

export type TableRow = Record<string, unknown> & { id: string };

interface Utterance {
  speaker: string;
  start_ms: number;
  end_ms: number;
  text: string;
}

/** "YYYY-MM-DD " per day: a load formats millions of timestamps over a few hundred days. */
const dayPrefix = new Map<number, string>();

/** A DateTime as ClickHouse writes it (UTC; validation has kept it within 1970–2105). */
function dt(ms: unknown): string | null {
  if (typeof ms !== "number") return null;
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    if (dayPrefix.size > 100_000) dayPrefix.clear();
    prefix = formatDateTime(new Date(day * DAY_MS)).slice(0, 11);
    dayPrefix.set(day, prefix);
  }
  const s = Math.floor((ms - day * DAY_MS) / 1000);
  return `${prefix}${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** Who handled a conversation when the export does not say: nobody if abandoned, else whoever spoke. */
function handledBy(r: CanonicalRecord): string {
  if (r.handled_by) return r.handled_by as string;
  if (r.abandoned) return "";
  const utterances = r.utterances as Utterance[];
  if (r.agent || utterances.some((u) => u.speaker === "agent")) return "agent";
  if (utterances.some((u) => u.speaker === "bot")) return "bot";
  return "";
}

type Column = [name: string, value: (r: CanonicalRecord, source: string) => unknown];
const field = (name: string): Column => [name, (r) => r[name]];
const time = (name: string): Column => [name, (r) => dt(r[name])];
const flag = (name: string): Column => [name, (r) => (r[name] ? 1 : 0)];
const spoken = (name: string, key: keyof Utterance): Column => [name, (r) => (r.utterances as Utterance[]).map((u) => u[key])];
const source: Column = ["source", (_r, s) => s];

/**
 * The columns that make up a record's content, in table order, and how each is made from a
 * validated record. Two rows with equal values here are the same record; version and
 * ingested_at are bookkeeping.
 */
const COLUMNS: Record<RecordKind, readonly Column[]> = {
  tickets: [
    field("id"), time("created_at"), time("first_response_at"), time("resolved_at"), time("closed_at"), field("status"),
    field("priority"), field("sla_tier"), field("channel"), field("category"), field("subject"), field("description"),
    field("team"), field("agent"), field("customer_id"), field("region"), field("product"), field("language"),
    field("reopen_count"), field("escalation_level"), field("tags"), source,
  ],
  conversations: [
    field("id"), field("channel"), time("started_at"), time("answered_at"), time("ended_at"), field("direction"),
    field("queue"), field("team"), field("agent"), field("customer_id"), field("ticket_id"), field("language"),
    field("region"), field("product"), field("wait_seconds"), field("talk_seconds"), field("hold_seconds"),
    field("acw_seconds"), flag("abandoned"), field("transfer_count"), ["handled_by", handledBy], flag("bot_resolved"),
    spoken("utt_speaker", "speaker"), spoken("utt_start_ms", "start_ms"), spoken("utt_end_ms", "end_ms"),
    spoken("utt_text", "text"), source,
  ],
  surveys: [
    field("id"), time("responded_at"), field("kind"), field("score"), field("comment"), field("ticket_id"),
    field("conversation_id"), field("customer_id"), field("channel"), field("team"), field("agent"), field("region"),
    field("product"), field("language"), source,
  ],
};

const names = (kind: RecordKind) => COLUMNS[kind].map(([name]) => name);
export const CONTENT_COLUMNS: Record<RecordKind, readonly string[]> = {
  tickets: names("tickets"),
  conversations: names("conversations"),
  surveys: names("surveys"),
};

/** A validated record as a row of its table (without version). */
export function toRow(kind: RecordKind, r: CanonicalRecord, source: string): TableRow {
  return Object.fromEntries(COLUMNS[kind].map(([name, value]) => [name, value(r, source)])) as TableRow;
}

/**
 * The record's content as one line of TabSeparated text, in CONTENT_COLUMNS order: what is
 * inserted (with the version after it), and equal to what ClickHouse returns for the same row.
 */
export function contentLine(kind: RecordKind, r: CanonicalRecord, source: string): string {
  return tsvLine(COLUMNS[kind].map(([, value]) => value(r, source)));
}
