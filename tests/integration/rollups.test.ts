import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadDemoData } from "../../jobs/demo/load";
import { sql } from "../../server/clickhouse/sql";
import { frtBuckets, kpisByPerson, kpiSeries, slaMatrix, volumeByDay, volumeHeatmap } from "../../server/kpi/breakdowns";
import { PEOPLE_KPIS } from "../../server/kpi/people";
import { computeKpi, computeKpisWithPrevious, type KpiValue } from "../../server/kpi/compute";
import { KPIS, type KpiQueryContext } from "../../server/kpi/definitions";
import type { DashboardFilter } from "../../server/kpi/filters";
import { readState, type ReadState } from "../../server/kpi/read-state";
import { canReadRolled, FRT_DISTRIBUTION, LEVEL, pruneReplaced, rolledUpCounts, VOLUME } from "../../server/kpi/rollups";
import { createCaller } from "../../server/routers/root";
import { testCaller } from "../helpers/callers";
import { hotspots } from "../../server/kpi/hotspots";
import { withTestDb } from "../helpers/test-db";

/**
 * The overview reads daily rollups (server/kpi/rollups.ts) instead of the records wherever
 * they give the records' figure. Every card, chart and series is computed both ways on
 * generated demo data and compared: n, counts, shares and means equal, percentiles equal to the
 * records' rounded down to three significant figures. The rollup is used only where it is
 * right: not for dimensions it does not keep, not for a month it has not rolled up yet, not
 * for SLA judged before the rollup was made.
 */
const db = withTestDb("rollups");
const TZ = "Asia/Shanghai";
const END = new Date("2026-06-30T00:00:00Z");
let state: ReadState;

beforeAll(async () => {
  await loadDemoData(db.get(), { scale: 0.05, seed: 7, end: END });
  state = await readState(db.get(), { fcrWindowDays: 7, timezone: TZ, rollups: "wait" });
}, 240_000);

function contexts(filter: DashboardFilter, asOf = new Date()): { rolled: KpiQueryContext; records: KpiQueryContext } {
  const records: KpiQueryContext = { filter, timezone: TZ, fcrWindowDays: 7, asOf, dedup: state.dedup, followUps: state.followUps };
  return { records, rolled: { ...records, rollups: state.rollups } };
}

/** The records' percentile as the rollup keeps it: rounded down to three significant figures. */
function threeFigures(value: number): number {
  if (value < 1000) return value;
  const step = 10 ** (Math.floor(Math.log10(value)) - 2);
  return Math.floor(value / step) * step;
}

const PERCENTILES: Record<string, readonly string[]> = { frt: ["value", "p90"], resolution: ["value", "p90"], asa: ["median"], aht: ["median"] };

function expectSameFigure(id: string, rolled: KpiValue, records: KpiValue) {
  expect(rolled.n, `${id} n`).toBe(records.n);
  const percentiles = PERCENTILES[rolled.id] ?? [];
  const fields: Record<string, number | null> = { value: records.value, ...records.extras };
  const got: Record<string, number | null> = { value: rolled.value, ...rolled.extras };
  for (const [name, want] of Object.entries(fields)) {
    const have = got[name] ?? null;
    if (want === null) {
      expect(have, `${id}.${name}`).toBeNull();
      continue;
    }
    expect(have, `${id}.${name}`).not.toBeNull();
    if (!percentiles.includes(name)) expect(have!, `${id}.${name}`).toBeCloseTo(want, 6);
    // A median of an even count is the mean of two middle values, each rounded on its own.
    else if (name === "p90") expect(have, `${id}.${name}`).toBe(threeFigures(want));
    else expect(Math.abs(have! - want) / Math.max(1, want), `${id}.${name}`).toBeLessThan(0.01);
  }
}

