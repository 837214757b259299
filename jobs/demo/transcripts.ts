/**
 * Multi-turn call and chat transcripts with timings. The script (greeting, identity check,
 * closing) is followed most of the time and broken at modest rates, so compliance checks,
 * sentiment and PII detection all have real work to do.
 */
import type { Agent, Category, ConversationChannel, Language } from "./catalog";
import type { Details } from "./details";
import { IDENTITY_ANSWERS, SCRIPT, SPIKE_LINES, TOPIC_LINES } from "./phrases";
import { bankCardNumber, emailAddress, mobileNumber, prcIdNumber, spoken } from "./pii";
import type { Rng } from "./random";

export type Speaker = "agent" | "customer" | "bot";

/** Transcripts are condensed to at most this many turns (and at least MIN_TURNS when handled). */
export const MAX_TURNS = 16;
export const MIN_TURNS = 6;

/** Where a gap in the timeline goes: ordinary turn-taking, the agent looking something up, a hold. */
type GapKind = "turn" | "lookup" | "hold";

interface Line {
  speaker: Speaker;
  text: string;
  gapBefore: GapKind;
  /** Substantive lines stand for longer exchanges and take up the call's remaining talk time. */
  substantive: boolean;
  /** Lines that may be dropped to keep within MAX_TURNS: highest first, a pair shares its number. */
  optional?: number;
  /** The text to use instead when the identity check was dropped (it no longer says "verified"). */
  withoutIdentity?: string;
}

export interface TranscriptInput {
  rng: Rng;
  lang: Language;
  channel: ConversationChannel;
  outbound: boolean;
  category: Category;
  details: Details;
  ticketId: string;
  /** The agent who answered; null when a bot handled the whole contact. */
  agent: Agent | null;
  /** Agents the contact was transferred to, in order. */
  transfers: readonly Agent[];
  /** A bot took the first turns (self-service first, then an agent or not). */
  botFirst: boolean;
  botResolved: boolean;
  frustrated: boolean;
  rude: boolean;
  repeat: boolean;
  spikeId: string | null;
  skipGreeting: boolean;
  skipClosing: boolean;
  longSilence: boolean;
  holdSeconds: number;
  talkSeconds: number;
}

export interface Transcript {
  speaker: Speaker[];
  startMs: number[];
  endMs: number[];
  text: string[];
  /** Talk time the timeline needed (never below the requested one). */
  talkSeconds: number;
}

function agentFill(template: string, agent: Agent, lang: Language, ticketId: string): string {
  return template
    .replace("{jobNo}", agent.jobNo)
    .replace("{name}", lang === "en" ? agent.englishName : agent.name)
    .replace("{ticketId}", ticketId);
}

function identityLine(input: TranscriptInput): string {
  const { rng, lang, details, category } = input;
  const answers = IDENTITY_ANSWERS[lang];
  const idcardOdds = category === "login_account" || category === "refund" ? 0.25 : 0.06;
  const x = rng.next();
  if (x < idcardOdds) {
    details.set("idcard", prcIdNumber(rng));
    return details.fill(rng.pick(answers.idcard));
  }
  if (x < idcardOdds + (lang === "en" ? 0.3 : 0.06)) {
    details.set("email", emailAddress(rng));
    return details.fill(rng.pick(answers.email));
  }
  if (x < 0.62) {
    details.set("mobile", spoken(mobileNumber(rng), rng, [3, 4, 4]));
    return details.fill(rng.pick(answers.mobile));
  }
  return details.fill(rng.pick(answers.uid));
}

/** Picks up to `count` distinct items. */
function pickDistinct<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0] as T);
  return out;
}

/** Order in which optional lines give way when a contact has too much going on (highest first). */
const DROP = { identity: 0.5, closingQuestion: 1, repeat: 2, extra: 10, transferDetail: 30, ack: 50 } as const;

function levelOf(agent: Agent): "L1" | "L2" | "L3" {
  return agent.team.startsWith("L3") ? "L3" : agent.team.startsWith("L2") ? "L2" : "L1";
}

