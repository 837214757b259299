import { beforeAll, describe, expect, it } from "vitest";
import { frtBuckets } from "../../server/kpi/breakdowns";
import { computeKpis, computeKpisWithPrevious } from "../../server/kpi/compute";
import type { KpiQueryContext } from "../../server/kpi/definitions";
import { drillPage } from "../../server/kpi/drilldown";
import { DEFAULT_SCHEDULE } from "../../server/kpi/business-hours";
import { FRT_BUCKETS, frtBucketTarget } from "../../server/kpi/frt-buckets";
import { createCaller } from "../../server/routers/root";
import { surveyRow } from "../fixtures/factories";
import {
  FIXTURE_AS_OF,
  FIXTURE_FILTER,
  FIXTURE_TIMEZONE,
  fixtureConversations,
  fixtureNlpResults,
  fixtureSurveys,
  fixtureTickets,
} from "../fixtures/kpi-fixture";
import { testCaller } from "../helpers/callers";
import { withTestDb } from "../helpers/test-db";

/**
 * The overview's sparklines, FRT distribution, comparison period and queue filter on the KPI
 * fixture (tests/fixtures/kpi-fixture.ts), with hand-computed figures. This file's database adds
 * to the fixture: three NPS responses a year earlier, and queue "vip" on conversations c2 and c3.
 */

const db = withTestDb("overview");

const lastYearSurveys = [
  surveyRow({ id: "ly1", responded_at: "2024-03-05T05:00:00", kind: "nps", score: 10 }),
  surveyRow({ id: "ly2", responded_at: "2024-03-06T05:00:00", kind: "nps", score: 3 }),
  surveyRow({ id: "ly3", responded_at: "2024-03-07T05:00:00", kind: "nps", score: 9 }),
  // 29 February 2024 (Shanghai) and 1 April 2024 00:00 (Shanghai) are outside March.
  surveyRow({ id: "ly4", responded_at: "2024-02-29T05:00:00", kind: "nps", score: 0 }),
  surveyRow({ id: "ly5", responded_at: "2024-03-31T16:00:00", kind: "nps", score: 0 }),
];

beforeAll(async () => {
  await db.get().insert("test.fixture", "tickets", fixtureTickets);
  await db.get().insert("test.fixture", "survey_responses", [...fixtureSurveys, ...lastYearSurveys]);
  await db.get().insert(
    "test.fixture",
    "conversations",
    fixtureConversations.map((c) => (c.id === "c2" || c.id === "c3" ? { ...c, queue: "vip" } : c)),
  );
  await db.get().insert("test.fixture", "nlp_results", fixtureNlpResults);
});

function context(filter: KpiQueryContext["filter"] = FIXTURE_FILTER, over: Partial<KpiQueryContext> = {}): KpiQueryContext {
  return { filter, timezone: FIXTURE_TIMEZONE, fcrWindowDays: 7, asOf: FIXTURE_AS_OF, ...over };
}

const call = () =>
  createCaller({ caller: testCaller("manager"), db: db.get(), timezone: FIXTURE_TIMEZONE, fcrWindowDays: 7, now: () => FIXTURE_AS_OF });