const FILTERS: Array<{ name: string; filter: DashboardFilter }> = [
  { name: "30 days", filter: { from: "2026-06-01", to: "2026-06-30" } },
  { name: "a year (weekly sparkline)", filter: { from: "2025-07-01", to: "2026-06-30" } },
  { name: "a Sunday to a Monday, 100 days (weeks split where the periods meet)", filter: { from: "2026-02-22", to: "2026-06-01" } },
  { name: "channel", filter: { from: "2026-04-01", to: "2026-06-30", channel: ["phone", "chat"] } },
  { name: "priority × tier (tickets per day, priority and tier)", filter: { from: "2026-05-01", to: "2026-06-30", priority: ["P0", "P3"], slaTier: ["enterprise"] } },
  { name: "priority × tier × language", filter: { from: "2026-05-01", to: "2026-06-30", priority: ["P1", "P2"], slaTier: ["enterprise", "basic"], language: ["zh"] } },
];

describe("daily rollups give the records' figures", () => {
  it("rolls up every month of every source", () => {
    const rollups = state.rollups!;
    expect(rollups).toBeDefined();
    for (const source of ["tickets", "conversations", "surveys"] as const) {
      expect(rollups.months[source].length, source).toBeGreaterThan(10);
      expect([...rollups.ready[source].keys()]).toEqual(rollups.months[source]);
    }
  });

  for (const { name, filter } of FILTERS) {
    it(`every card, ${name}`, async () => {
      const { rolled, records } = contexts(filter);
      for (const kpi of KPIS) expect(canReadRolled(kpi.id, rolled), `${kpi.id} reads the rollup`).toBe(true);
      const [a, b] = await Promise.all([computeKpisWithPrevious(db.get(), rolled), computeKpisWithPrevious(db.get(), records)]);
      for (let i = 0; i < KPIS.length; i++) {
        const id = KPIS[i]!.id;
        expectSameFigure(id, a[i]!.current, b[i]!.current);
        expectSameFigure(`${id} (previous)`, a[i]!.previous, b[i]!.previous);
        expect(a[i]!.sparkline.map((p) => p.n), `${id} sparkline`).toEqual(b[i]!.sparkline.map((p) => p.n));
      }
      expect(a.find((k) => k.current.id === "frt")!.current.n).toBeGreaterThan(0);
    });
  }

  it("the overview.kpis procedure reads the rollups (SI_ROLLUPS=ready: those already made)", async () => {
    const filter = { from: "2026-06-01", to: "2026-06-30" };
    const now = new Date();
    const caller = createCaller({ caller: testCaller("admin"), db: db.get(), timezone: TZ, fcrWindowDays: 7, now: () => now });
    const cards = await caller.overview.kpis(filter);
    const expected = await computeKpisWithPrevious(db.get(), contexts(filter, now).rolled);
    expect(cards.kpis.map((k) => [k.id, k.n, k.value, k.previousValue])).toEqual(expected.map((k) => [k.current.id, k.current.n, k.current.value, k.previous.value]));
  });

  it("compared with the same days last year, and a single figure", async () => {
    const { rolled, records } = contexts({ from: "2026-06-01", to: "2026-06-30" });
    const [a, b] = await Promise.all([computeKpisWithPrevious(db.get(), rolled, { comparison: "lastYear" }), computeKpisWithPrevious(db.get(), records, { comparison: "lastYear" })]);
    for (let i = 0; i < KPIS.length; i++) expectSameFigure(KPIS[i]!.id, a[i]!.previous, b[i]!.previous);
    for (const kpi of KPIS) expectSameFigure(kpi.id, await computeKpi(db.get(), kpi, rolled), await computeKpi(db.get(), kpi, records));
  });

  it("volume by day and channel, the heatmap, the SLA matrix, the FRT distribution and hotspots", async () => {
    const { rolled, records } = contexts({ from: "2026-03-01", to: "2026-06-30" });
    expect(rolledUpCounts(VOLUME, rolled, LEVEL.hour)).toBeDefined();
    expect(await volumeByDay(db.get(), rolled)).toEqual(await volumeByDay(db.get(), records));
    expect(await volumeHeatmap(db.get(), rolled)).toEqual(await volumeHeatmap(db.get(), records));
    expect(await slaMatrix(db.get(), rolled)).toEqual(await slaMatrix(db.get(), records));
    expect(rolledUpCounts(FRT_DISTRIBUTION, rolled)).toBeDefined();
    const bars = await frtBuckets(db.get(), rolled);
    expect(bars.reduce((a, b) => a + b.n, 0)).toBeGreaterThan(0);
    expect(bars).toEqual(await frtBuckets(db.get(), records));
    const enterprise = { ...rolled, filter: { ...rolled.filter, slaTier: ["enterprise"] } };
    expect(await frtBuckets(db.get(), enterprise)).toEqual(await frtBuckets(db.get(), { ...enterprise, rollups: undefined }));
    expect(rolledUpCounts(VOLUME, { ...rolled, filter: { ...rolled.filter, from: "2025-11-01" } }, LEVEL.category)).toBeDefined();
    const ranked = await hotspots(db.get(), rolled);
    expect(ranked.byVolume.length).toBeGreaterThan(3);
    expect(ranked).toEqual(await hotspots(db.get(), records));
  });

  it("series by day, week and month over a range from a Wednesday to a Wednesday (weeks summed whole, days around them)", async () => {
    const { rolled, records } = contexts({ from: "2026-01-07", to: "2026-06-24" });
    for (const grain of ["day", "week", "month"] as const) {
      for (const id of ["csat", "frt"] as const) {
        const [a, b] = await Promise.all([kpiSeries(db.get(), rolled, id, grain), kpiSeries(db.get(), records, id, grain)]);
        expect(a.map((p) => p.bucket), `${id} by ${grain}`).toEqual(b.map((p) => p.bucket));
        expect(a.map((p) => p.n), `${id} by ${grain}`).toEqual(b.map((p) => p.n));
        a.forEach((p, i) => {
          const want = b[i]!.value ?? NaN;
          // FRT's median: each middle value rounded down to three figures (see expectSameFigure).
          if (id === "frt") expect(Math.abs((p.value ?? NaN) - want) / Math.max(1, want), `${id} ${p.bucket}`).toBeLessThan(0.01);
          else expect(p.value ?? NaN, `${id} ${p.bucket}`).toBeCloseTo(want, 6);
        });
      }
    }
  });

  it("the Agents & teams table, by team and by agent, whole and for one team", async () => {
    const range = { from: "2026-02-22", to: "2026-06-01" };
    const teams = await kpisByPerson(db.get(), contexts(range).records, "team");
    const oneTeam = teams.rows[0]!.key;
    for (const filter of [range, { ...range, team: [oneTeam] }]) {
      const { rolled, records } = contexts(filter);
      for (const id of PEOPLE_KPIS) expect(canReadRolled(id, rolled, LEVEL.person), id).toBe(true);
      for (const by of ["team", "agent"] as const) {
        const [a, b] = await Promise.all([kpisByPerson(db.get(), rolled, by), kpisByPerson(db.get(), records, by)]);
        expect(a.rows.map((r) => r.key), by).toEqual(b.rows.map((r) => r.key));
        expect(a.rows.length, by).toBeGreaterThan(by === "team" && filter !== range ? 0 : 2);
        a.rows.forEach((row, i) => {
          for (const id of PEOPLE_KPIS) {
            const have = row.cells[id];
            const want = b.rows[i]!.cells[id];
            expect(have?.n, `${by} ${row.key} ${id} n`).toBe(want?.n);
            if (want?.value === null || want === undefined) expect(have?.value ?? null, `${by} ${row.key} ${id}`).toBeNull();
            // FRT and resolution are medians: each middle value rounded down to three figures.
            else if (id === "frt" || id === "resolution") expect(Math.abs(have!.value! - want.value) / Math.max(1, want.value), `${by} ${row.key} ${id}`).toBeLessThan(0.01);
            else expect(have!.value!, `${by} ${row.key} ${id}`).toBeCloseTo(want.value, 6);
          }
        });
      }
    }
    // A filter the per-person rows do not keep reads the records.
    expect(canReadRolled("csat", contexts({ ...range, channel: ["chat"] }).rolled, LEVEL.person)).toBe(false);
  });

  it("reads the records for a dimension it does not keep, another timezone, or SLA judged before the rollup", () => {
    const range = { from: "2026-06-01", to: "2026-06-30" };
    expect(canReadRolled("frt", contexts({ ...range, agent: ["x"] }).rolled)).toBe(false);
    expect(canReadRolled("csat", contexts({ ...range, region: ["x"] }).rolled)).toBe(false);
    expect(rolledUpCounts(VOLUME, contexts({ ...range, channel: ["chat"] }).rolled, LEVEL.hour)).toBeUndefined();
    expect(canReadRolled("frt", { ...contexts(range).rolled, timezone: "UTC" })).toBe(false);
    expect(canReadRolled("sla", contexts(range, new Date("2026-07-01T00:00:00Z")).rolled)).toBe(false);
    expect(canReadRolled("reopenRate", contexts(range, new Date("2026-07-01T00:00:00Z")).rolled)).toBe(true);
  });

  it("judges tickets pending at rollup time when asked: one that later passes its target counts as breached", async () => {
    const dbx = db.get();
    const at = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
    const base = { first_response_at: null, resolved_at: null, closed_at: null, status: "open", channel: "web", category: "billing", subject: "s", description: "d", team: "t", agent: "a", customer_id: "", region: "r", product: "p", language: "en", reopen_count: 0, escalation_level: "L1", tags: [], source: "test", version: 1 };
    const started = Date.now();
    await dbx.insert("test.open", "tickets", [
      // P0 enterprise, 5 minutes to first response, created an hour ago: breached already when rolled up.
      { ...base, id: "rollup-late-1", created_at: at(started - 3_600_000), priority: "P0", sla_tier: "enterprise" },
      // P3 basic, 2 hours to first response, created a minute ago: pending when rolled up.
      { ...base, id: "rollup-pending-1", created_at: at(started - 60_000), priority: "P3", sla_tier: "basic" },
    ]);
    const fresh = await readState(dbx, { fcrWindowDays: 7, timezone: TZ, rollups: "wait" });
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const filter = { from: day(started - 2 * 86_400_000), to: day(started + 86_400_000) };
    const pendingRows = await dbx.query("test.open", sql`SELECT priority FROM sla_open_tickets WHERE created_at >= toDateTime(${at(started - 7_200_000)}, 'UTC')`, z.object({ priority: z.string() }));
    expect(pendingRows).toEqual([{ priority: "P3" }]);
    const sla = KPIS.find((k) => k.id === "sla")!;
    const judged = async (asOf: Date) => {
      const ctx: KpiQueryContext = { filter, timezone: TZ, fcrWindowDays: 7, asOf, ...fresh };
      expect(canReadRolled("sla", ctx)).toBe(true);
      const rolled = await computeKpi(dbx, sla, ctx);
      expectSameFigure("sla", rolled, await computeKpi(dbx, sla, { ...ctx, rollups: undefined }));
      return rolled;
    };
    const now = await judged(new Date());
    const later = await judged(new Date(started + 3 * 3_600_000));
    expect(later.extras.breached).toBe(now.extras.breached! + 1);
    expect(later.n).toBe(now.n + 1);
  });

  it("reads the records for a month whose rollup is out of date, until it is computed again", async () => {
    const dbx = db.get();
    const before = await readState(dbx, { fcrWindowDays: 7, timezone: TZ, rollups: "skip" });
    await dbx.insert("test.update", "survey_responses", [
      { id: "rollup-new-1", responded_at: "2026-06-15 03:00:00", kind: "csat", score: 1, comment: "", channel: "chat", team: "t", agent: "a", customer_id: "c", region: "r", product: "p", language: "en", ticket_id: "", conversation_id: "", source: "test", version: 1 },
    ]);
    const after = await readState(dbx, { fcrWindowDays: 7, timezone: TZ, rollups: "skip" });
    const filter = { from: "2026-06-01", to: "2026-06-30" };
    // The state taken before the insert names the old generation; the new parts have none yet.
    expect(before.dedup.parts.survey_responses.get(202606)).not.toBe(after.dedup.parts.survey_responses.get(202606));
    const csat = KPIS.find((k) => k.id === "csat")!;
    const records = await computeKpi(dbx, csat, { ...contexts(filter).records, ...after });
    const stale = await readState(dbx, { fcrWindowDays: 7, timezone: TZ });
    expect(canReadRolled("csat", { ...contexts(filter).records, ...stale })).toBe(false);
    const recomputed = await readState(dbx, { fcrWindowDays: 7, timezone: TZ, rollups: "wait" });
    const ctx = { ...contexts(filter).records, ...recomputed };
    expect(canReadRolled("csat", ctx)).toBe(true);
    expectSameFigure("csat", await computeKpi(dbx, csat, ctx), records);
  });

  it("removes a replaced generation only once it was replaced more than ten minutes ago", async () => {
    const dbx = db.get();
    const [older, latest] = state.rollups!.months.surveys.slice(-2) as [number, number];
    const before = await readState(dbx, { fcrWindowDays: 7, timezone: TZ, rollups: "ready" });
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString().slice(0, 19).replace("T", " ");
    // `latest`: an old generation replaced minutes ago by the one the suite made. `older`: one
    // replaced two hours ago by another that the suite's (minutes old) replaced in turn.
    const markers = [
      { source: "surveys", month: latest, generation: "test-replaced-now.1", computed_at: ago(180) },
      { source: "surveys", month: older, generation: "test-replaced-long-ago.1", computed_at: ago(180) },
      { source: "surveys", month: older, generation: "test-replacing.1", computed_at: ago(120) },
    ];
    await dbx.insert("test.markers", "rollup_generations", markers);
    await dbx.insert(
      "test.days",
      "kpi_daily",
      markers.map((m) => ({ kpi: "csat", month: m.month, generation: m.generation, level: 0, day: "2026-01-01", bucket: 0, records: 1, c_a: 0, c_b: 0, s_1: 0, s_2: 0, s_3: 0, h: [] })),
    );
    await pruneReplaced(dbx, "surveys");
    const Left = z.object({ generation: z.string() });
    const left = async (table: "rollup_generations" | "kpi_daily") =>
      (await dbx.query("test.left", sql`SELECT generation FROM ${sql.ident(table, ["rollup_generations", "kpi_daily"])} WHERE generation LIKE 'test-%' ORDER BY generation`, Left)).map((r) => r.generation);
    // ALTER … DELETE runs in the background (18.16 cannot wait for it).
    for (let i = 0; i < 100 && (await left("kpi_daily")).includes("test-replaced-long-ago.1"); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await left("kpi_daily")).toEqual(["test-replaced-now.1", "test-replacing.1"]);
    for (let i = 0; i < 100 && (await left("rollup_generations")).length > 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await left("rollup_generations")).toEqual(["test-replaced-now.1", "test-replacing.1"]);
    // The suite's own generations stay readable.
    const after = await readState(dbx, { fcrWindowDays: 7, timezone: TZ, rollups: "ready" });
    for (const month of [older, latest]) expect(after.rollups!.ready.surveys.get(month)?.id).toBe(before.rollups!.ready.surveys.get(month)?.id);
  });
});
