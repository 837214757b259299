/**
 * Survey scores and comments that follow from what happened on the contact: a breached SLA, a
 * long queue, a reopen or a rude agent pull scores down, so drilling into detractors shows why.
 */
import type { Category, Language } from "./catalog";
import { normalCdf, type Rng } from "./random";
import { DEMO_VERSION, type SurveyRow } from "./rows";

export type SurveyKind = "nps" | "csat" | "ces";

/** What the customer went through; each flag lowers the latent satisfaction. */
export interface Experience {
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  unresolved: boolean;
  longWait: boolean;
  reopened: number;
  transfers: number;
  frustrated: boolean;
  rude: boolean;
  repeat: boolean;
  botResolved: boolean;
  spikeId: string | null;
  /** The agent's personal effect (catalog Agent.rapport). */
  rapport: number;
}

/** Latent dissatisfaction in standard deviations. */
export function penalty(e: Experience): number {
  let p = 0;
  if (e.firstResponseBreached) p += 0.35;
  if (e.resolutionBreached) p += 0.45;
  if (e.unresolved) p += 0.2;
  if (e.longWait) p += 0.35;
  p += 0.5 * Math.min(2, e.reopened);
  if (e.transfers >= 2) p += 0.4;
  else if (e.transfers === 1) p += 0.1;
  if (e.frustrated) p += 1.1;
  if (e.rude) p += 1.6;
  if (e.repeat) p += 0.45;
  if (e.spikeId) p += 0.45;
  if (e.botResolved) p -= 0.1;
  return p - e.rapport;
}

// Score distributions for a customer with nothing to complain about (index = score − min).
const BASE: Record<SurveyKind, { min: number; probs: readonly number[] }> = {
  nps: { min: 0, probs: [0.025, 0.008, 0.01, 0.012, 0.015, 0.035, 0.045, 0.1, 0.17, 0.17, 0.41] },
  csat: { min: 1, probs: [0.025, 0.02, 0.055, 0.23, 0.67] },
  // Effort: 1 = very easy … 7 = very hard, so a happier customer scores lower.
  ces: { min: 1, probs: [0.24, 0.3, 0.2, 0.11, 0.07, 0.05, 0.03] },
};

const CUMULATIVE: Record<SurveyKind, number[]> = {
  nps: cumulate(BASE.nps.probs),
  csat: cumulate(BASE.csat.probs),
  ces: cumulate(BASE.ces.probs),
};

function cumulate(probs: readonly number[]): number[] {
  let sum = 0;
  return probs.map((p) => (sum += p));
}

export function surveyScore(rng: Rng, kind: SurveyKind, dissatisfaction: number): number {
  // u is the customer's satisfaction percentile among untroubled customers.
  const u = normalCdf(rng.normal() - dissatisfaction);
  const cum = CUMULATIVE[kind];
  const x = kind === "ces" ? 1 - u : u;
  let i = 0;
  while (i < cum.length - 1 && x >= (cum[i] as number)) i++;
  return BASE[kind].min + i;
}

export type Mood = "positive" | "neutral" | "negative";

export function moodOf(kind: SurveyKind, score: number): Mood {
  if (kind === "nps") return score >= 9 ? "positive" : score <= 6 ? "negative" : "neutral";
  if (kind === "csat") return score >= 4 ? "positive" : score <= 2 ? "negative" : "neutral";
  return score <= 2 ? "positive" : score >= 5 ? "negative" : "neutral";
}

const COMMENT_ODDS: Record<Mood, number> = { positive: 0.34, neutral: 0.3, negative: 0.66 };

const GENERIC: Record<Language, Record<Mood, readonly string[]>> = {
  zh: {
    positive: [
      "客服很专业，问题很快就解决了。",
      "响应及时，态度很好，点赞！",
      "工程师很耐心，讲解得很清楚。",
      "处理效率很高，非常满意。",
      "一次就解决了，不用反复沟通，很好。",
      "服务很到位，会继续使用。",
      "电话很快就接通了，体验不错。",
    ],
    neutral: ["问题解决了，但是过程有点长。", "还行吧，希望文档能写得更清楚一些。", "总体可以，等待时间可以再短一点。", "一般，解决了就好。"],
    negative: [
      "处理太慢了，等了很久才有人回复。",
      "问题到现在都没有解决，非常失望。",
      "客服一直在推脱，没有实质性帮助。",
      "转了好几次人工，每次都要重新描述问题。",
      "服务质量越来越差了，考虑换别家。",
      "回复都是模板，没有针对性。",
    ],
  },
  en: {
    positive: [
      "Very professional, fixed quickly.",
      "Quick response and friendly engineer, thanks!",
      "Patient and clear explanation.",
      "Resolved on the first contact, great service.",
      "Got through fast and the issue was sorted.",
    ],
    neutral: ["Solved in the end but it took a while.", "OK. The documentation could be clearer.", "Fine, the wait could be shorter."],
    negative: [
      "Far too slow, waited ages for a reply.",
      "Still not fixed. Very disappointed.",
      "Kept getting passed around and had to repeat myself.",
      "Canned answers, nobody actually looked at the problem.",
      "Service keeps getting worse, we are looking at other providers.",
    ],
  },
};

const REASONS: Record<Language, Record<"wait" | "breach" | "reopen" | "transfer" | "rude" | "unresolved", readonly string[]>> = {
  zh: {
    wait: ["电话排队等了好久才接通。", "在线客服排队太久了。"],
    breach: ["工单提交后好几个小时都没人响应。", "承诺的处理时间没有做到。"],
    reopen: ["说是解决了，结果问题又出现了，只能重新开工单。"],
    transfer: ["被转来转去，每次都要重新说一遍。"],
    rude: ["客服态度很差，让我自己去看文档。", "客服说这个他没办法，很不负责任。"],
    unresolved: ["到现在还没解决。"],
  },
  en: {
    wait: ["Waited far too long in the phone queue."],
    breach: ["Nobody responded for hours after I opened the ticket."],
    reopen: ["It was marked resolved but the problem came back."],
    transfer: ["Transferred several times and had to repeat everything."],
    rude: ["The agent was rude and told me to read the docs."],
    unresolved: ["Still not resolved."],
  },
};