/** The contact as a list of lines, before timing. */
function script(input: TranscriptInput): Line[] {
  const { rng, lang, details } = input;
  const s = SCRIPT[lang];
  const base = TOPIC_LINES[input.category][lang];
  const spike = input.spikeId ? SPIKE_LINES[input.spikeId]?.[lang] : undefined;
  const lines: Line[] = [];
  const say = (speaker: Speaker, text: string, gapBefore: GapKind = "turn", substantive = false, optional?: number) =>
    lines.push({ speaker, text: details.fill(text), gapBefore, substantive, optional });
  const extrasFor = () => base.extra.filter((e) => e[2] === undefined || e[2] === variant);

  // One variant of the topic runs through the whole contact (problem, questions, fix).
  const variant =
    details.variant !== undefined && details.variant < base.problem.length ? details.variant : rng.int(0, base.problem.length - 1);
  const at = (list: readonly string[]): string => list[variant % list.length] as string;
  const problem = spike && rng.chance(0.85) ? rng.pick(spike.problem) : at(base.problem);

  if (input.botFirst) {
    say("bot", rng.pick(s.botGreeting));
    say("customer", problem, "turn", true);
    say("bot", rng.pick(base.bot));
    // Customers who want a person say so; those left alone with the bot are asked first.
    if (input.botResolved || input.agent === null) say("bot", rng.pick(s.botResolvedAsk));
    if (input.botResolved) {
      say("customer", rng.pick(s.botResolvedYes));
      const extra = extrasFor();
      if (extra.length > 0 && rng.chance(0.4)) {
        const [q, a] = rng.pick(extra);
        say("customer", q);
        say("bot", a);
      }
      say("bot", rng.pick(s.botBye));
      return lines;
    }
    say("customer", rng.pick(s.askHuman));
    say("bot", rng.pick(s.botHandoff));
  }

  const agent = input.agent;
  if (!agent) return lines;
  if (!input.skipGreeting) {
    const greetings = input.outbound ? s.greetingOutbound : input.channel === "phone" ? s.greetingPhone : s.greetingChat;
    say("agent", agentFill(rng.pick(greetings), agent, lang, input.ticketId), input.botFirst ? "lookup" : "turn");
  }
  if (!input.botFirst) say("customer", problem, "turn", true);
  if (input.repeat) say("customer", rng.pick(s.repeatContact), "turn", false, DROP.repeat);

  // Logged-in chat users are already identified; calls always start with the check.
  if (input.channel === "phone" || rng.chance(0.5)) {
    say("agent", rng.pick(s.identityAsk), "turn", false, DROP.identity);
    say("customer", identityLine(input), "turn", false, DROP.identity);
    say("agent", `${rng.pick(s.identityConfirm)}${lang === "en" ? " " : ""}${at(base.probe)}`, "lookup");
    lines[lines.length - 1]!.withoutIdentity = details.fill(at(base.probe));
  } else {
    say("agent", at(base.probe));
  }
  say("customer", at(base.detail), "turn", true);

  if (input.frustrated) {
    const angry = spike && rng.chance(0.7) ? rng.pick(spike.angry) : rng.pick(s.frustrated);
    say("customer", angry);
    say("agent", input.rude ? rng.pick(s.rude) : rng.pick(s.deescalate));
  } else if (input.rude) {
    say("agent", rng.pick(s.rude));
    say("customer", lang === "zh" ? "你这是什么态度？" : "Excuse me? That's not very helpful.");
  }

  if (input.holdSeconds > 0) {
    say("agent", rng.pick(s.holdStart));
    say("agent", rng.pick(s.holdEnd), "hold");
  }

  for (const next of input.transfers) {
    const level = levelOf(next);
    say("agent", rng.pick(s.transfer[level]));
    say("agent", agentFill(rng.pick(s.greetingAfterTransfer[level]), next, lang, input.ticketId), "lookup");
    if (rng.chance(0.6)) say("customer", at(base.detail), "turn", true, DROP.transferDetail);
  }

  const fix = spike && rng.chance(0.8) ? rng.pick(spike.fix) : at(base.fix);
  say("agent", fix, input.longSilence ? "lookup" : "turn", true);
  if (input.category === "refund" && rng.chance(0.25)) {
    details.set("card", spoken(bankCardNumber(rng), rng, [4, 4, 4, 4]));
    say("customer", rng.pick(s.refundCard));
  }
  // Follow-up questions come once the customer has heard the answer.
  const extras = rng.chance(0.5) ? 1 : rng.chance(0.2) ? 2 : 0;
  pickDistinct(rng, extrasFor(), extras).forEach(([q, a], i) => {
    say("customer", q, "turn", true, DROP.extra + i);
    say("agent", a, "turn", true, DROP.extra + i);
  });
  say("customer", rng.pick(s.customerAck), "turn", false, DROP.ack);

  if (!input.skipClosing) {
    say("agent", rng.pick(s.closingAsk), "turn", false, DROP.closingQuestion);
    say("customer", rng.pick(s.customerNothingElse), "turn", false, DROP.closingQuestion);
    say("agent", rng.pick(input.channel === "phone" ? s.goodbyePhone : s.goodbyeChat));
  }
  return trim(lines);
}

