import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../jobs/demo/load";
import type { Caller } from "../../server/auth/caller";
import { drillAll } from "../../server/kpi/drilldown";
import type { DashboardFilter } from "../../server/kpi/filters";
import { HEAT_HOURS, HEAT_WEEKDAYS, heatCellTarget, type HeatHour, type HeatWeekday } from "../../server/kpi/heat-cells";
import { createCaller } from "../../server/routers/root";
import { queryContext } from "../../server/trpc/query-context";
import { testCaller } from "../helpers/callers";
import { withTestDb } from "../helpers/test-db";

/**
 * The weekday × hour heatmap's cells open exactly their tickets: for every cell, the drill-down
 * (target `heat.<weekday>.<hour>`) total is the cell's count, in the configured timezone, under
 * filters and under a team scope; the listed tickets were created in that weekday and hour.
 */
const db = withTestDb("heatdrill");
const RANGE = { from: "2026-05-01", to: "2026-06-30" };
const NOW = new Date("2026-07-01T00:00:00Z");
const context = (who: Caller, timezone: string) => ({ caller: who, db: db.get(), timezone, fcrWindowDays: 7, now: () => NOW });
const as = (who: Caller, timezone = "Asia/Shanghai") => createCaller(context(who, timezone));
const admin = (timezone?: string) => as(testCaller("admin"), timezone);

type Cells = Awaited<ReturnType<ReturnType<typeof admin>["overview"]["heatmap"]>>;
const countOf = (cells: Cells, weekday: number, hour: number) => cells.find((c) => c.weekday === weekday && c.hour === hour)?.tickets ?? 0;

/** The weekday (1 = Monday) and hour of a drill-down time, "YYYY-MM-DD HH:MM:SS" in the configured timezone. */
function cellOf(time: string): { weekday: number; hour: number } {
  const day = new Date(`${time.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return { weekday: day === 0 ? 7 : day, hour: Number(time.slice(11, 13)) };
}

/** Every cell's drill-down total against the heatmap, all 168 cells (empty ones must list nothing). */
async function expectEveryCellMatches(call: ReturnType<typeof admin>, filter: DashboardFilter) {
  const cells = await call.overview.heatmap(filter);
  const mismatches: string[] = [];
  const targets = HEAT_WEEKDAYS.flatMap((weekday) => HEAT_HOURS.map((hour) => ({ weekday, hour })));
  for (let i = 0; i < targets.length; i += 12) {
    await Promise.all(
      targets.slice(i, i + 12).map(async ({ weekday, hour }) => {
        const list = await call.drilldown.list({ target: heatCellTarget(weekday, hour), filter, pageSize: 1 });
        const expected = countOf(cells, weekday, hour);
        if (list.total !== expected) mismatches.push(`heat.${weekday}.${hour}: list ${list.total}, cell ${expected}`);
      }),
    );
  }
  expect(mismatches).toEqual([]);
  return cells;
}

let channel = "";
let teams: string[] = [];

beforeAll(async () => {
  await loadDemoData(db.get(), { scale: 0.05, seed: 5, end: new Date("2026-06-30T00:00:00Z") });
  const values = await admin().meta.dimensionValues();
  channel = values.channel[0]!;
  teams = values.team;
});

describe("heatmap cell drill-down", () => {
  it("every cell's list total is the cell's count, and the cells add up to the range's tickets", async () => {
    const cells = await expectEveryCellMatches(admin(), RANGE);
    const all = await admin().drilldown.list({ target: "tickets", filter: RANGE, pageSize: 1 });
    expect(all.total).toBeGreaterThan(100);
    expect(cells.reduce((sum, c) => sum + c.tickets, 0)).toBe(all.total);
    // Demo tickets cluster in working hours, but some cells stay empty or small: both kinds are covered.
    expect(cells.length).toBeGreaterThan(24);
  });

  it("lists exactly the cell's tickets: created in that weekday and hour, in the configured timezone", async () => {
    for (const timezone of ["Asia/Shanghai", "America/New_York"]) {
      const cells = await admin(timezone).overview.heatmap(RANGE);
      const busiest = [...cells].sort((a, b) => b.tickets - a.tickets).slice(0, 3);
      for (const cell of busiest) {
        const list = await admin(timezone).drilldown.list({
          target: heatCellTarget(cell.weekday as HeatWeekday, cell.hour as HeatHour),
          filter: RANGE,
          pageSize: 500,
        });
        expect(list.total, `${timezone} ${cell.weekday}.${cell.hour}`).toBe(cell.tickets);
        expect(list.rows).toHaveLength(Math.min(cell.tickets, 500));
        for (const row of list.rows) expect(cellOf(String(row.created_at)), String(row.id)).toEqual({ weekday: cell.weekday, hour: cell.hour });
      }
    }
    // The same tickets fall into other cells 12 or 13 hours away: the timezone is applied, not UTC.
    const shanghai = await admin("Asia/Shanghai").overview.heatmap(RANGE);
    const newYork = await admin("America/New_York").overview.heatmap(RANGE);
    expect(newYork).not.toEqual(shanghai);
  });

  it("keeps the page's filters, in another timezone too", async () => {
    await expectEveryCellMatches(admin("America/New_York"), { ...RANGE, channel: [channel] });
    const filter = { ...RANGE, team: [teams[0]!], priority: ["P2", "P3"] };
    const cells = await admin().overview.heatmap(filter);
    const cell = [...cells].sort((a, b) => b.tickets - a.tickets)[0]!;
    const list = await admin().drilldown.list({ target: heatCellTarget(cell.weekday as HeatWeekday, cell.hour as HeatHour), filter, pageSize: 500 });
    expect(list.total).toBe(cell.tickets);
    for (const row of list.rows) {
      expect(row.team).toBe(teams[0]);
      expect(["P2", "P3"]).toContain(row.priority);
    }
  });

  it("a team-scoped manager's cells and lists only hold the team's tickets", async () => {
    const scoped = as(testCaller("manager", { teamScope: [teams[1]!] }));
    const cells = await expectEveryCellMatches(scoped, RANGE);
    expect(cells).toEqual(await admin().overview.heatmap({ ...RANGE, team: [teams[1]!] }));
  });

  it("the export of a cell holds one row per ticket of the cell", async () => {
    const who = testCaller("manager");
    const cells = await admin().overview.heatmap(RANGE);
    const cell = [...cells].sort((a, b) => b.tickets - a.tickets)[0]!;
    const ctx = queryContext(context(who, "Asia/Shanghai"), who, RANGE);
    const ids = new Set<string>();
    for await (const { rows } of drillAll(db.get(), ctx, heatCellTarget(cell.weekday as HeatWeekday, cell.hour as HeatHour), 50)) {
      for (const row of rows) {
        ids.add(String(row.id));
        expect(cellOf(String(row.created_at))).toEqual({ weekday: cell.weekday, hour: cell.hour });
      }
    }
    expect(ids.size).toBe(cell.tickets);
  });

  it("refuses targets outside the 7 × 24 cells", async () => {
    for (const target of ["heat.0.10", "heat.8.10", "heat.1.24", "heat.1.-1", "heat.01.5", "heat.1.05", "heat.1", "heat.*.*", "heat.1.1 OR 1=1"]) {
      await expect(admin().drilldown.list({ target: target as never, filter: RANGE }), target).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
  });
});
