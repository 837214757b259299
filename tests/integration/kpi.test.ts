import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../../server/auth/caller";
import { computeKpis } from "../../server/kpi/compute";
import type { KpiQueryContext } from "../../server/kpi/definitions";
import { readState } from "../../server/kpi/read-state";
import { heatCellTarget } from "../../server/kpi/heat-cells";
import { createCaller } from "../../server/routers/root";
import type { Context } from "../../server/trpc/init";
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

const db = withTestDb("kpi");

beforeAll(async () => {
  await db.get().insert("test.fixture", "tickets", fixtureTickets);
  await db.get().insert("test.fixture", "survey_responses", fixtureSurveys);
  await db.get().insert("test.fixture", "conversations", fixtureConversations);
  await db.get().insert("test.fixture", "nlp_results", fixtureNlpResults);
  state = await readState(db.get(), { fcrWindowDays: 7, timezone: FIXTURE_TIMEZONE, rollups: "wait" });
});

/**
 * As the procedures read: clean months without FINAL (the fixture's own month holds old
 * versions, so not all are clean) and FCR follow-ups computed ahead.
 */
let state: Awaited<ReturnType<typeof readState>>;

function context(filter: KpiQueryContext["filter"] = FIXTURE_FILTER): KpiQueryContext {
  return { filter, timezone: FIXTURE_TIMEZONE, fcrWindowDays: 7, asOf: FIXTURE_AS_OF, ...state };
}

async function kpis(filter?: KpiQueryContext["filter"]) {
  const values = await computeKpis(db.get(), context(filter));
  return Object.fromEntries(values.map((v) => [v.id, v]));
}