const TOPIC_NEGATIVE: Record<Language, Partial<Record<Category, readonly string[]>>> = {
  zh: {
    outage: ["宕机这么久，业务损失严重。", "故障恢复太慢，也没有及时通知。"],
    network_latency: ["延迟和丢包问题反反复复。", "网络一直不稳定。"],
    billing_invoice: ["账单看不懂，扣费不透明。", "发票开了一周还没收到。"],
    refund: ["退款流程太复杂，到账太慢。"],
    login_account: ["找回账号的流程太繁琐。"],
    api_sdk: ["文档和SDK版本对不上。"],
    performance: ["性能问题没有根本解决。"],
    ddos_security: ["被黑洞后解封太慢。"],
    storage_expansion: ["扩容操作太复杂。"],
  },
  en: {
    outage: ["The outage lasted far too long and nobody told us."],
    network_latency: ["The latency problem keeps coming back."],
    billing_invoice: ["The bill is impossible to understand."],
    refund: ["The refund took forever."],
    api_sdk: ["Docs don't match the SDK version."],
  },
};

const SPIKE_COMMENTS: Record<string, Record<Language, readonly string[]>> = {
  "east2-network-outage": {
    zh: ["华东2断网这么久，业务全部宕机，损失谁来赔？", "上海地域丢包、延迟严重，状态页还显示正常，太不透明了。", "断网期间一直打不通电话，体验极差。"],
    en: ["The cn-east-2 outage took our whole business down for hours.", "Packet loss and latency in Shanghai and your status page said all green."],
  },
  "billing-rule-change": {
    zh: ["计费规则变更没有提前通知，多扣了钱，非常不满。", "新的计费规则太不透明，账单突然翻倍。", "乱扣费，要求退款还要走这么多流程。"],
    en: ["Unexpected charge after the pricing change, no notice at all.", "The new billing rules doubled our invoice without warning."],
  },
};

const PRAISE_AGENT: Record<Language, readonly string[]> = {
  zh: ["{agent}很专业，感谢！", "感谢{agent}耐心解答。"],
  en: ["{agent} was great, thanks!", "Thanks to {agent} for the clear help."],
};

export function surveyComment(
  rng: Rng,
  kind: SurveyKind,
  score: number,
  lang: Language,
  category: Category,
  e: Experience,
  agentName: string,
): string {
  const mood = moodOf(kind, score);
  if (!rng.chance(COMMENT_ODDS[mood])) return "";
  if (mood === "positive") {
    if (agentName && rng.chance(0.25)) return rng.pick(PRAISE_AGENT[lang]).replace("{agent}", agentName);
    return rng.pick(GENERIC[lang].positive);
  }
  const reasons = REASONS[lang];
  const parts: string[] = [];
  if (e.spikeId && rng.chance(0.75)) parts.push(rng.pick(SPIKE_COMMENTS[e.spikeId]?.[lang] ?? GENERIC[lang].negative));
  if (e.rude) parts.push(rng.pick(reasons.rude));
  else if (e.longWait && rng.chance(0.6)) parts.push(rng.pick(reasons.wait));
  else if ((e.firstResponseBreached || e.resolutionBreached) && rng.chance(0.6)) parts.push(rng.pick(reasons.breach));
  else if (e.reopened > 0 && rng.chance(0.6)) parts.push(rng.pick(reasons.reopen));
  else if (e.transfers >= 2 && rng.chance(0.6)) parts.push(rng.pick(reasons.transfer));
  else if (e.unresolved && rng.chance(0.6)) parts.push(rng.pick(reasons.unresolved));
  const topic = TOPIC_NEGATIVE[lang][category];
  if (parts.length === 0 && topic && rng.chance(0.4)) parts.push(rng.pick(topic));
  if (parts.length === 0 || (mood === "negative" && rng.chance(0.3))) parts.push(rng.pick(GENERIC[lang][mood]));
  return parts.join(lang === "zh" ? "" : " ");
}

export interface SurveyLink {
  ticketId: string;
  conversationId: string;
  customerId: string;
  channel: string;
  team: string;
  agent: string;
  region: string;
  product: string;
  lang: Language;
  category: Category;
}

const KINDS: readonly (readonly [SurveyKind, number])[] = [
  ["csat", 0.5],
  ["nps", 0.3],
  ["ces", 0.2],
];

/** One survey response about a contact, answered at `respondedAt`. */
export function buildSurvey(rng: Rng, id: string, respondedAt: string, link: SurveyLink, e: Experience): SurveyRow {
  let x = rng.next();
  let kind: SurveyKind = "csat";
  for (const [k, w] of KINDS) {
    if (x < w) {
      kind = k;
      break;
    }
    x -= w;
  }
  const score = surveyScore(rng, kind, penalty(e));
  return {
    id,
    responded_at: respondedAt,
    kind,
    score,
    comment: surveyComment(rng, kind, score, link.lang, link.category, e, link.agent),
    ticket_id: link.ticketId,
    conversation_id: link.conversationId,
    customer_id: link.customerId,
    channel: link.channel,
    team: link.team,
    agent: link.agent,
    region: link.region,
    product: link.product,
    language: link.lang,
    source: "demo",
    version: DEMO_VERSION,
  };
}
