import { describe, expect, it } from "vitest";
import { DAY_MS, SHANGHAI_OFFSET_MS, demoWindow } from "../../jobs/demo/calendar";
import { CATEGORIES } from "../../jobs/demo/catalog";
import { parseDemoArgs } from "../../jobs/demo/command";
import { generateDemoData } from "../../jobs/demo/generate";
import { bankCardNumber, isValidLuhn, isValidPrcId, luhnCheckDigit, mobileNumber, prcIdCheckDigit, prcIdNumber } from "../../jobs/demo/pii";
import { Rng } from "../../jobs/demo/random";
import type { ConversationRow, DemoRecord, SurveyRow, TicketRow } from "../../jobs/demo/rows";
import { DEMO_SLA_TARGETS, PRIORITIES, SLA_TIERS, slaTarget } from "../../jobs/demo/sla";
import { DEMO_SPIKES, demoSpikes } from "../../jobs/demo/spikes";
import { StatsCollector } from "../../jobs/demo/stats";
import { MAX_TURNS, MIN_TURNS } from "../../jobs/demo/transcripts";

const END = new Date("2026-06-30T00:00:00Z");

function take(count: number, seed: number): DemoRecord[] {
  const out: DemoRecord[] = [];
  for (const record of generateDemoData({ scale: 0.05, seed, end: END })) {
    if (record.table === "progress") continue;
    out.push(record);
    if (out.length >= count) break;
  }
  return out;
}

interface Generated {
  tickets: TicketRow[];
  conversations: ConversationRow[];
  surveys: SurveyRow[];
  stats: ReturnType<StatsCollector["result"]>;
}

const cache = new Map<number, Generated>();
function generated(scale: number): Generated {
  let g = cache.get(scale);
  if (!g) {
    const stats = new StatsCollector(demoWindow(END).endMs);
    g = { tickets: [], conversations: [], surveys: [], stats: undefined as never };
    for (const record of generateDemoData({ scale, seed: 42, end: END })) {
      stats.add(record);
      if (record.table === "tickets") g.tickets.push(record.row);
      else if (record.table === "conversations") g.conversations.push(record.row);
      else if (record.table === "survey_responses") g.surveys.push(record.row);
    }
    g.stats = stats.result();
    cache.set(scale, g);
  }
  return g;
}