/** Drops optional exchanges, latest first, until the transcript fits MAX_TURNS. */
function trim(lines: Line[]): Line[] {
  let out = lines;
  while (out.length > MAX_TURNS) {
    let last = -1;
    for (const line of out) if (line.optional !== undefined) last = Math.max(last, line.optional);
    if (last < 0) break;
    out = out.filter((line) => line.optional !== last);
  }
  if (out.length < lines.length && !out.some((line) => line.optional === DROP.identity)) {
    out = out.map((line) => (line.withoutIdentity ? { ...line, text: line.withoutIdentity } : line));
  }
  return out;
}

/** Roughly how long a line takes to say (phone) or type (chat), in ms. */
function naturalMs(text: string, lang: Language, channel: ConversationChannel): number {
  const perChar = channel === "phone" ? (lang === "zh" ? 240 : 70) : lang === "zh" ? 450 : 130;
  return 800 + text.length * perChar;
}

function gapMs(rng: Rng, kind: GapKind, channel: ConversationChannel, longSilence: boolean): number {
  if (channel !== "phone") return kind === "lookup" ? rng.int(8_000, 40_000) : rng.int(2_000, 15_000);
  if (kind === "lookup") return longSilence ? rng.int(15_000, 45_000) : rng.int(1_500, 6_000);
  return rng.int(250, 1_600);
}

// A condensed line stands for at most this many times its natural length.
const MAX_STRETCH = 8;

/**
 * Lays the lines on a timeline starting at the answer (ms 0). On calls, the talk time left after
 * the script lines and short pauses goes to the substantive lines (the condensed discussion);
 * in chats, messages take their typing time and the rest is waiting between messages. The last
 * line ends exactly at talk + hold.
 */
export function buildTranscript(input: TranscriptInput): Transcript {
  const { rng, lang, channel } = input;
  const lines = script(input);
  const holdMs = input.holdSeconds * 1000;
  const gaps = lines.map((line, i) =>
    line.gapBefore === "hold" ? holdMs : gapMs(rng, i === 0 ? "turn" : line.gapBefore, channel, input.longSilence),
  );
  const natural = lines.map((line) => naturalMs(line.text, lang, channel));
  const talkGaps = gaps.reduce((a, b) => a + b, 0) - holdMs;
  const naturalTotal = natural.reduce((a, b) => a + b, 0);
  const stretchable = lines.reduce((sum, line, i) => sum + (line.substantive && channel === "phone" ? natural[i]! : 0), 0);

  let talkMs = input.talkSeconds * 1000;
  if (talkMs < talkGaps + naturalTotal) talkMs = talkGaps + naturalTotal + rng.int(1_000, 8_000);
  const spare = talkMs - talkGaps - naturalTotal;
  // Calls: spare time lengthens substantive lines; whatever they cannot absorb, and all spare
  // time in chats, becomes waiting between lines (weighted to look-ups).
  const stretch = stretchable > 0 ? Math.min(MAX_STRETCH, 1 + spare / stretchable) : 1;
  const leftover = spare - stretchable * (stretch - 1);
  const weights = lines.map((line, i): number => (i === 0 || line.gapBefore === "hold" ? 0 : line.gapBefore === "lookup" ? 3 : 1));
  const weightTotal = weights.reduce((a, b) => a + b, 0) || 1;

  const out: Transcript = { speaker: [], startMs: [], endMs: [], text: [], talkSeconds: 0 };
  let t = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    t += gaps[i]! + Math.round((leftover * weights[i]!) / weightTotal);
    const duration = Math.round(natural[i]! * (line.substantive && channel === "phone" ? stretch : 1));
    out.speaker.push(line.speaker);
    out.startMs.push(t);
    out.endMs.push(t + duration);
    out.text.push(line.text);
    t += duration;
  }
  // Rounding can leave the last line a few ms off: end the call on it.
  const last = out.endMs.length - 1;
  if (last >= 0) out.endMs[last] = Math.max(out.startMs[last]! + 300, Math.round(talkMs + holdMs));
  out.talkSeconds = Math.ceil(((out.endMs[last] ?? talkMs) - holdMs) / 1000);
  return out;
}
