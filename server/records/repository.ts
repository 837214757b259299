/**
 * One record (ticket, conversation, survey response) with what belongs to it, for the record
 * pages. Each read takes the newest version of the record by `id` (ORDER BY version DESC
 * LIMIT 1: no FINAL, which would merge the whole table for one row), checks the caller's scope
 * on it, and masks personal data in free text unless asked not to.
 *
 * Free text is shown redacted by default: a conversation's utterances come from the tagger's
 * `redacted_text` (latest tagging) when that tagging matches the record, otherwise they are
 * redacted here with the same redactor, so raw personal data never reaches a page by default.
 */
import { z } from "zod";
import type { Caller } from "../auth/caller";
import { recordInScope } from "../auth/scope";
import type { Db } from "../clickhouse/client";
import { sql, type Sql } from "../clickhouse/sql";
import { redact } from "../text/pii";

/** A point in time: its text in the configured timezone and its epoch seconds (for durations). */
export interface Moment {
  text: string;
  epoch: number;
}

const TIME_COLUMNS = ["created_at", "first_response_at", "resolved_at", "closed_at", "started_at", "answered_at", "ended_at", "responded_at"] as const;
type TimeColumn = (typeof TIME_COLUMNS)[number];
const TEXT_ALIASES = TIME_COLUMNS.map((c) => `${c}_text` as const);
const EPOCH_ALIASES = TIME_COLUMNS.map((c) => `${c}_epoch` as const);

/**
 * `<col>_text` (in `timezone`, '' when NULL) and `<col>_epoch` for each time column. The aliases
 * differ from the column names: on ClickHouse 18.16 an alias named like a column replaces it in
 * WHERE and ORDER BY.
 */
function timeColumns(columns: readonly TimeColumn[], timezone: string): Sql {
  return sql.join(
    columns.map((c) => {
      const column = sql.ident(c, TIME_COLUMNS);
      const text = sql.ident(`${c}_text`, TEXT_ALIASES);
      const epoch = sql.ident(`${c}_epoch`, EPOCH_ALIASES);
      return sql`if(isNull(${column}), '', toString(assumeNotNull(${column}), ${timezone})) AS ${text}, toUInt32(${column}) AS ${epoch}`;
    }),
  );
}

function timeFields<C extends TimeColumn>(columns: readonly C[]) {
  return Object.fromEntries(columns.flatMap((c) => [[`${c}_text`, z.string()], [`${c}_epoch`, z.number().nullable()]])) as {
    [K in `${C}_text`]: z.ZodString;
  } & { [K in `${C}_epoch`]: z.ZodNullable<z.ZodNumber> };
}

function moment(row: Record<string, unknown>, column: TimeColumn): Moment | null {
  const text = row[`${column}_text`];
  const epoch = row[`${column}_epoch`];
  return typeof text === "string" && text !== "" && typeof epoch === "number" ? { text, epoch } : null;
}

const masked = (text: string) => redact(text).text;

// ---------------------------------------------------------------------------------------------
// Tagging (nlp_results, qa_flags)

type RecordKind = "conversation" | "ticket" | "survey";

const TaggingRow = z.object({
  tagger_version: z.string(),
  version: z.coerce.string(),
  language: z.string(),
  sentiment: z.number(),
  sentiment_start: z.number(),
  sentiment_end: z.number(),
  utt_sentiment: z.array(z.number()),
  keywords: z.array(z.string()),
  topics: z.array(z.string()),
  pii_kinds: z.array(z.string()),
  redacted_text: z.array(z.string()),
  compliance_misses: z.array(z.string()),
  tagged_text: z.string(),
  tagged_epoch: z.number(),
});
type TaggingRow = z.infer<typeof TaggingRow>;

/** The latest tagging of a record (any tagger version), or null when it is not tagged yet. */
async function latestTagging(dbx: Db, kind: RecordKind, id: string, timezone: string): Promise<TaggingRow | null> {
  const rows = await dbx.query(
    "records.tagging",
    sql`SELECT tagger_version, version, language, sentiment, sentiment_start, sentiment_end, utt_sentiment, keywords, topics,
               pii_kinds, redacted_text, compliance_misses, toString(tagged_at, ${timezone}) AS tagged_text, toUInt32(tagged_at) AS tagged_epoch
        FROM nlp_results
        WHERE record_kind = ${kind} AND record_id = ${id}
        ORDER BY tagged_at DESC, version DESC LIMIT 1`,
    TaggingRow,
  );
  return rows[0] ?? null;
}