const ms = (text: string) => Date.parse(`${text.replace(" ", "T")}Z`);
/** Shanghai calendar date of a stored UTC DateTime. */
const shanghaiDay = (text: string) => new Date(ms(text) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
const shanghaiHour = (text: string) => new Date(ms(text) + SHANGHAI_OFFSET_MS).getUTCHours();
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

describe("demo data: determinism", () => {
  it("the same seed gives identical rows, another seed different ones", () => {
    const a = take(3000, 42);
    const b = take(3000, 42);
    const c = take(3000, 43);
    expect(a).toEqual(b);
    expect(a.filter((r) => r.table === "tickets").length).toBeGreaterThan(1000);
    expect(JSON.stringify(a.slice(0, 50))).not.toBe(JSON.stringify(c.slice(0, 50)));
  });

  it("ids are unique and every row is marked as demo data", () => {
    const { tickets, conversations, surveys } = generated(0.05);
    for (const rows of [tickets, conversations, surveys]) {
      expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
      expect(rows.every((r) => r.source === "demo" && r.version === 1)).toBe(true);
    }
    const ticketIds = new Set(tickets.map((t) => t.id));
    expect(conversations.filter((c) => c.ticket_id !== "").every((c) => ticketIds.has(c.ticket_id))).toBe(true);
    expect(surveys.filter((s) => s.ticket_id !== "").every((s) => ticketIds.has(s.ticket_id))).toBe(true);
  });
});

describe("demo data: checksummed personal data", () => {
  it("computes the ISO 7064 MOD 11-2 and Luhn check digits", () => {
    expect(prcIdCheckDigit("11010519491231002")).toBe("X");
    expect(isValidPrcId("11010519491231002X")).toBe(true);
    expect(isValidPrcId("110105194912310021")).toBe(false);
    expect(luhnCheckDigit("7992739871")).toBe("3");
    expect(isValidLuhn("4111111111111111")).toBe(true);
    expect(isValidLuhn("4111111111111112")).toBe(false);
  });

  it("generated ID numbers, bank cards and mobiles are valid", () => {
    const rng = new Rng(7);
    for (let i = 0; i < 2000; i++) {
      expect(isValidPrcId(prcIdNumber(rng))).toBe(true);
      expect(isValidLuhn(bankCardNumber(rng))).toBe(true);
      expect(mobileNumber(rng)).toMatch(/^1[3-9]\d{9}$/);
    }
  });

  it("transcripts carry ID numbers and card numbers that pass their checksums", () => {
    const { conversations } = generated(0.3);
    const ids: string[] = [];
    const cards: string[] = [];
    for (const c of conversations) {
      for (const text of c.utt_text) {
        for (const m of text.matchAll(/(?<!\d)\d{17}[\dX](?!\d)/g)) ids.push(m[0]);
        if (/卡号|card/.test(text)) for (const m of text.matchAll(/\d[\d ]{14,22}\d/g)) cards.push(m[0].replaceAll(" ", ""));
      }
    }
    expect(ids.length).toBeGreaterThan(50);
    expect(cards.length).toBeGreaterThan(5);
    expect(ids.filter((id) => !isValidPrcId(id))).toEqual([]);
    expect(cards.filter((card) => !isValidLuhn(card))).toEqual([]);
  });
});

describe("demo data: tickets and conversations are consistent", () => {
  it("ticket times are in order and statuses match them", () => {
    const { tickets } = generated(0.05);
    const { startMs, endMs } = demoWindow(END);
    for (const t of tickets) {
      const created = ms(t.created_at);
      expect(created).toBeGreaterThanOrEqual(startMs);
      expect(created).toBeLessThan(endMs);
      if (t.first_response_at) expect(ms(t.first_response_at)).toBeGreaterThanOrEqual(created);
      if (t.resolved_at) {
        expect(t.first_response_at).not.toBeNull();
        expect(ms(t.resolved_at)).toBeGreaterThanOrEqual(ms(t.first_response_at!));
      }
      if (t.closed_at) expect(ms(t.closed_at)).toBeGreaterThanOrEqual(ms(t.resolved_at!));
      if (t.status === "closed") expect(t.closed_at).not.toBeNull();
      if (t.status === "resolved") expect(t.resolved_at).not.toBeNull();
      if (t.status === "open" || t.status === "pending") expect(t.resolved_at).toBeNull();
      for (const at of [t.first_response_at, t.resolved_at, t.closed_at]) if (at) expect(ms(at)).toBeLessThan(endMs);
    }
    // Unresolved tickets are mostly recent ones.
    const open = tickets.filter((t) => t.status === "open" || t.status === "pending");
    const recent = open.filter((t) => endMs - ms(t.created_at) < 14 * DAY_MS);
    expect(open.length).toBeGreaterThan(0);
    expect(recent.length / open.length).toBeGreaterThan(0.5);
  });

  it("utterances are monotonic, fit the talk and hold time, and have 6–16 turns", () => {
    const { conversations } = generated(0.05);
    for (const c of conversations) {
      expect(c.utt_speaker.length).toBe(c.utt_text.length);
      expect(c.utt_start_ms.length).toBe(c.utt_text.length);
      expect(c.utt_end_ms.length).toBe(c.utt_text.length);
      if (c.abandoned) {
        expect(c.answered_at).toBeNull();
        expect(c.utt_text).toEqual([]);
        continue;
      }
      expect(c.utt_text.length).toBeGreaterThanOrEqual(MIN_TURNS);
      expect(c.utt_text.length).toBeLessThanOrEqual(MAX_TURNS);
      let previousEnd = 0;
      for (let i = 0; i < c.utt_text.length; i++) {
        expect(c.utt_start_ms[i]!).toBeGreaterThanOrEqual(previousEnd);
        expect(c.utt_end_ms[i]!).toBeGreaterThan(c.utt_start_ms[i]!);
        previousEnd = c.utt_end_ms[i]!;
      }
      expect(previousEnd).toBeLessThanOrEqual((c.talk_seconds + c.hold_seconds) * 1000);
      expect(ms(c.answered_at!) - ms(c.started_at)).toBe(c.wait_seconds * 1000);
      expect(ms(c.ended_at!) - ms(c.answered_at!)).toBe((c.talk_seconds + c.hold_seconds) * 1000);
    }
  });

  it("has the planted script deviations at modest rates", () => {
    const { conversations } = generated(0.3);
    const handled = conversations.filter((c) => c.handled_by === "agent");
    const share = (re: RegExp, speaker: string) =>
      handled.filter((c) => c.utt_text.some((t, i) => c.utt_speaker[i] === speaker && re.test(t))).length / handled.length;
    const greeted = share(/您好，(这里是|云服务|欢迎|我是)|Hello|Hi,|Cloud Support, /, "agent");
    expect(greeted).toBeGreaterThan(0.9);
    expect(greeted).toBeLessThan(0.99);
    const escalationWords = share(/投诉|主管|12315|manager|cancel my account|complaint/, "customer");
    expect(escalationWords).toBeGreaterThan(0.03);
    expect(escalationWords).toBeLessThan(0.15);
    const rude = share(/这个我没办法|你自己去看文档|这不归我们管|我已经说过很多遍了|not my problem|read the documentation|already told you/, "agent");
    expect(rude).toBeGreaterThan(0.003);
    expect(rude).toBeLessThan(0.03);
  });
});

/** Tickets per Shanghai week (Monday start) by category, in all regions and per region. */
const weekCounts = new Map<TicketRow[], Map<string, number>>();
function weekCount(tickets: TicketRow[], monday: string, category: string, region: string | null): number {
  let counts = weekCounts.get(tickets);
  if (!counts) {
    counts = new Map();
    for (const t of tickets) {
      const day = new Date(`${shanghaiDay(t.created_at)}T00:00:00Z`);
      const week = addDays(day.toISOString().slice(0, 10), -((day.getUTCDay() + 6) % 7));
      for (const key of [`${week}/${t.category}/*`, `${week}/${t.category}/${t.region}`]) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    weekCounts.set(tickets, counts);
  }
  return counts.get(`${monday}/${category}/${region ?? "*"}`) ?? 0;
}

function growth(tickets: TicketRow[], monday: string, category: string, region: string | null): number {
  const baseline = [1, 2, 3, 4].map((k) => weekCount(tickets, addDays(monday, -7 * k), category, region));
  return weekCount(tickets, monday, category, region) / (baseline.reduce((a, b) => a + b, 0) / 4);
}

describe("demo data: planted spikes", () => {
  const spikes = demoSpikes(END);

  it("starts each spike on a Monday with the dates described by DEMO_SPIKES", () => {
    expect(spikes).toHaveLength(DEMO_SPIKES.length);
    for (const spike of spikes) expect(new Date(`${spike.start}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(spikes.find((s) => s.category === "outage")).toMatchObject({ region: "cn-east-2", start: "2026-03-02", end: "2026-03-08" });
    expect(spikes.find((s) => s.category === "billing_invoice")).toMatchObject({ region: null, start: "2026-05-11", end: "2026-05-20" });
  });

  it("each spike week has at least 3× the topic's usual weekly volume", () => {
    const { tickets } = generated(0.3);
    for (const spike of spikes) {
      expect(growth(tickets, spike.start, spike.category, spike.region), `${spike.id}/${spike.category}`).toBeGreaterThanOrEqual(3);
    }
  });

  it("a spike's topic ranks first by growth in its week", () => {
    const { tickets } = generated(0.3);
    for (const id of new Set(spikes.map((s) => s.id))) {
      const own = spikes.filter((s) => s.id === id);
      const { start, region } = own[0]!;
      for (const scope of region === null ? [null] : [region, null]) {
        const ranked = [...CATEGORIES].sort((a, b) => growth(tickets, start, b, scope) - growth(tickets, start, a, scope));
        expect(own.map((s) => s.category), `${id} in ${scope ?? "all regions"}`).toContain(ranked[0]);
      }
    }
  });

  it("outage contacts talk about the outage", () => {
    const { conversations } = generated(0.3);
    const spike = spikes.find((s) => s.category === "outage")!;
    const during = conversations.filter(
      (c) => c.region === "cn-east-2" && shanghaiDay(c.started_at) >= spike.start && shanghaiDay(c.started_at) <= spike.end,
    );
    const about = during.filter((c) => c.utt_text.some((t) => /断网|丢包|宕机|延迟|packet loss|outage/.test(t)));
    expect(about.length / during.length).toBeGreaterThan(0.4);
  });
});

describe("demo data: volume shape", () => {
  it("has the default-scale volumes in proportion", () => {
    const { stats } = generated(0.05);
    expect(stats.tickets).toBeGreaterThan(120_000 * 0.05 * 0.9);
    expect(stats.tickets).toBeLessThan(120_000 * 0.05 * 1.1);
    expect(stats.conversations).toBeGreaterThan(40_000 * 0.05 * 0.85);
    expect(stats.conversations).toBeLessThan(40_000 * 0.05 * 1.2);
    expect(stats.surveys).toBeGreaterThan(50_000 * 0.05 * 0.85);
    expect(stats.surveys).toBeLessThan(50_000 * 0.05 * 1.15);
  });

  it("is busier on weekdays and office hours (Shanghai), quiet but not empty at night, low on holidays", () => {
    const { tickets } = generated(0.3);
    const byWeekday = new Array(7).fill(0);
    const byHour = new Array(24).fill(0);
    const byDay = new Map<string, number>();
    for (const t of tickets) {
      const day = shanghaiDay(t.created_at);
      byWeekday[new Date(`${day}T00:00:00Z`).getUTCDay()]++;
      byHour[shanghaiHour(t.created_at)]++;
      byDay.set(day, (byDay.get(day) ?? 0) + 1);
    }
    const weekend = (byWeekday[0] + byWeekday[6]) / 2;
    const weekday = (byWeekday[1] + byWeekday[2] + byWeekday[3] + byWeekday[4] + byWeekday[5]) / 5;
    expect(weekend / weekday).toBeGreaterThan(0.3);
    expect(weekend / weekday).toBeLessThan(0.55);
    const peak = Math.min(byHour[10], byHour[15]);
    const night = Math.max(byHour[3], byHour[4]);
    expect(night).toBeGreaterThan(0);
    expect(peak / night).toBeGreaterThan(8);
    const week = (from: string) => [0, 1, 2, 3, 4, 5, 6].reduce((sum, k) => sum + (byDay.get(addDays(from, k)) ?? 0), 0);
    expect(week("2025-10-01") / ((week("2025-09-10") + week("2025-10-15")) / 2)).toBeLessThan(0.65);
    expect(week("2026-02-17") / ((week("2026-01-20") + week("2026-03-17")) / 2)).toBeLessThan(0.65);
  });
});

describe("demo data: KPI figures land on believable values", () => {
  it("NPS, CSAT, CES, FCR and SLA compliance at scale 0.05", () => {
    const { stats } = generated(0.05);
    expect(stats.csatShare).toBeGreaterThan(0.7);
    expect(stats.csatShare).toBeLessThan(0.95);
    expect(stats.nps).toBeGreaterThan(0);
    expect(stats.nps).toBeLessThan(60);
    expect(stats.cesMean).toBeGreaterThan(2.3);
    expect(stats.cesMean).toBeLessThan(3.7);
    expect(stats.fcr).toBeGreaterThan(0.75);
    expect(stats.fcr).toBeLessThan(0.92);
    expect(stats.slaBoth).toBeGreaterThan(0.8);
    expect(stats.slaBoth).toBeLessThan(0.97);
    expect(stats.abandonRate).toBeGreaterThan(0.03);
    expect(stats.abandonRate).toBeLessThan(0.12);
    expect(stats.commentShare).toBeGreaterThan(0.3);
    expect(stats.commentShare).toBeLessThan(0.5);
  });

  it("escalations, priorities, tiers and languages follow the planned mix", () => {
    const { stats } = generated(0.3);
    expect(stats.escalation.L1).toBeCloseTo(0.7, 1);
    expect(stats.escalation.L2).toBeCloseTo(0.22, 1);
    expect(stats.escalation.L3).toBeCloseTo(0.08, 1);
    expect(stats.priorities.P0).toBeGreaterThan(0.01);
    expect(stats.priorities.P0).toBeLessThan(0.035);
    expect(stats.tiers.basic).toBeCloseTo(0.6, 1);
    expect(stats.tiers.enterprise).toBeCloseTo(0.1, 1);
    expect(stats.languages.zh).toBeCloseTo(0.75, 1);
  });
});

describe("demo data: SLA targets", () => {
  it("has one target per tier and priority, tighter for higher priorities and tiers", () => {
    expect(DEMO_SLA_TARGETS).toHaveLength(SLA_TIERS.length * PRIORITIES.length);
    for (const tier of SLA_TIERS) {
      for (let i = 1; i < PRIORITIES.length; i++) {
        const higher = slaTarget(tier, PRIORITIES[i - 1]!);
        const lower = slaTarget(tier, PRIORITIES[i]!);
        expect(higher.firstResponseMinutes).toBeLessThanOrEqual(lower.firstResponseMinutes);
        expect(higher.resolutionMinutes).toBeLessThanOrEqual(lower.resolutionMinutes);
      }
    }
    for (const priority of PRIORITIES) {
      expect(slaTarget("enterprise", priority).firstResponseMinutes).toBeLessThanOrEqual(slaTarget("advanced", priority).firstResponseMinutes);
      expect(slaTarget("advanced", priority).firstResponseMinutes).toBeLessThanOrEqual(slaTarget("basic", priority).firstResponseMinutes);
    }
    expect(slaTarget("basic", "P3")).toMatchObject({ firstResponseMinutes: 120, resolutionMinutes: 1440 });
    expect(slaTarget("advanced", "P2")).toMatchObject({ firstResponseMinutes: 15, resolutionMinutes: 240 });
    expect(slaTarget("enterprise", "P0")).toMatchObject({ firstResponseMinutes: 5, resolutionMinutes: 120 });
  });
});

describe("demo-data arguments", () => {
  it("has defaults and reads every flag", () => {
    expect(parseDemoArgs([])).toMatchObject({ scale: 1, seed: 42, force: false, dryRun: false });
    expect(parseDemoArgs(["--scale", "0.5", "--seed=7", "--end", "2026-01-31", "--force", "--database", "demo_x"])).toEqual({
      scale: 0.5,
      seed: 7,
      end: "2026-01-31",
      force: true,
      dryRun: false,
      database: "demo_x",
    });
  });

  it("rejects bad arguments with a one-line message", () => {
    for (const args of [["--scale", "0"], ["--scale", "abc"], ["--seed", "1.5"], ["--end", "2026-02-30"], ["--end"], ["--bogus"], ["--database", "x;drop"]]) {
      let message = "";
      try {
        parseDemoArgs(args);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, args.join(" ")).toMatch(/^demo-data: /);
      expect(message).not.toContain("\n");
    }
  });
});
