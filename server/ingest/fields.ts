/**
 * The canonical record formats, declared once: the validator, the table rows, the CSV column
 * handling and the README examples all follow these lists.
 */

export const RECORD_KINDS = ["tickets", "conversations", "surveys"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const TABLE_OF: Record<RecordKind, "tickets" | "conversations" | "survey_responses"> = {
  tickets: "tickets",
  conversations: "conversations",
  surveys: "survey_responses",
};

/** The column that places a record in time (and in the table's sort key). */
export const TIME_FIELD: Record<RecordKind, string> = {
  tickets: "created_at",
  conversations: "started_at",
  surveys: "responded_at",
};

export const CHANNELS = ["phone", "chat", "email", "web", "wechat", "app", "social", "sms", "other"] as const;
export const TICKET_STATUSES = ["new", "open", "pending", "on_hold", "resolved", "closed"] as const;
export const PRIORITIES = ["P0", "P1", "P2", "P3"] as const;
export const SLA_TIERS = ["basic", "advanced", "enterprise"] as const;
export const ESCALATION_LEVELS = ["L1", "L2", "L3"] as const;
export const SPEAKERS = ["agent", "customer", "bot"] as const;
export const SURVEY_KINDS = ["nps", "csat", "ces"] as const;
export const SCORE_RANGES: Record<(typeof SURVEY_KINDS)[number], [number, number]> = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

export type FieldSpec =
  | { type: "id"; required: true }
  | { type: "string"; max: number; required?: boolean }
  | { type: "enum"; values: readonly string[]; required?: boolean; default?: string; allowEmpty?: boolean }
  | { type: "timestamp"; required?: boolean }
  | { type: "int"; min: number; max: number; default?: number; required?: boolean }
  | { type: "bool"; default: boolean }
  | { type: "tags" }
  | { type: "utterances" };

const name = { type: "string", max: 200 } as const;

export const FIELDS: Record<RecordKind, Record<string, FieldSpec>> = {
  tickets: {
    id: { type: "id", required: true },
    created_at: { type: "timestamp", required: true },
    first_response_at: { type: "timestamp" },
    resolved_at: { type: "timestamp" },
    closed_at: { type: "timestamp" },
    updated_at: { type: "timestamp" },
    status: { type: "enum", values: TICKET_STATUSES, required: true },
    priority: { type: "enum", values: PRIORITIES, required: true },
    sla_tier: { type: "enum", values: SLA_TIERS, default: "basic" },
    channel: { type: "enum", values: CHANNELS, required: true },
    category: name,
    subject: { type: "string", max: 1000 },
    description: { type: "string", max: 50_000 },
    team: name,
    agent: name,
    customer_id: name,
    region: name,
    product: name,
    language: { type: "string", max: 16 },
    reopen_count: { type: "int", min: 0, max: 1000, default: 0 },
    escalation_level: { type: "enum", values: ESCALATION_LEVELS, default: "L1" },
    tags: { type: "tags" },
  },
  conversations: {
    id: { type: "id", required: true },
    channel: { type: "enum", values: CHANNELS, required: true },
    started_at: { type: "timestamp", required: true },
    answered_at: { type: "timestamp" },
    ended_at: { type: "timestamp" },
    updated_at: { type: "timestamp" },
    direction: { type: "enum", values: ["inbound", "outbound"], default: "inbound" },
    queue: name,
    team: name,
    agent: name,
    customer_id: name,
    ticket_id: name,
    language: { type: "string", max: 16 },
    region: name,
    product: name,
    wait_seconds: { type: "int", min: 0, max: 604_800, default: 0 },
    talk_seconds: { type: "int", min: 0, max: 604_800, default: 0 },
    hold_seconds: { type: "int", min: 0, max: 604_800, default: 0 },
    acw_seconds: { type: "int", min: 0, max: 604_800, default: 0 },
    abandoned: { type: "bool", default: false },
    transfer_count: { type: "int", min: 0, max: 255, default: 0 },
    handled_by: { type: "enum", values: ["agent", "bot"], allowEmpty: true },
    bot_resolved: { type: "bool", default: false },
    utterances: { type: "utterances" },
  },
  surveys: {
    id: { type: "id", required: true },
    responded_at: { type: "timestamp", required: true },
    updated_at: { type: "timestamp" },
    kind: { type: "enum", values: SURVEY_KINDS, required: true },
    score: { type: "int", min: -32768, max: 32767, required: true },
    comment: { type: "string", max: 10_000 },
    ticket_id: name,
    conversation_id: name,
    customer_id: name,
    channel: { type: "enum", values: CHANNELS, allowEmpty: true },
    team: name,
    agent: name,
    region: name,
    product: name,
    language: { type: "string", max: 16 },
  },
};

export const LIMITS = {
  idLength: 128,
  tags: 50,
  tagLength: 100,
  utterances: 5000,
  utteranceText: 10_000,
  /** Utterance start and end in ms: ClickHouse UInt32. */
  utteranceMs: 4_294_967_295,
  /** Timestamps further ahead than this (clock skew allowance) are rejected as future. */
  futureToleranceMs: 10 * 60_000,
  /** Raw text kept per rejected row. */
  rawKept: 64 * 1024,
} as const;