describe("KPI formulas against a hand-computed fixture", () => {
  it("reads the same figures as with FINAL everywhere and follow-ups searched for in the query", async () => {
    const months = Object.values(state.dedup.clean).flat();
    expect(months.length).toBeGreaterThan(0);
    expect(state.followUps?.generations.size).toBeGreaterThan(0);
    const plain = await computeKpis(db.get(), context());
    const final = await computeKpis(db.get(), { ...context(), dedup: undefined, followUps: undefined });
    expect(plain.map((k) => [k.id, k.n, k.value, k.extras])).toEqual(final.map((k) => [k.id, k.n, k.value, k.extras]));
  });

  it("NPS: 5 promoters, 3 detractors of 10 responses (latest version, timezone edges) = 20", async () => {
    const { nps } = await kpis();
    expect(nps!.n).toBe(10);
    expect(nps!.value).toBeCloseTo(20, 10);
    expect(nps!.extras).toEqual({ promoters: 5, detractors: 3 });
  });

  it("CSAT: 4 of 6 valid responses are 4–5 = 66.67 %, mean 3.667; an out-of-scale score is ignored", async () => {
    const { csat } = await kpis();
    expect(csat!.n).toBe(6);
    expect(csat!.value).toBeCloseTo((4 / 6) * 100, 10);
    expect(csat!.extras.mean).toBeCloseTo(22 / 6, 10);
  });

  it("FCR: 6 of 10 tickets (follow-ups after the range end count; no-customer tickets stand alone) = 60 %", async () => {
    const { fcr } = await kpis();
    expect(fcr!.n).toBe(10);
    expect(fcr!.value).toBeCloseTo(60, 10);
    expect(fcr!.extras.windowDays).toBe(7);
  });

  it("FRT: median 1800 s, p90 10800 s, mean 2780 s over 9 responded tickets", async () => {
    const { frt } = await kpis();
    expect(frt!.n).toBe(9);
    expect(frt!.value).toBe(1800);
    expect(frt!.extras.p90).toBe(10800);
    expect(frt!.extras.mean).toBeCloseTo(2780, 10);
  });

  it("AHT: mean 344 s, median 300 s over 5 agent-handled conversations (abandoned, bot and out-of-range excluded)", async () => {
    const { aht } = await kpis();
    expect(aht!.n).toBe(5);
    expect(aht!.value).toBeCloseTo(1720 / 5, 10);
    expect(aht!.extras.median).toBe(300);
  });

  it("ASA: mean 32.5 s, exact median 25 s over 4 answered inbound conversations", async () => {
    const { asa } = await kpis();
    expect(asa!.n).toBe(4);
    expect(asa!.value).toBeCloseTo(32.5, 10);
    expect(asa!.extras.median).toBe(25);
  });

  it("answer and abandonment rates: 5 offered (outbound, bot and a 3 s abandon are not), 4 answered, 1 abandoned", async () => {
    const { answerRate, abandonRate } = await kpis();
    expect(answerRate!.n).toBe(5);
    expect(answerRate!.value).toBeCloseTo(80, 10);
    expect(abandonRate!.n).toBe(5);
    expect(abandonRate!.value).toBeCloseTo(20, 10);
  });

  it("transfer rate 2 of 5 handled, self-service 1 of 9 conversations", async () => {
    const { transferRate, selfService } = await kpis();
    expect(transferRate!.n).toBe(5);
    expect(transferRate!.value).toBeCloseTo(40, 10);
    expect(selfService!.n).toBe(9);
    expect(selfService!.value).toBeCloseTo(100 / 9, 10);
  });

  it("CES: mean 2.75 over 4 valid responses", async () => {
    const { ces } = await kpis();
    expect(ces!.n).toBe(4);
    expect(ces!.value).toBeCloseTo(2.75, 10);
  });

  it("resolution time: median 7200 s, p90 72000 s over 7 resolved tickets", async () => {
    const { resolution } = await kpis();
    expect(resolution!.n).toBe(7);
    expect(resolution!.value).toBe(7200);
    expect(resolution!.extras.p90).toBe(72000);
  });

  it("sentiment: mean 0.0833 over 3 tagged conversations (latest tagging), 1 of 3 negative, start 0 → end 0.0833", async () => {
    const { sentiment } = await kpis();
    expect(sentiment!.n).toBe(3);
    expect(sentiment!.value).toBeCloseTo(0.25 / 3, 5);
    expect(sentiment!.extras.negativeShare).toBeCloseTo(100 / 3, 5);
    expect(sentiment!.extras.startMean).toBeCloseTo((0.2 - 0.2 + 0) / 3, 5);
    expect(sentiment!.extras.endMean).toBeCloseTo(0.25 / 3, 5);
  });

  it("reopen rate 1 of 10 tickets, escalation rate 2 of 10", async () => {
    const { reopenRate, escalationRate } = await kpis();
    expect(reopenRate!.n).toBe(10);
    expect(reopenRate!.value).toBeCloseTo(10, 10);
    expect(escalationRate!.n).toBe(10);
    expect(escalationRate!.value).toBeCloseTo(20, 10);
  });

  it("SLA compliance: 5 achieved, 4 breached (open past target included), the one still running not judged = 55.56 %", async () => {
    const { sla } = await kpis();
    expect(sla!.extras).toEqual({ achieved: 5, breached: 4 });
    expect(sla!.n).toBe(9);
    expect(sla!.value).toBeCloseTo((5 / 9) * 100, 10);
  });

  it("dimension filters narrow the rows, and follow-ups in other channels still count for FCR", async () => {
    const { fcr, sla, nps } = await kpis({ ...FIXTURE_FILTER, channel: ["phone"], priority: ["P2", "P0", "P3"] });
    expect(fcr!.n).toBe(4);
    expect(fcr!.value).toBeCloseTo(50, 10);
    expect(sla!.n).toBe(4);
    expect(sla!.value).toBeCloseTo(50, 10);
    expect(nps!.ignoredFilters).toEqual(["priority"]);
  });

  it("an empty range gives n = 0 and no value rather than 0", async () => {
    const values = await kpis({ from: "2024-01-01", to: "2024-01-31" });
    expect(Object.keys(values)).toHaveLength(16);
    for (const v of Object.values(values)) {
      expect(v.n).toBe(0);
      expect(v.value).toBeNull();
    }
  });
});

