/**
 * One ticket and everything that hangs off it: the call or chat that opened it, a callback,
 * the survey, and a possible repeat contact days later.
 */
import { formatDateTime } from "../../server/clickhouse/sql";
import { DAY_MS, HOUR_MS, MINUTE_MS, slotLoad } from "./calendar";
import {
  CATEGORIES,
  CATEGORY_PROFILES,
  queueFor,
  type Agent,
  type Category,
  type Channel,
  type ConversationChannel,
  type Language,
  type Product,
} from "./catalog";
import { incidentFor, nextSurveyId, nextTicketId, type FollowUp, type GenContext } from "./context";
import { buildConversation, type ConversationOutcome } from "./conversations";
import { Details } from "./details";
import { Weighted, type Rng } from "./random";
import { DEMO_VERSION, type DemoRecord, type TicketRow } from "./rows";
import { PRIORITIES, slaTarget, type Priority } from "./sla";
import type { ActiveSpike } from "./spikes";
import { frontlineAgent, otherFrontline, ownerAgent, type EscalationLevel } from "./staffing";
import { buildSurvey, type Experience } from "./surveys";
import { SPIKE_TICKET_TEXT, TICKET_TEXT, type TicketText } from "./ticket-text";

export interface TicketEvent {
  at: number;
  /** A contact created by a planted spike (forced topic and region). */
  spike?: ActiveSpike;
  followUp?: FollowUp;
}

const CATEGORY_PICK = new Weighted(CATEGORIES.map((c) => [c, CATEGORY_PROFILES[c].share] as const));
const PRODUCT_PICK = Object.fromEntries(
  CATEGORIES.map((c) => [c, new Weighted(Object.entries(CATEGORY_PROFILES[c].products) as [Product, number][])]),
) as Record<Category, Weighted<Product>>;

const LIVE: ReadonlySet<Channel> = new Set(["phone", "chat", "wechat"]);

// Channel mix before the topic's paperwork bias: the ticket portal dominates at a cloud provider.
const CHANNEL_BASE: Record<Language, Record<Channel, number>> = {
  zh: { web: 0.5, email: 0.16, phone: 0.13, chat: 0.12, wechat: 0.09 },
  en: { web: 0.52, email: 0.3, phone: 0.09, chat: 0.09, wechat: 0 },
};

function pickChannel(rng: Rng, lang: Language, category: Category, urgent: boolean): Channel {
  const written = CATEGORY_PROFILES[category].written * (urgent ? 0.45 : 1);
  const base = CHANNEL_BASE[lang];
  let total = 0;
  const weights: [Channel, number][] = (Object.keys(base) as Channel[]).map((ch) => {
    const w = base[ch] * (ch === "web" || ch === "email" ? written : 1);
    total += w;
    return [ch, w];
  });
  let x = rng.next() * total;
  for (const [ch, w] of weights) {
    if (x < w) return ch;
    x -= w;
  }
  return "web";
}

function pickPriority(rng: Rng, category: Category, enterprise: boolean, incident: boolean): Priority {
  const w = CATEGORY_PROFILES[category].priorities;
  const boost = (enterprise ? 1.4 : 1) * (incident && (category === "outage" || category === "network_latency") ? 2.5 : 1);
  const weights = [w.P0 * boost, w.P1 * Math.sqrt(boost), w.P2, w.P3 / Math.sqrt(boost)];
  let x = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < 4; i++) {
    if (x < weights[i]!) return PRIORITIES[i]!;
    x -= weights[i]!;
  }
  return "P3";
}

const PRIORITY_ESCALATION: Record<Priority, number> = { P0: 3, P1: 1.7, P2: 1, P3: 0.65 };

// Normalises escalation odds so that the year comes out near L1 70 % / L2 22 % / L3 8 %.
const ESCALATION_NORM = (() => {
  let sum = 0;
  let shares = 0;
  for (const c of CATEGORIES) {
    const p = CATEGORY_PROFILES[c];
    const pw = p.priorities;
    const totalW = pw.P0 + pw.P1 + pw.P2 + pw.P3;
    let inner = 0;
    for (const pr of PRIORITIES) inner += (pw[pr] / totalW) * PRIORITY_ESCALATION[pr];
    sum += p.share * p.escalation * inner;
    shares += p.share;
  }
  return sum / shares;
})();