describe("FRT distribution buckets", () => {
  // Responded tickets in March (Shanghai), FRT in calendar seconds: t3 600, t4 240, t5 300, t11 480 (< 15 min);
  // t8 1800 (15–60 min); t1 3600, t13 3600, t14 3600 (exactly 1 h opens the 1–4 h bucket), t2 10800 (1–4 h).
  const calendar = { "lt15m": 4, "15m-1h": 1, "1h-4h": 4, "4h-8h": 0, "8h-24h": 0, "1d-3d": 0, "gt3d": 0 };

  it("counts the FRT card's tickets per bucket (hand-computed), every bucket present, adding up to the card's n", async () => {
    const bars = await call().overview.frtBuckets(FIXTURE_FILTER);
    expect(bars.map((b) => b.id)).toEqual(FRT_BUCKETS.map((b) => b.id));
    expect(Object.fromEntries(bars.map((b) => [b.id, b.n]))).toEqual(calendar);
    expect(bars[0]!.label).toEqual({ en: "< 15 min", zh: "< 15 分钟" });
    const cards = await call().overview.kpis(FIXTURE_FILTER);
    expect(bars.reduce((sum, b) => sum + b.n, 0)).toBe(cards.kpis.find((k) => k.id === "frt")!.n);
  });

  it("a bar's drill-down lists exactly its tickets: total = the bar, metric inside the bucket", async () => {
    const bars = await call().overview.frtBuckets(FIXTURE_FILTER);
    for (const bar of bars) {
      const list = await call().drilldown.list({ target: frtBucketTarget(bar.id), filter: FIXTURE_FILTER, sort: "id", direction: "asc", pageSize: 500 });
      expect(list.total, bar.id).toBe(bar.n);
      expect(list.rows, bar.id).toHaveLength(bar.n);
      const bucket = FRT_BUCKETS.findIndex((b) => b.id === bar.id);
      const lower = bucket === 0 ? -Infinity : FRT_BUCKETS[bucket - 1]!.below!;
      const upper = FRT_BUCKETS[bucket]!.below ?? Infinity;
      for (const row of list.rows) {
        expect(Number(row.metric)).toBeGreaterThanOrEqual(lower);
        expect(Number(row.metric)).toBeLessThan(upper);
      }
    }
    const hour = await call().drilldown.list({ target: "frt.1h-4h", filter: FIXTURE_FILTER, sort: "id", direction: "asc" });
    expect(hour.rows.map((r) => [r.id, Number(r.metric)])).toEqual([
      ["t1", 3600],
      ["t13", 3600],
      ["t14", 3600],
      ["t2", 10800],
    ]);
  });

  it("follows the filters, and the business clock where a tier runs on it", async () => {
    const phone = await call().overview.frtBuckets({ ...FIXTURE_FILTER, channel: ["phone"] });
    // t1 3600, t3 600, t5 300, t11 480.
    expect(phone.filter((b) => b.n > 0).map((b) => [b.id, b.n])).toEqual([
      ["lt15m", 3],
      ["1h-4h", 1],
    ]);
    // Basic tier on business hours (Mon–Fri 09:00–18:00 Shanghai): t1 (Sunday) and t8 (Monday 23:00) count 0 s,
    // t2 10800, t13 3600, t14 3600 stay.
    const ctx = context(FIXTURE_FILTER, { schedule: DEFAULT_SCHEDULE, clocks: { basic: "business", advanced: "calendar", enterprise: "calendar" } });
    const business = await frtBuckets(db.get(), ctx);
    expect(business.filter((b) => b.n > 0).map((b) => [b.id, b.n])).toEqual([
      ["lt15m", 6],
      ["1h-4h", 3],
    ]);
    for (const bar of business) {
      expect((await drillPage(db.get(), ctx, { target: frtBucketTarget(bar.id), direction: "desc", page: 0, pageSize: 1 })).total).toBe(bar.n);
    }
  });
});

describe("sparklines", () => {
  it("are the KPI per day of the range, each day equal to computeKpis run for that day alone", async () => {
    const values = await computeKpisWithPrevious(db.get(), context());
    const frt = values.find((v) => v.current.id === "frt")!;
    expect(frt.sparkline).toHaveLength(31);
    expect(frt.sparkline[0]!.bucket).toBe("2025-03-01");
    expect(frt.sparkline[30]!.bucket).toBe("2025-03-31");
    // Hand-computed: 12 March has t13 and t14 (3600 s each); 5 March has t2 (10800 s); 1 March has none.
    expect(frt.sparkline.find((p) => p.bucket === "2025-03-12")).toEqual({ bucket: "2025-03-12", n: 2, value: 3600 });
    expect(frt.sparkline.find((p) => p.bucket === "2025-03-05")).toEqual({ bucket: "2025-03-05", n: 1, value: 10800 });
    expect(frt.sparkline[0]).toEqual({ bucket: "2025-03-01", n: 0, value: null });
    expect(frt.sparkline.reduce((sum, p) => sum + p.n, 0)).toBe(frt.current.n);

    for (const day of ["2025-03-02", "2025-03-05", "2025-03-12", "2025-03-31"]) {
      const alone = await computeKpis(db.get(), context({ from: day, to: day }));
      for (const kpi of alone) {
        const point = values.find((v) => v.current.id === kpi.id)!.sparkline.find((p) => p.bucket === day)!;
        expect(point.n, `${kpi.id} ${day}`).toBe(kpi.n);
        if (kpi.value === null) expect(point.value, `${kpi.id} ${day}`).toBeNull();
        else expect(point.value, `${kpi.id} ${day}`).toBeCloseTo(kpi.value, 8);
      }
    }
  });

  it("are weekly beyond 62 days, from the Monday of the first week", async () => {
    const cards = await call().overview.kpis({ from: "2025-01-01", to: "2025-03-31" });
    expect(cards.sparklineGrain).toBe("week");
    const nps = cards.kpis.find((k) => k.id === "nps")!;
    expect(nps.sparkline[0]!.bucket).toBe("2024-12-30");
    expect(nps.sparkline.at(-1)!.bucket).toBe("2025-03-31");
    expect(nps.sparkline).toHaveLength(14);
    expect(nps.sparkline.reduce((sum, p) => sum + p.n, 0)).toBe(nps.n);
    expect((await call().overview.kpis(FIXTURE_FILTER)).sparklineGrain).toBe("day");
  });

  it("leave the cards' figures as computeKpis gives them, whichever the comparison", async () => {
    for (const filter of [FIXTURE_FILTER, { ...FIXTURE_FILTER, channel: ["phone", "chat"] }, { from: "2025-03-10", to: "2025-04-05" }]) {
      const alone = await computeKpis(db.get(), context(filter));
      for (const comparison of ["previous", "lastYear"] as const) {
        const both = await computeKpisWithPrevious(db.get(), context(filter), { comparison });
        expect(both.map((b) => b.current)).toEqual(alone);
      }
    }
  });
});

