import { formatDateTime } from "../clickhouse/sql";
import { tsvLine } from "../clickhouse/tsv";
import type { RecordKind } from "./fields";
import type { CanonicalRecord } from "./validate";

export type TableRow = Record<string, unknown> & { id: string };

/**
 * The columns that make up a record's content, in table order. Two rows with equal values here
 * are the same record; version and ingested_at are bookkeeping.
 */
export const CONTENT_COLUMNS: Record<RecordKind, readonly string[]> = {
  tickets: [
    "id", "created_at", "first_response_at", "resolved_at", "closed_at", "status", "priority", "sla_tier", "channel",
    "category", "subject", "description", "team", "agent", "customer_id", "region", "product", "language",
    "reopen_count", "escalation_level", "tags", "source",
  ],
  conversations: [
    "id", "channel", "started_at", "answered_at", "ended_at", "direction", "queue", "team", "agent", "customer_id",
    "ticket_id", "language", "region", "product", "wait_seconds", "talk_seconds", "hold_seconds", "acw_seconds",
    "abandoned", "transfer_count", "handled_by", "bot_resolved", "utt_speaker", "utt_start_ms", "utt_end_ms",
    "utt_text", "source",
  ],
  surveys: [
    "id", "responded_at", "kind", "score", "comment", "ticket_id", "conversation_id", "customer_id", "channel", "team",
    "agent", "region", "product", "language", "source",
  ],
};

const dt = (ms: unknown): string | null => (typeof ms === "number" ? formatDateTime(new Date(ms)) : null);

interface Utterance {
  speaker: string;
  start_ms: number;
  end_ms: number;
  text: string;
}

/** Who handled a conversation when the export does not say: nobody if abandoned, else whoever spoke. */
function handledBy(r: CanonicalRecord, utterances: Utterance[]): string {
  if (r.handled_by) return r.handled_by as string;
  if (r.abandoned) return "";
  if (r.agent || utterances.some((u) => u.speaker === "agent")) return "agent";
  if (utterances.some((u) => u.speaker === "bot")) return "bot";
  return "";
}

/** A validated record as a row of its table (without version). */
export function toRow(kind: RecordKind, r: CanonicalRecord, source: string): TableRow {
  switch (kind) {
    case "tickets":
      return {
        id: r.id,
        created_at: dt(r.created_at),
        first_response_at: dt(r.first_response_at),
        resolved_at: dt(r.resolved_at),
        closed_at: dt(r.closed_at),
        status: r.status,
        priority: r.priority,
        sla_tier: r.sla_tier,
        channel: r.channel,
        category: r.category,
        subject: r.subject,
        description: r.description,
        team: r.team,
        agent: r.agent,
        customer_id: r.customer_id,
        region: r.region,
        product: r.product,
        language: r.language,
        reopen_count: r.reopen_count,
        escalation_level: r.escalation_level,
        tags: r.tags,
        source,
      };
    case "conversations": {
      const utterances = r.utterances as Utterance[];
      return {
        id: r.id,
        channel: r.channel,
        started_at: dt(r.started_at),
        answered_at: dt(r.answered_at),
        ended_at: dt(r.ended_at),
        direction: r.direction,
        queue: r.queue,
        team: r.team,
        agent: r.agent,
        customer_id: r.customer_id,
        ticket_id: r.ticket_id,
        language: r.language,
        region: r.region,
        product: r.product,
        wait_seconds: r.wait_seconds,
        talk_seconds: r.talk_seconds,
        hold_seconds: r.hold_seconds,
        acw_seconds: r.acw_seconds,
        abandoned: r.abandoned ? 1 : 0,
        transfer_count: r.transfer_count,
        handled_by: handledBy(r, utterances),
        bot_resolved: r.bot_resolved ? 1 : 0,
        utt_speaker: utterances.map((u) => u.speaker),
        utt_start_ms: utterances.map((u) => u.start_ms),
        utt_end_ms: utterances.map((u) => u.end_ms),
        utt_text: utterances.map((u) => u.text),
        source,
      };
    }
    case "surveys":
      return {
        id: r.id,
        responded_at: dt(r.responded_at),
        kind: r.kind,
        score: r.score,
        comment: r.comment,
        ticket_id: r.ticket_id,
        conversation_id: r.conversation_id,
        customer_id: r.customer_id,
        channel: r.channel,
        team: r.team,
        agent: r.agent,
        region: r.region,
        product: r.product,
        language: r.language,
        source,
      };
  }
}

/**
 * The record's content as one line of TabSeparated text, in CONTENT_COLUMNS order: what is
 * inserted (with the version after it), and equal to what ClickHouse returns for the same row.
 */
export function contentLine(kind: RecordKind, row: TableRow): string {
  const columns = CONTENT_COLUMNS[kind];
  const values = new Array<unknown>(columns.length);
  for (let i = 0; i < columns.length; i++) values[i] = row[columns[i]!];
  return tsvLine(values);
}