describe("overview.kpis through the tRPC caller", () => {
  const ctx = (caller: Caller | null): Context => ({
    caller,
    db: db.get(),
    timezone: FIXTURE_TIMEZONE,
    fcrWindowDays: 7,
    now: () => FIXTURE_AS_OF,
  });

  it("returns every KPI with n, the previous period and target status", async () => {
    const result = await createCaller(ctx(testCaller("manager"))).overview.kpis(FIXTURE_FILTER);
    expect(result.previousRange).toEqual({ from: "2025-01-29", to: "2025-02-28" });
    const byId = Object.fromEntries(result.kpis.map((k) => [k.id, k]));
    expect(Object.keys(byId).sort()).toEqual(
      ["abandonRate", "aht", "answerRate", "asa", "ces", "csat", "escalationRate", "fcr", "frt", "nps", "reopenRate", "resolution", "selfService", "sentiment", "sla", "transferRate"],
    );
    expect(byId.nps!.value).toBeCloseTo(20, 10);
    expect(byId.nps!.previousN).toBe(1); // n11 at 2025-02-28 23:59:59 Shanghai
    expect(byId.nps!.previousValue).toBe(-100);
    expect(byId.nps!.change).toBeCloseTo(120, 10);
    expect(byId.sla!.status).toBe("missed");
    expect(byId.fcr!.formula.en).toMatch(/7 days/);
  });

  it("refuses a caller whose role lacks the permission, and a missing caller", async () => {
    await expect(createCaller(ctx(testCaller("qa"))).people.table({ filter: FIXTURE_FILTER, by: "team" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(createCaller(ctx(null)).overview.kpis(FIXTURE_FILTER)).rejects.toBeInstanceOf(TRPCError);
  });

  it("rejects bad input with a validation error", async () => {
    const call = createCaller(ctx(testCaller("manager")));
    await expect(call.overview.kpis({ from: "2025-03-31", to: "2025-03-01" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(call.overview.kpis({ from: "2025-03-01'; DROP TABLE tickets; --", to: "2025-03-31" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("drill-down lists exactly the records behind each figure", () => {
  const manager = (): Context => ({
    caller: testCaller("manager"),
    db: db.get(),
    timezone: FIXTURE_TIMEZONE,
    fcrWindowDays: 7,
    now: () => FIXTURE_AS_OF,
  });
  const filters = [
    FIXTURE_FILTER,
    { ...FIXTURE_FILTER, channel: ["phone"] },
    { ...FIXTURE_FILTER, channel: ["chat", "email"], priority: ["P2"] },
    { from: "2025-03-10", to: "2025-03-31", slaTier: ["basic"] },
  ];

  it("the list's total equals the card's n for every KPI under several filter combinations", async () => {
    const call = createCaller(manager());
    for (const filter of filters) {
      const overview = await call.overview.kpis(filter);
      for (const kpi of overview.kpis) {
        const list = await call.drilldown.list({ target: kpi.id, filter, pageSize: 500 });
        expect(list.total, `${kpi.id} ${JSON.stringify(filter)}`).toBe(kpi.n);
        expect(list.rows.length, `${kpi.id}`).toBe(kpi.n);
      }
    }
  });

  it("shows the metric per record, times in the configured timezone, sorted and paged", async () => {
    const call = createCaller(manager());
    const sla = await call.drilldown.list({ target: "sla", filter: FIXTURE_FILTER, sort: "id", direction: "asc" });
    expect(sla.rows.map((r) => [r.id, r.metric])).toEqual([
      ["t1", "achieved"],
      ["t11", "breached"],
      ["t13", "achieved"],
      ["t14", "achieved"],
      ["t2", "breached"],
      ["t3", "breached"],
      ["t4", "achieved"],
      ["t5", "achieved"],
      ["t6", "breached"],
    ]);
    const fcr = await call.drilldown.list({ target: "fcr", filter: FIXTURE_FILTER, sort: "created_at", direction: "asc", page: 1, pageSize: 3 });
    expect(fcr.total).toBe(10);
    // created_at in Asia/Shanghai: t13 was created 2025-03-12 02:00 UTC.
    expect(fcr.rows.map((r) => [r.id, r.created_at, r.metric])).toEqual([
      ["t13", "2025-03-12 10:00:00", 1],
      ["t14", "2025-03-12 11:00:00", 1],
      ["t11", "2025-03-15 10:00:00", 1],
    ]);
  });

  it("refuses sort columns outside the allow-list by falling back to time order, and rejects bad input", async () => {
    const call = createCaller(manager());
    const list = await call.drilldown.list({ target: "tickets", filter: FIXTURE_FILTER, sort: "id; DROP TABLE tickets", direction: "asc" });
    expect(list.rows[0]!.created_at).toBe("2025-03-02 10:00:00");
    await expect(call.drilldown.list({ target: "nope" as "nps", filter: FIXTURE_FILTER })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(call.drilldown.list({ target: "nps", filter: FIXTURE_FILTER, pageSize: 100_000 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("breakdowns share the card's population", () => {
  const call = () =>
    createCaller({
      caller: testCaller("manager"),
      db: db.get(),
      timezone: FIXTURE_TIMEZONE,
      fcrWindowDays: 7,
      now: () => FIXTURE_AS_OF,
    });

  it("a monthly series has the card's value; weekly buckets add up to the card's n", async () => {
    const monthly = await call().overview.series({ filter: FIXTURE_FILTER, kpi: "nps", grain: "month" });
    expect(monthly).toEqual([{ bucket: "2025-03-01", n: 10, value: 20 }]);
    const weekly = await call().overview.series({ filter: FIXTURE_FILTER, kpi: "sla", grain: "week" });
    expect(weekly.reduce((sum, b) => sum + b.n, 0)).toBe(9);
    // t1 (Sunday 2025-03-02 10:00 Shanghai) falls in the week of Monday 2025-02-24.
    expect(weekly[0]).toEqual({ bucket: "2025-02-24", n: 1, value: 100 });
  });

  it("SLA per priority × tier: basic P2 is 3 achieved of 5 judged", async () => {
    const matrix = await call().overview.slaMatrix(FIXTURE_FILTER);
    expect(matrix).toHaveLength(12);
    expect(matrix.find((c) => c.priority === "P2" && c.tier === "basic")).toEqual({ priority: "P2", tier: "basic", n: 5, value: 60 });
    expect(matrix.find((c) => c.priority === "P1" && c.tier === "basic")).toEqual({ priority: "P1", tier: "basic", n: 0, value: null });
    expect(matrix.reduce((sum, c) => sum + c.n, 0)).toBe(9);
  });

  it("the weekday × hour heatmap counts every ticket in range once, in the configured timezone", async () => {
    const cells = await call().overview.heatmap(FIXTURE_FILTER);
    expect(cells.reduce((sum, c) => sum + c.tickets, 0)).toBe(10);
    // t8: 2025-03-31 15:00 UTC = Monday 23:00 in Shanghai.
    expect(cells).toContainEqual({ weekday: 1, hour: 23, tickets: 1 });
  });

  it("a heatmap cell's drill-down lists exactly the tickets of that weekday and hour (Shanghai)", async () => {
    const cells = await call().overview.heatmap(FIXTURE_FILTER);
    const monday23 = await call().drilldown.list({ target: heatCellTarget(1, 23), filter: FIXTURE_FILTER, sort: "id", direction: "asc" });
    expect(monday23.rows.map((r) => [r.id, r.created_at])).toEqual([["t8", "2025-03-31 23:00:00"]]);
    // t9 (Tuesday 2025-04-01 00:30 in Shanghai, Monday 16:30 UTC) is after the range: no cell holds it.
    expect(cells.find((c) => c.weekday === 2 && c.hour === 0)).toBeUndefined();
    expect((await call().drilldown.list({ target: heatCellTarget(2, 0), filter: FIXTURE_FILTER })).total).toBe(0);
    expect((await call().drilldown.list({ target: heatCellTarget(1, 16), filter: FIXTURE_FILTER })).total).toBe(0);
    for (const cell of cells) {
      const list = await call().drilldown.list({ target: heatCellTarget(cell.weekday as never, cell.hour as never), filter: FIXTURE_FILTER });
      expect(list.total, `${cell.weekday}.${cell.hour}`).toBe(cell.tickets);
    }
  });
});
