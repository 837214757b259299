import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadDemoData } from "../../jobs/demo/load";
import type { Caller } from "../../server/auth/caller";
import { sql } from "../../server/clickhouse/sql";
import { appRouter, createCaller } from "../../server/routers/root";
import { testCaller } from "../helpers/callers";
import { withTestDb } from "../helpers/test-db";

/** A manager scoped to one team never receives another team's rows, from any procedure. */
const db = withTestDb("scope");
const filter = { from: "2026-05-01", to: "2026-06-30" };
const caller = (who: Caller) =>
  createCaller({ caller: who, db: db.get(), timezone: "Asia/Shanghai", fcrWindowDays: 7, now: () => new Date("2026-07-01T00:00:00Z") });
const everyone = () => caller(testCaller("admin"));
let teamA = "";
let teamB = "";
const scoped = () => caller(testCaller("manager", { teamScope: [teamA] }));

beforeAll(async () => {
  await loadDemoData(db.get(), { scale: 0.05, seed: 3, end: new Date("2026-06-30T00:00:00Z") });
  const teams = (await everyone().meta.dimensionValues()).team;
  [teamA, teamB] = [teams[0]!, teams[1]!];
});

describe("team scope", () => {
  it("KPI cards equal the unscoped figures filtered to the team, whatever team the request asks for", async () => {
    const mine = await scoped().overview.kpis(filter);
    const expected = await everyone().overview.kpis({ ...filter, team: [teamA] });
    expect(mine.kpis.map((k) => [k.id, k.n, k.value])).toEqual(expected.kpis.map((k) => [k.id, k.n, k.value]));
    const all = await everyone().overview.kpis(filter);
    expect(mine.kpis.find((k) => k.id === "fcr")!.n).toBeLessThan(all.kpis.find((k) => k.id === "fcr")!.n);

    const other = await scoped().overview.kpis({ ...filter, team: [teamB] });
    for (const k of other.kpis) expect(k.n, k.id).toBe(0);
  });

  it("drill-down and exports list only the team's records", async () => {
    const list = await scoped().drilldown.list({ target: "tickets", filter: { ...filter, team: [teamA, teamB] }, pageSize: 500 });
    expect(list.total).toBeGreaterThan(0);
    for (const row of list.rows) expect(row.team).toBe(teamA);
    const survey = await scoped().drilldown.list({ target: "csat", filter, pageSize: 500 });
    for (const row of survey.rows) expect(row.team).toBe(teamA);
  });

  it("charts, hotspots and filter values only count the team", async () => {
    const volume = await scoped().overview.volumeByDay(filter);
    const expectedVolume = await everyone().overview.volumeByDay({ ...filter, team: [teamA] });
    expect(volume).toEqual(expectedVolume);
    const heat = await scoped().overview.heatmap(filter);
    expect(heat).toEqual(await everyone().overview.heatmap({ ...filter, team: [teamA] }));
    const hot = await scoped().overview.hotspots(filter);
    expect(hot).toEqual(await everyone().overview.hotspots({ ...filter, team: [teamA] }));
    const topic = hot.byVolume[0]!.topic;
    const detail = await scoped().overview.hotspotDetail({ filter: { ...filter, team: [teamB] }, topic });
    expect(detail).toMatchObject({ examples: [], keywords: [], score: { current: 0 } });
    const mine = await scoped().overview.hotspotDetail({ filter, topic });
    expect(mine).toEqual(await everyone().overview.hotspotDetail({ filter: { ...filter, team: [teamA] }, topic }));
    for (const example of mine.examples) expect(example.team).toBe(teamA);
    const matrix = await scoped().overview.slaMatrix({ ...filter, team: [teamB] });
    for (const cell of matrix) expect(cell.n).toBe(0);
    const series = await scoped().overview.series({ filter, kpi: "csat", grain: "week" });
    expect(series).toEqual(await everyone().overview.series({ filter: { ...filter, team: [teamA] }, kpi: "csat", grain: "week" }));
    expect((await scoped().meta.dimensionValues()).team).toEqual([teamA]);
    const [range] = await db.get().query(
      "test",
      sql`SELECT toString(toDate(min(created_at), 'Asia/Shanghai')) AS minDay, toString(toDate(max(created_at), 'Asia/Shanghai')) AS maxDay FROM tickets FINAL WHERE team = ${teamA}`,
      z.object({ minDay: z.string(), maxDay: z.string() }),
    );
    expect(await scoped().meta.dataRange()).toMatchObject(range!);
    const buckets = await scoped().overview.frtBuckets(filter);
    expect(buckets).toEqual(await everyone().overview.frtBuckets({ ...filter, team: [teamA] }));
  });

  it("records of another team are not found, those of the team are", async () => {
    const [mine] = (await everyone().drilldown.list({ target: "tickets", filter: { ...filter, team: [teamA] }, pageSize: 1 })).rows;
    const [theirs] = (await everyone().drilldown.list({ target: "tickets", filter: { ...filter, team: [teamB] }, pageSize: 1 })).rows;
    expect((await scoped().records.ticket({ id: String(mine!.id) })).id).toBe(mine!.id);
    await expect(scoped().records.ticket({ id: String(theirs!.id) })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("covers every procedure that returns rows", () => {
    const covered = new Set(["overview.kpis", "overview.series", "overview.frtBuckets", "overview.slaMatrix", "overview.heatmap", "overview.hotspots", "overview.hotspotDetail", "overview.volumeByDay", "drilldown.list", "meta.dataRange", "meta.dimensionValues", "people.table", "records.ticket", "records.conversation", "records.survey"]);
    const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { permission?: string } } }>);
    const rowReturning = procedures.filter(([, p]) => !p._def.meta?.permission?.startsWith("admin.")).map(([path]) => path);
    // A new procedure must get a scope test here (records.conversation / survey: see records.test.ts).
    expect(rowReturning.filter((path) => !covered.has(path))).toEqual([]);
  });
});

describe("agents & teams table", () => {
  it("each team's cell equals the card filtered to that team, and a scoped manager sees only their team", async () => {
    const table = await everyone().people.table({ filter, by: "team" });
    expect(table.rows.length).toBeGreaterThan(2);
    const row = table.rows.find((r) => r.key === teamA)!;
    const cards = await everyone().overview.kpis({ ...filter, team: [teamA] });
    for (const id of table.kpis) {
      const card = cards.kpis.find((k) => k.id === id)!;
      expect(row.cells[id]?.n ?? 0, id).toBe(card.n);
      if (card.value !== null) expect(row.cells[id]!.value, id).toBeCloseTo(card.value, 8);
    }
    const mine = await scoped().people.table({ filter, by: "agent" });
    const agentsOfA = (await everyone().drilldown.list({ target: "tickets", filter: { ...filter, team: [teamA] }, pageSize: 500 })).rows.map(
      (r) => r.agent,
    );
    for (const r of mine.rows) expect(agentsOfA).toContain(r.key);
  });
});
