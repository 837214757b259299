/** Calls and chats: queue wait, talk / hold / wrap-up times, transfers and the transcript. */
import { formatDateTime } from "../../server/clickhouse/sql";
import { SELF_SERVICE_TEAM, type Agent, type Category, type ConversationChannel, type Language, type Product, type Queue, type RegionId } from "./catalog";
import { nextConversationId, type GenContext } from "./context";
import type { Customer } from "./customers";
import type { Details } from "./details";
import { DEMO_VERSION, type ConversationRow } from "./rows";
import { buildTranscript } from "./transcripts";

export interface ConversationPlan {
  channel: ConversationChannel;
  outbound: boolean;
  startedAt: number;
  customer: Customer;
  lang: Language;
  region: RegionId;
  product: Product;
  category: Category;
  ticketId: string;
  queue: Queue;
  /** Who answered; null for bot-only contacts and abandoned calls. */
  agent: Agent | null;
  transfers: readonly Agent[];
  botFirst: boolean;
  botResolved: boolean;
  abandoned: boolean;
  frustrated: boolean;
  rude: boolean;
  repeat: boolean;
  spikeId: string | null;
  details: Details;
  /** Queue pressure (time of day, incidents): multiplies the wait. */
  waitFactor: number;
  /** Topic and agent effect on talk time. */
  effort: number;
}

export interface ConversationOutcome {
  row: ConversationRow;
  answeredAt: number | null;
  endedAt: number;
  waitSeconds: number;
}

const TALK_MEDIAN: Record<ConversationChannel, number> = { phone: 290, chat: 480, wechat: 620 };
const WAIT_MEDIAN: Record<ConversationChannel, number> = { phone: 17, chat: 9, wechat: 21 };

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

export function buildConversation(ctx: GenContext, plan: ConversationPlan): ConversationOutcome {
  const { rng } = ctx;
  const id = nextConversationId(ctx);
  const base = {
    id,
    channel: plan.channel,
    started_at: formatDateTime(new Date(plan.startedAt)),
    direction: plan.outbound ? ("outbound" as const) : ("inbound" as const),
    queue: plan.queue,
    customer_id: plan.customer.id,
    ticket_id: plan.ticketId,
    language: plan.lang,
    region: plan.region,
    product: plan.product,
    source: "demo" as const,
    version: DEMO_VERSION,
  };

  if (plan.abandoned) {
    // Callers who hang up in the queue: most give up within a minute, some almost at once.
    const wait = Math.round(clamp(rng.logNormal(38 * plan.waitFactor, 0.8), 2, 900));
    const endedAt = plan.startedAt + wait * 1000;
    return {
      row: {
        ...base,
        answered_at: null,
        ended_at: formatDateTime(new Date(endedAt)),
        team: "",
        agent: "",
        wait_seconds: wait,
        talk_seconds: 0,
        hold_seconds: 0,
        acw_seconds: 0,
        abandoned: 1,
        transfer_count: 0,
        handled_by: "",
        bot_resolved: 0,
        utt_speaker: [],
        utt_start_ms: [],
        utt_end_ms: [],
        utt_text: [],
      },
      answeredAt: null,
      endedAt,
      waitSeconds: wait,
    };
  }

  const botOnly = plan.agent === null;
  let wait: number;
  if (plan.outbound) wait = rng.int(4, 22); // ring time
  else if (plan.botFirst) wait = rng.int(1, 3); // the bot answers at once; the human wait is inside the chat
  else wait = Math.round(clamp(rng.logNormal(WAIT_MEDIAN[plan.channel] * plan.waitFactor, 0.85), 1, 1800));
  const answeredAt = plan.startedAt + wait * 1000;

  const pace = plan.agent?.pace ?? 1;
  const talkTarget = botOnly
    ? Math.round(clamp(rng.logNormal(95, 0.5), 20, 900))
    : Math.round(clamp(rng.logNormal(TALK_MEDIAN[plan.channel] * plan.effort * pace, 0.45), 45, 5400));
  const holdOdds = plan.channel === "phone" ? (plan.transfers.length > 0 ? 0.6 : 0.33) : 0;
  const hold = !botOnly && rng.chance(holdOdds) ? Math.round(clamp(rng.logNormal(45, 0.7), 8, 900)) : 0;
  const acw = botOnly ? 0 : Math.round(clamp(rng.logNormal(plan.channel === "phone" ? 48 : 26, 0.55), 5, 900));

  const skipGreeting = rng.chance(0.05);
  const transcript = buildTranscript({
    rng,
    lang: plan.lang,
    channel: plan.channel,
    outbound: plan.outbound,
    category: plan.category,
    details: plan.details,
    ticketId: plan.ticketId,
    agent: plan.agent,
    transfers: plan.transfers,
    botFirst: plan.botFirst,
    botResolved: plan.botResolved,
    frustrated: plan.frustrated,
    rude: plan.rude,
    repeat: plan.repeat,
    spikeId: plan.spikeId,
    skipGreeting,
    // Never both: a contact without greeting and closing would be too short to be a call.
    skipClosing: !skipGreeting && rng.chance(plan.frustrated ? 0.15 : 0.035),
    longSilence: plan.channel === "phone" && rng.chance(0.09),
    holdSeconds: hold,
    talkSeconds: talkTarget,
  });
  const talk = transcript.talkSeconds;
  const endedAt = answeredAt + (talk + hold) * 1000;
  const finalAgent = plan.transfers.length > 0 ? plan.transfers[plan.transfers.length - 1]! : plan.agent;

  return {
    row: {
      ...base,
      answered_at: formatDateTime(new Date(answeredAt)),
      ended_at: formatDateTime(new Date(endedAt)),
      team: finalAgent ? finalAgent.team : SELF_SERVICE_TEAM,
      agent: finalAgent ? finalAgent.name : "",
      wait_seconds: wait,
      talk_seconds: talk,
      hold_seconds: hold,
      acw_seconds: acw,
      abandoned: 0,
      transfer_count: plan.transfers.length,
      handled_by: botOnly ? "bot" : "agent",
      bot_resolved: botOnly && plan.botResolved ? 1 : 0,
      utt_speaker: transcript.speaker,
      utt_start_ms: transcript.startMs,
      utt_end_ms: transcript.endMs,
      utt_text: transcript.text,
    },
    answeredAt,
    endedAt,
    waitSeconds: wait,
  };
}