function pickEscalation(rng: Rng, category: Category, priority: Priority): EscalationLevel {
  const f = (CATEGORY_PROFILES[category].escalation * PRIORITY_ESCALATION[priority]) / ESCALATION_NORM;
  const l3 = Math.min(0.45, 0.08 * f);
  const l2 = Math.min(0.5, 0.22 * f);
  const x = rng.next();
  return x < l3 ? "L3" : x < l3 + l2 ? "L2" : "L1";
}

const LEVEL_RESOLUTION: Record<EscalationLevel, number> = { L1: 0.85, L2: 1.45, L3: 2.0 };

function iso(ms: number): string {
  return formatDateTime(new Date(ms));
}

function ticketText(
  rng: Rng,
  category: Category,
  lang: Language,
  spikeId: string | null,
  details: Details,
  variant: number | undefined,
): TicketText {
  const spiked = spikeId ? SPIKE_TICKET_TEXT[spikeId]?.[category]?.[lang] : undefined;
  if (spiked && rng.chance(0.85)) return rng.pick(spiked);
  const texts = TICKET_TEXT[category][lang];
  const index = variant !== undefined && variant < texts.length ? variant : rng.int(0, texts.length - 1);
  details.variant = index;
  return texts[index]!;
}

function followUpNote(lang: Language, previousTicketId: string): string {
  return lang === "zh" ? `（之前提交过工单 ${previousTicketId}，问题还没有解决）` : ` (Follow-up to ticket ${previousTicketId}, still not fixed.)`;
}

