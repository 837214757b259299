/** Rows as inserted (JSONEachRow): the column names and value forms of sql/migrations/0001_init.sql. */

export interface TicketRow {
  id: string;
  created_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  status: "open" | "pending" | "resolved" | "closed";
  priority: string;
  sla_tier: string;
  channel: string;
  category: string;
  subject: string;
  description: string;
  team: string;
  agent: string;
  customer_id: string;
  region: string;
  product: string;
  language: string;
  reopen_count: number;
  escalation_level: string;
  tags: string[];
  source: "demo";
  version: number;
}

export interface ConversationRow {
  id: string;
  channel: string;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  direction: "inbound" | "outbound";
  queue: string;
  team: string;
  agent: string;
  customer_id: string;
  ticket_id: string;
  language: string;
  region: string;
  product: string;
  wait_seconds: number;
  talk_seconds: number;
  hold_seconds: number;
  acw_seconds: number;
  abandoned: number;
  transfer_count: number;
  handled_by: string;
  bot_resolved: number;
  utt_speaker: string[];
  utt_start_ms: number[];
  utt_end_ms: number[];
  utt_text: string[];
  source: "demo";
  version: number;
}

export interface SurveyRow {
  id: string;
  responded_at: string;
  kind: "nps" | "csat" | "ces";
  score: number;
  comment: string;
  ticket_id: string;
  conversation_id: string;
  customer_id: string;
  channel: string;
  team: string;
  agent: string;
  region: string;
  product: string;
  language: string;
  source: "demo";
  version: number;
}

export type DemoRecord =
  | { table: "tickets"; row: TicketRow }
  | { table: "conversations"; row: ConversationRow }
  | { table: "survey_responses"; row: SurveyRow }
  /** Emitted after each generated day, so the loader can report progress. */
  | { table: "progress"; day: number; days: number };

/** Every generated row carries this version: one generation, one version. */
export const DEMO_VERSION = 1;