describe("comparison period", () => {
  it("the previous period by default; the same days a year earlier on request", async () => {
    const previous = await call().overview.kpis(FIXTURE_FILTER);
    expect(previous.comparison).toBe("previous");
    expect(previous.previousRange).toEqual({ from: "2025-01-29", to: "2025-02-28" });

    const lastYear = await call().overview.kpis({ ...FIXTURE_FILTER, compare: "lastYear" });
    expect(lastYear.comparison).toBe("lastYear");
    expect(lastYear.previousRange).toEqual({ from: "2024-03-01", to: "2024-03-31" });
    const nps = lastYear.kpis.find((k) => k.id === "nps")!;
    // March 2024: 10, 3, 9 → 2 promoters, 1 detractor of 3 = 33.3; this March is 20.
    expect(nps.value).toBeCloseTo(20, 10);
    expect(nps.previousN).toBe(3);
    expect(nps.previousValue).toBeCloseTo(100 / 3, 10);
    expect(nps.change).toBeCloseTo(20 - 100 / 3, 10);
    // No tickets a year earlier: no previous value, no change.
    const frt = lastYear.kpis.find((k) => k.id === "frt")!;
    expect([frt.previousN, frt.previousValue, frt.change]).toEqual([0, null, null]);
    // The current figures and sparklines do not depend on the comparison.
    expect(lastYear.kpis.map((k) => [k.id, k.n, k.value, k.sparkline])).toEqual(previous.kpis.map((k) => [k.id, k.n, k.value, k.sparkline]));
  });

  it("29 February compares with 28 February; a bad comparison is a validation error", async () => {
    const leap = await call().overview.kpis({ from: "2024-02-29", to: "2024-03-31", compare: "lastYear" });
    expect(leap.previousRange).toEqual({ from: "2023-02-28", to: "2023-03-31" });
    await expect(call().overview.kpis({ ...FIXTURE_FILTER, compare: "lastWeek" as "lastYear" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("queue filter", () => {
  it("narrows the conversation KPIs and is reported as not applying to tickets and surveys", async () => {
    const all = await call().overview.kpis(FIXTURE_FILTER);
    const vip = await call().overview.kpis({ ...FIXTURE_FILTER, queue: ["vip"] });
    const byId = Object.fromEntries(vip.kpis.map((k) => [k.id, k]));
    // c2 (answered after 70 s, 200 + 100 s, one transfer) and c3 (10 s, 500 + 100 s) are in queue vip.
    expect([byId.answerRate!.n, byId.answerRate!.value]).toEqual([2, 100]);
    expect([byId.asa!.n, byId.asa!.value]).toEqual([2, 40]);
    expect([byId.aht!.n, byId.aht!.value]).toEqual([2, 450]);
    expect([byId.transferRate!.n, byId.transferRate!.value]).toEqual([2, 50]);
    expect(byId.selfService!.n).toBe(2);
    expect(byId.sentiment!.n).toBe(2);
    expect(byId.sentiment!.value).toBeCloseTo(-0.125, 5);
    for (const kpi of vip.kpis) {
      const source = ["nps", "csat", "ces"].includes(kpi.id) ? "surveys" : ["asa", "answerRate", "abandonRate", "aht", "transferRate", "selfService", "sentiment"].includes(kpi.id) ? "conversations" : "tickets";
      if (source === "conversations") {
        expect(kpi.ignoredFilters, kpi.id).toEqual([]);
      } else {
        expect(kpi.ignoredFilters, kpi.id).toEqual(["queue"]);
        const unfiltered = all.kpis.find((k) => k.id === kpi.id)!;
        expect([kpi.n, kpi.value], kpi.id).toEqual([unfiltered.n, unfiltered.value]);
      }
      const list = await call().drilldown.list({ target: kpi.id, filter: { ...FIXTURE_FILTER, queue: ["vip"] }, pageSize: 1 });
      expect(list.total, kpi.id).toBe(kpi.n);
    }
  });

  it("offers the conversations' queues in the filter bar", async () => {
    expect((await call().meta.dimensionValues()).queue).toEqual(["vip", "zh-general"]);
  });
});