export interface QaFlag {
  flag: string;
  reason: string;
  /** The evidence utterance's text, redacted by the tagger. */
  evidence: string;
  /** Index into the utterances; -1 when the flag is about the whole record (hold, transfers…). */
  utteranceIndex: number;
}

const FlagRow = z.object({ flag: z.string(), reason: z.string(), evidence: z.string(), utterance_index: z.number() });

/** The flags written together with that tagging (same tagger version and row version). */
async function flagsOf(dbx: Db, kind: RecordKind, id: string, tagging: TaggingRow): Promise<QaFlag[]> {
  const rows = await dbx.query(
    "records.flags",
    sql`SELECT flag, reason, evidence, utterance_index FROM qa_flags FINAL
        WHERE record_kind = ${kind} AND record_id = ${id} AND tagger_version = ${tagging.tagger_version} AND version = ${BigInt(tagging.version)}
        ORDER BY utterance_index, flag`,
    FlagRow,
  );
  return rows.map((r) => ({ flag: r.flag, reason: r.reason, evidence: r.evidence, utteranceIndex: r.utterance_index }));
}

export interface TaggingFacts {
  taggerVersion: string;
  taggedAt: string;
  /** The record changed after it was tagged: its figures may describe an earlier version. */
  stale: boolean;
  language: string;
  sentiment: number;
  sentimentStart: number;
  sentimentEnd: number;
  keywords: string[];
  topics: string[];
  piiKinds: string[];
  complianceMisses: string[];
}

function taggingFacts(t: TaggingRow, ingestedEpoch: number): TaggingFacts {
  return {
    taggerVersion: t.tagger_version,
    taggedAt: t.tagged_text,
    stale: t.tagged_epoch < ingestedEpoch,
    language: t.language,
    sentiment: t.sentiment,
    sentimentStart: t.sentiment_start,
    sentimentEnd: t.sentiment_end,
    keywords: t.keywords,
    topics: t.topics,
    piiKinds: t.pii_kinds,
    complianceMisses: t.compliance_misses,
  };
}

// ---------------------------------------------------------------------------------------------
// Linked records (lists on a ticket's or a conversation's page)

export interface LinkedConversation {
  id: string;
  startedAt: Moment | null;
  channel: string;
  direction: string;
  team: string;
  agent: string;
  handledBy: string;
  talkSeconds: number;
  abandoned: boolean;
}

export interface LinkedSurvey {
  id: string;
  respondedAt: Moment | null;
  kind: string;
  score: number;
  /** Redacted. */
  comment: string;
  team: string;
  agent: string;
  ticketId: string;
  conversationId: string;
}

const LINK_LIMIT = 200;

const LinkedConversationRow = z.object({
  id: z.string(),
  ticket_id: z.string(),
  channel: z.string(),
  direction: z.string(),
  team: z.string(),
  agent: z.string(),
  handled_by: z.string(),
  talk_seconds: z.number(),
  abandoned: z.number(),
  ...timeFields(["started_at"]),
});

async function conversationsOfTicket(dbx: Db, caller: Caller, ticketId: string, timezone: string): Promise<LinkedConversation[]> {
  // The newest version of every conversation that ever named this ticket; kept if it still does.
  const rows = await dbx.query(
    "records.ticketConversations",
    sql`SELECT id, ticket_id, channel, direction, team, agent, handled_by, talk_seconds, abandoned, ${timeColumns(["started_at"], timezone)}
        FROM conversations
        WHERE id IN (SELECT id FROM conversations WHERE ticket_id = ${ticketId})
        ORDER BY version DESC, ingested_at DESC LIMIT 1 BY id LIMIT ${LINK_LIMIT}`,
    LinkedConversationRow,
  );
  return rows
    .filter((r) => r.ticket_id === ticketId && recordInScope(caller, r))
    .map((r) => ({
      id: r.id,
      startedAt: moment(r, "started_at"),
      channel: r.channel,
      direction: r.direction,
      team: r.team,
      agent: r.agent,
      handledBy: r.handled_by,
      talkSeconds: r.talk_seconds,
      abandoned: r.abandoned === 1,
    }))
    .sort((a, b) => (a.startedAt?.epoch ?? 0) - (b.startedAt?.epoch ?? 0) || (a.id < b.id ? -1 : 1));
}