/** Generates one ticket (with its conversation and survey) into `out`. */
export function generateTicket(ctx: GenContext, event: TicketEvent, out: DemoRecord[]): void {
  const { rng, pool } = ctx;
  const created = event.at;
  const follow = event.followUp;
  const customer = follow
    ? follow.customer
    : event.spike?.definition.region
      ? pool.drawInRegion(rng, event.spike.definition.region)
      : pool.draw(rng);
  const lang = customer.language;
  const region = customer.region;
  const category = follow?.category ?? event.spike?.definition.category ?? CATEGORY_PICK.draw(rng);
  const product = follow?.product ?? PRODUCT_PICK[category].draw(rng);

  // Ordinary tickets on an incident topic are part of the incident in proportion to the surge.
  const active = event.spike ?? incidentFor(ctx, category, region);
  const spikeId =
    follow?.spikeId ??
    (event.spike ? event.spike.definition.id : active && rng.chance(1 - 1 / active.multiplier) ? active.definition.id : null);
  const outageIncident = spikeId === "east2-network-outage";
  const billingIncident = spikeId === "billing-rule-change";

  const tier = customer.tier;
  const priority = pickPriority(rng, category, tier === "enterprise", spikeId !== null);
  const channel = pickChannel(rng, lang, category, priority === "P0" || outageIncident || (follow !== undefined && rng.chance(0.4)));
  const escalation = pickEscalation(rng, category, priority);
  const frontline = frontlineAgent(rng, lang, created);
  const owner = ownerAgent(rng, escalation, category, product, lang, frontline);
  const target = slaTarget(tier, priority);
  const profile = CATEGORY_PROFILES[category];
  const id = nextTicketId(ctx);
  const details = new Details({ rng, lang, category, product, region, at: created });
  const [subject, description] = ticketText(rng, category, lang, spikeId, details, follow?.variant);
  const load = slotLoad(created);
  const regionalBacklog = ctx.day.spikes.some(
    (s) => s.definition.id === "east2-network-outage" && s.definition.region === region && s.dayOfSpike <= 2,
  );
  const backlog = (regionalBacklog ? 2.6 : 1) * (billingIncident ? 1.7 : 1);

  const live = LIVE.has(channel);
  const repeat = follow !== undefined;
  let conversation: ConversationOutcome | undefined;
  let frustrated = false;
  let rude = false;
  let transfers = 0;
  let firstResponse: number;

  if (live) {
    const waitFactor = (0.55 + 0.45 * load) * (outageIncident || regionalBacklog ? 2.4 : 1) * (channel === "phone" ? 1 : 0.8);
    frustrated = rng.chance(
      0.03 + (outageIncident ? 0.22 : billingIncident ? 0.15 : 0) + (repeat ? 0.08 : 0) + (category === "service_complaint" ? 0.25 : 0),
    );
    // Transfers: to a colleague in another queue, or up to the specialists who own the ticket.
    const chain: Agent[] = [];
    if (escalation === "L1") {
      if (rng.chance(0.06)) chain.push(otherFrontline(rng, lang, created, frontline));
    } else if (escalation === "L2") {
      if (rng.chance(0.28)) {
        if (rng.chance(0.2)) chain.push(otherFrontline(rng, lang, created, frontline));
        chain.push(owner);
      }
    } else if (rng.chance(0.3)) {
      if (rng.chance(0.35)) chain.push(ownerAgent(rng, "L2", category, product, lang, frontline));
      chain.push(owner);
    }
    transfers = chain.length;
    const first = frontline;
    rude = rng.chance(0.0065 * first.rudeness);
    const botFirst = channel !== "phone" && rng.chance(0.3);
    conversation = buildConversation(ctx, {
      channel: channel as ConversationChannel,
      outbound: false,
      startedAt: created,
      customer,
      lang,
      region,
      product,
      category,
      ticketId: id,
      queue: queueFor(category, lang, tier === "enterprise"),
      agent: first,
      transfers: chain,
      botFirst,
      botResolved: false,
      abandoned: false,
      frustrated,
      rude,
      repeat,
      spikeId,
      details,
      waitFactor,
      effort: profile.effort * (escalation === "L1" ? 1 : 1.25),
    });
    firstResponse = conversation.answeredAt ?? created;
  } else {
    const median = target.firstResponseMinutes * MINUTE_MS * 0.26 * (0.8 + 0.2 * load) * backlog;
    firstResponse = created + Math.max(30_000, Math.round(rng.logNormal(median, 0.7)));
  }

  // Resolution: some live contacts are fixed on the spot; the rest take days or hours by tier.
  let resolved: number;
  if (live && escalation === "L1" && conversation && rng.chance(0.5)) {
    resolved = conversation.endedAt;
  } else {
    const median =
      target.resolutionMinutes * MINUTE_MS * 0.24 * LEVEL_RESOLUTION[escalation] * profile.effort * (spikeId ? 1.35 : 1);
    resolved = created + Math.round(rng.logNormal(median, 0.72));
  }
  resolved = Math.max(resolved, firstResponse + Math.round(rng.logNormal(8 * MINUTE_MS, 0.8)), conversation?.endedAt ?? 0);
  const resolutionBreachedFirstTime = resolved - created > target.resolutionMinutes * MINUTE_MS;

  const reopenOdds = 0.055 * (category === "network_latency" || category === "performance" ? 1.4 : 1) * (spikeId ? 1.5 : 1);
  const reopens = rng.chance(reopenOdds) ? (rng.chance(0.17) ? 2 : 1) : 0;
  for (let i = 0; i < reopens; i++) resolved += Math.round(rng.logNormal(20 * HOUR_MS, 0.7));

  const now = ctx.endMs;
  // A few recent tickets stall waiting on the customer for weeks (older ones were closed since).
  const stalled = now - created < 45 * DAY_MS && rng.chance(0.005);
  let status: TicketRow["status"];
  let firstResponseAt: number | null = firstResponse;
  let resolvedAt: number | null = resolved;
  let closedAt: number | null = null;
  if (firstResponse >= now) {
    status = "open";
    firstResponseAt = null;
    resolvedAt = null;
  } else if (resolved >= now || stalled) {
    status = rng.chance(0.4) || stalled ? "pending" : "open";
    resolvedAt = null;
  } else {
    // Customers confirm some fixes; the rest auto-close after three days.
    const close = rng.chance(0.35) ? resolved + Math.round(rng.logNormal(4 * HOUR_MS, 1)) : resolved + 3 * DAY_MS + rng.int(0, 12 * HOUR_MS);
    if (close < now) {
      status = "closed";
      closedAt = close;
    } else status = "resolved";
  }

  const firstResponseBreached = firstResponse - created > target.firstResponseMinutes * MINUTE_MS;
  const resolutionBreached = resolutionBreachedFirstTime || resolved - created > target.resolutionMinutes * MINUTE_MS;

  const tags = [category, product.toLowerCase()];
  if (tier === "enterprise") tags.push("vip");
  if (escalation !== "L1") tags.push("escalated");
  if (reopens > 0) tags.push("reopened");
  if (repeat) tags.push("repeat-contact");
  if (spikeId) tags.push(`incident:${spikeId}`);

  out.push({
    table: "tickets",
    row: {
      id,
      created_at: iso(created),
      first_response_at: firstResponseAt === null ? null : iso(firstResponseAt),
      resolved_at: resolvedAt === null ? null : iso(resolvedAt),
      closed_at: closedAt === null ? null : iso(closedAt),
      status,
      priority,
      sla_tier: tier,
      channel,
      category,
      subject: details.fill(subject),
      description: details.fill(description) + (follow && rng.chance(0.6) ? followUpNote(lang, follow.previousTicketId) : ""),
      team: owner.team,
      agent: owner.name,
      customer_id: customer.id,
      region,
      product,
      language: lang,
      reopen_count: reopens,
      escalation_level: escalation,
      tags,
      source: "demo",
      version: DEMO_VERSION,
    },
  });
  if (conversation) out.push({ table: "conversations", row: conversation.row });

  // Urgent written tickets get a phone call back as their first response.
  let callback: ConversationOutcome | undefined;
  if (!live && firstResponseAt !== null && (priority === "P0" || priority === "P1") && rng.chance(0.15)) {
    callback = buildConversation(ctx, {
      channel: "phone",
      outbound: true,
      startedAt: firstResponse,
      customer,
      lang,
      region,
      product,
      category,
      ticketId: id,
      queue: queueFor(category, lang, tier === "enterprise"),
      agent: owner,
      transfers: [],
      botFirst: false,
      botResolved: false,
      abandoned: false,
      frustrated: spikeId !== null && rng.chance(0.2),
      rude: false,
      repeat,
      spikeId,
      details,
      waitFactor: 1,
      effort: profile.effort,
    });
    if (callback.endedAt < now) out.push({ table: "conversations", row: callback.row });
    else callback = undefined;
  }

  // Survey: phone IVR / chat rating right after a live contact, e-mail invitation after resolution.
  const surveyOdds = live ? 0.46 : 0.41;
  if (rng.chance(surveyOdds)) {
    const respondedAt = live && conversation
      ? conversation.endedAt + rng.int(15_000, 240_000)
      : resolvedAt !== null
        ? resolvedAt + Math.round(Math.min(5 * DAY_MS, rng.logNormal(3 * HOUR_MS, 1.2)))
        : Number.POSITIVE_INFINITY;
    if (respondedAt < now) {
      const experience: Experience = {
        firstResponseBreached,
        resolutionBreached: resolvedAt !== null && resolvedAt <= respondedAt ? resolutionBreached : false,
        unresolved: resolvedAt === null || resolvedAt > respondedAt,
        longWait: (conversation?.waitSeconds ?? 0) > 90,
        reopened: resolvedAt !== null && resolvedAt <= respondedAt ? reopens : 0,
        transfers,
        frustrated,
        rude,
        repeat,
        botResolved: false,
        spikeId,
        rapport: (conversation ? frontline : owner).rapport,
      };
      const surveyed = conversation ?? callback;
      const agentRow = surveyed?.row ?? { team: owner.team, agent: owner.name };
      out.push({
        table: "survey_responses",
        row: buildSurvey(rng, nextSurveyId(ctx), iso(respondedAt), {
          ticketId: id,
          conversationId: conversation?.row.id ?? "",
          customerId: customer.id,
          channel,
          team: agentRow.team,
          agent: agentRow.agent,
          region,
          product,
          lang,
          category,
        }, experience),
      });
    }
  }

  // Repeat contact on the same topic within a week (what FCR measures).
  const repeatOdds =
    (repeat ? 0.05 : 0.1) + (reopens > 0 ? 0.12 : 0) + (resolutionBreached ? 0.06 : 0) + (spikeId ? 0.1 : 0) + (frustrated ? 0.05 : 0);
  if (rng.chance(repeatOdds)) {
    const at = created + Math.round(Math.min(6.8 * DAY_MS, Math.max(HOUR_MS, rng.logNormal(28 * HOUR_MS, 0.9))));
    if (at < now) {
      const dayIndex = Math.floor((at - ctx.startMs) / DAY_MS);
      const list = ctx.followUps.get(dayIndex) ?? [];
      list.push({
        at,
        customer,
        category,
        product,
        previousTicketId: id,
        spikeId: spikeId && rng.chance(0.7) ? spikeId : null,
        variant: details.variant,
      });
      ctx.followUps.set(dayIndex, list);
    }
  }
}
