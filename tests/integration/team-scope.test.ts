import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../jobs/demo/load";
import type { Caller } from "../../server/auth/caller";
import { createCaller } from "../../server/routers/root";
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
    const matrix = await scoped().overview.slaMatrix({ ...filter, team: [teamB] });
    for (const cell of matrix) expect(cell.n).toBe(0);
    const series = await scoped().overview.series({ filter, kpi: "csat", grain: "week" });
    expect(series).toEqual(await everyone().overview.series({ filter: { ...filter, team: [teamA] }, kpi: "csat", grain: "week" }));
    expect((await scoped().meta.dimensionValues()).team).toEqual([teamA]);
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