const LinkedSurveyRow = z.object({
  id: z.string(),
  kind: z.string(),
  score: z.number(),
  comment: z.string(),
  team: z.string(),
  agent: z.string(),
  ticket_id: z.string(),
  conversation_id: z.string(),
  ...timeFields(["responded_at"]),
});

const SURVEY_LINKS = ["ticket_id", "conversation_id"] as const;

async function surveysOf(dbx: Db, caller: Caller, link: (typeof SURVEY_LINKS)[number], id: string, timezone: string): Promise<LinkedSurvey[]> {
  const column = sql.ident(link, SURVEY_LINKS);
  const rows = await dbx.query(
    "records.linkedSurveys",
    sql`SELECT id, kind, score, comment, team, agent, ticket_id, conversation_id, ${timeColumns(["responded_at"], timezone)}
        FROM survey_responses
        WHERE id IN (SELECT id FROM survey_responses WHERE ${column} = ${id})
        ORDER BY version DESC, ingested_at DESC LIMIT 1 BY id LIMIT ${LINK_LIMIT}`,
    LinkedSurveyRow,
  );
  return rows
    .filter((r) => r[link] === id && recordInScope(caller, r))
    .map((r) => ({
      id: r.id,
      respondedAt: moment(r, "responded_at"),
      kind: r.kind,
      score: r.score,
      comment: masked(r.comment),
      team: r.team,
      agent: r.agent,
      ticketId: r.ticket_id,
      conversationId: r.conversation_id,
    }))
    .sort((a, b) => (a.respondedAt?.epoch ?? 0) - (b.respondedAt?.epoch ?? 0) || (a.id < b.id ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Ticket

const TICKET_TIMES = ["created_at", "first_response_at", "resolved_at", "closed_at"] as const;

const TicketRow = z.object({
  id: z.string(),
  status: z.string(),
  priority: z.string(),
  sla_tier: z.string(),
  channel: z.string(),
  category: z.string(),
  subject: z.string(),
  description: z.string(),
  team: z.string(),
  agent: z.string(),
  customer_id: z.string(),
  region: z.string(),
  product: z.string(),
  language: z.string(),
  reopen_count: z.number(),
  escalation_level: z.string(),
  tags: z.array(z.string()),
  source: z.string(),
  ingested_epoch: z.number(),
  ...timeFields(TICKET_TIMES),
});

export interface TicketRecord {
  id: string;
  timezone: string;
  createdAt: Moment;
  firstResponseAt: Moment | null;
  resolvedAt: Moment | null;
  closedAt: Moment | null;
  status: string;
  priority: string;
  slaTier: string;
  channel: string;
  category: string;
  /** Subject and description, redacted. */
  subject: string;
  description: string;
  team: string;
  agent: string;
  customerId: string;
  region: string;
  product: string;
  language: string;
  reopenCount: number;
  escalationLevel: string;
  tags: string[];
  source: string;
  tagging: TaggingFacts | null;
  conversations: LinkedConversation[];
  surveys: LinkedSurvey[];
}

/** A ticket with its conversations and survey responses, or null when unknown or out of scope. */
export async function ticketRecord(dbx: Db, caller: Caller, id: string, timezone: string): Promise<TicketRecord | null> {
  const [row] = await dbx.query(
    "records.ticket",
    sql`SELECT id, status, priority, sla_tier, channel, category, subject, description, team, agent, customer_id, region, product,
               language, reopen_count, escalation_level, tags, source, toUInt32(ingested_at) AS ingested_epoch,
               ${timeColumns(TICKET_TIMES, timezone)}
        FROM tickets WHERE id = ${id}
        ORDER BY version DESC, ingested_at DESC LIMIT 1`,
    TicketRow,
  );
  if (!row || !recordInScope(caller, row)) return null;
  const [tagging, conversations, surveys] = await Promise.all([
    latestTagging(dbx, "ticket", id, timezone),
    conversationsOfTicket(dbx, caller, id, timezone),
    surveysOf(dbx, caller, "ticket_id", id, timezone),
  ]);
  return {
    id: row.id,
    timezone,
    createdAt: moment(row, "created_at")!,
    firstResponseAt: moment(row, "first_response_at"),
    resolvedAt: moment(row, "resolved_at"),
    closedAt: moment(row, "closed_at"),
    status: row.status,
    priority: row.priority,
    slaTier: row.sla_tier,
    channel: row.channel,
    category: row.category,
    subject: masked(row.subject),
    description: masked(row.description),
    team: row.team,
    agent: row.agent,
    customerId: row.customer_id,
    region: row.region,
    product: row.product,
    language: row.language,
    reopenCount: row.reopen_count,
    escalationLevel: row.escalation_level,
    tags: row.tags,
    source: row.source,
    tagging: tagging && taggingFacts(tagging, row.ingested_epoch),
    conversations,
    surveys,
  };
}

// ---------------------------------------------------------------------------------------------
// Conversation

const CONVERSATION_TIMES = ["started_at", "answered_at", "ended_at"] as const;

const ConversationRow = z.object({
  id: z.string(),
  channel: z.string(),
  direction: z.string(),
  queue: z.string(),
  team: z.string(),
  agent: z.string(),
  customer_id: z.string(),
  ticket_id: z.string(),
  language: z.string(),
  region: z.string(),
  product: z.string(),
  wait_seconds: z.number(),
  talk_seconds: z.number(),
  hold_seconds: z.number(),
  acw_seconds: z.number(),
  abandoned: z.number(),
  transfer_count: z.number(),
  handled_by: z.string(),
  bot_resolved: z.number(),
  utt_speaker: z.array(z.string()),
  utt_start_ms: z.array(z.number()),
  utt_end_ms: z.array(z.number()),
  utt_text: z.array(z.string()),
  source: z.string(),
  ingested_epoch: z.number(),
  ...timeFields(CONVERSATION_TIMES),
});

export interface Utterance {
  index: number;
  speaker: string;
  /** ms from the start of the conversation. */
  startMs: number | null;
  endMs: number | null;
  text: string;
  /** The tagger's sentiment of this utterance (−1…1), null when not tagged. */
  sentiment: number | null;
}

export interface ConversationRecord {
  id: string;
  timezone: string;
  startedAt: Moment;
  answeredAt: Moment | null;
  endedAt: Moment | null;
  channel: string;
  direction: string;
  queue: string;
  team: string;
  agent: string;
  customerId: string;
  ticketId: string;
  language: string;
  region: string;
  product: string;
  waitSeconds: number;
  talkSeconds: number;
  holdSeconds: number;
  acwSeconds: number;
  abandoned: boolean;
  transferCount: number;
  handledBy: string;
  botResolved: boolean;
  source: string;
  utterances: Utterance[];
  /**
   * How the utterance texts were produced: as recorded (`unredacted`, only on request and with
   * the permission), masked by the tagger, or masked on the fly (not tagged yet, or tagged
   * before the record last changed).
   */
  text: "unredacted" | "redacted_by_tagger" | "redacted_on_the_fly";
  tagging: TaggingFacts | null;
  flags: QaFlag[];
  surveys: LinkedSurvey[];
}

/** A conversation with its transcript, tagging and QA flags, or null when unknown or out of scope. */
export async function conversationRecord(
  dbx: Db,
  caller: Caller,
  id: string,
  options: { timezone: string; unredacted: boolean },
): Promise<ConversationRecord | null> {
  const { timezone } = options;
  const [row] = await dbx.query(
    "records.conversation",
    sql`SELECT id, channel, direction, queue, team, agent, customer_id, ticket_id, language, region, product, wait_seconds,
               talk_seconds, hold_seconds, acw_seconds, abandoned, transfer_count, handled_by, bot_resolved,
               utt_speaker, utt_start_ms, utt_end_ms, utt_text, source, toUInt32(ingested_at) AS ingested_epoch,
               ${timeColumns(CONVERSATION_TIMES, timezone)}
        FROM conversations WHERE id = ${id}
        ORDER BY version DESC, ingested_at DESC LIMIT 1`,
    ConversationRow,
  );
  if (!row || !recordInScope(caller, row)) return null;
  const [tagging, surveys] = await Promise.all([latestTagging(dbx, "conversation", id, timezone), surveysOf(dbx, caller, "conversation_id", id, timezone)]);
  const flags = tagging ? await flagsOf(dbx, "conversation", id, tagging) : [];
  const facts = tagging && taggingFacts(tagging, row.ingested_epoch);
  const count = row.utt_text.length;
  // The tagger's texts and scores line up with the utterances only if it tagged this version.
  const aligned = tagging !== null && !facts!.stale && tagging.redacted_text.length === count;
  const text: ConversationRecord["text"] = options.unredacted ? "unredacted" : aligned ? "redacted_by_tagger" : "redacted_on_the_fly";
  const utterances = row.utt_text.map(
    (raw, i): Utterance => ({
      index: i,
      speaker: row.utt_speaker[i] ?? "",
      startMs: row.utt_start_ms[i] ?? null,
      endMs: row.utt_end_ms[i] ?? null,
      text: text === "unredacted" ? raw : text === "redacted_by_tagger" ? tagging!.redacted_text[i]! : masked(raw),
      sentiment: aligned && tagging!.utt_sentiment.length === count ? tagging!.utt_sentiment[i]! : null,
    }),
  );
  return {
    id: row.id,
    timezone,
    startedAt: moment(row, "started_at")!,
    answeredAt: moment(row, "answered_at"),
    endedAt: moment(row, "ended_at"),
    channel: row.channel,
    direction: row.direction,
    queue: row.queue,
    team: row.team,
    agent: row.agent,
    customerId: row.customer_id,
    ticketId: row.ticket_id,
    language: row.language,
    region: row.region,
    product: row.product,
    waitSeconds: row.wait_seconds,
    talkSeconds: row.talk_seconds,
    holdSeconds: row.hold_seconds,
    acwSeconds: row.acw_seconds,
    abandoned: row.abandoned === 1,
    transferCount: row.transfer_count,
    handledBy: row.handled_by,
    botResolved: row.bot_resolved === 1,
    source: row.source,
    utterances,
    text,
    tagging: facts,
    // Flags point at utterances of the version that was tagged; an index past the end is dropped to -1.
    flags: flags.map((f) => (f.utteranceIndex < count ? f : { ...f, utteranceIndex: -1 })),
    surveys,
  };
}

// ---------------------------------------------------------------------------------------------
// Survey response

const SurveyRow = z.object({
  id: z.string(),
  kind: z.string(),
  score: z.number(),
  comment: z.string(),
  ticket_id: z.string(),
  conversation_id: z.string(),
  customer_id: z.string(),
  channel: z.string(),
  team: z.string(),
  agent: z.string(),
  region: z.string(),
  product: z.string(),
  language: z.string(),
  source: z.string(),
  ingested_epoch: z.number(),
  ...timeFields(["responded_at"]),
});

export interface SurveyRecord {
  id: string;
  timezone: string;
  respondedAt: Moment;
  kind: string;
  score: number;
  /** Redacted. */
  comment: string;
  ticketId: string;
  conversationId: string;
  customerId: string;
  channel: string;
  team: string;
  agent: string;
  region: string;
  product: string;
  language: string;
  source: string;
  tagging: TaggingFacts | null;
}

export async function surveyRecord(dbx: Db, caller: Caller, id: string, timezone: string): Promise<SurveyRecord | null> {
  const [row] = await dbx.query(
    "records.survey",
    sql`SELECT id, kind, score, comment, ticket_id, conversation_id, customer_id, channel, team, agent, region, product, language,
               source, toUInt32(ingested_at) AS ingested_epoch, ${timeColumns(["responded_at"], timezone)}
        FROM survey_responses WHERE id = ${id}
        ORDER BY version DESC, ingested_at DESC LIMIT 1`,
    SurveyRow,
  );
  if (!row || !recordInScope(caller, row)) return null;
  const tagging = await latestTagging(dbx, "survey", id, timezone);
  return {
    id: row.id,
    timezone,
    respondedAt: moment(row, "responded_at")!,
    kind: row.kind,
    score: row.score,
    comment: masked(row.comment),
    ticketId: row.ticket_id,
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    channel: row.channel,
    team: row.team,
    agent: row.agent,
    region: row.region,
    product: row.product,
    language: row.language,
    source: row.source,
    tagging: tagging && taggingFacts(tagging, row.ingested_epoch),
  };
}
