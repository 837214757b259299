import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { sql } from "../clickhouse/sql";
import { nullableNumber, rolledFigure } from "./compute";
import { bucketExpression, bucketOfDay, bucketsInRange, type Grain } from "./buckets";
import { canReadRolled, FRT_DISTRIBUTION, LEVEL, readRolled, rolledUpCounts, VOLUME } from "./rollups";
import { FRT_BUCKETS, frtBucketExpression } from "./frt-buckets";
import { heatHourExpression, heatWeekdayExpression } from "./heat-cells";
import { kpiById, recordsInRange, timeColumn, type KpiId, type KpiQueryContext } from "./definitions";
import { PEOPLE_DIMENSIONS, PEOPLE_KPIS, type PeopleDimension } from "./people";
import { PRIORITIES, SLA_TIERS } from "./sla-policies";

/**
 * A KPI broken down by time bucket or by a dimension, from the same population and aggregates
 * as its card, so every point's n is exactly what its drill-down lists.
 */

export { GRAINS, type Grain } from "./buckets";

const BucketRow = z.object({ bucket: z.string(), n: z.coerce.number(), value: nullableNumber });

export async function kpiSeries(dbx: Db, ctx: KpiQueryContext, kpiId: KpiId, grain: Grain) {
  const kpi = kpiById(kpiId);
  const time = timeColumn(kpi.source);
  // Weeks are summed whole within a week or month bucket (a month's first day splits a week across two).
  const weekSplits = grain === "day" ? undefined : grain === "week" ? [] : bucketsInRange(ctx.filter.from, ctx.filter.to, "month");
  const rolled = await readRolled(dbx, [kpi.id], ctx, [{ keys: [{ name: "bucket_day", expr: bucketOfDay(grain, sql`day`) }], weekSplits }]);
  if (rolled) {
    return rolled
      .map((g) => ({ bucket: g.keys.bucket_day!, n: g.sums.n, value: rolledFigure(kpi, g.sums).value }))
      .sort((a, b) => a.bucket.localeCompare(b.bucket));
  }
  // Grouped by the Date itself and named afterwards (see computeKpisWithPrevious in compute.ts).
  const rows = await dbx.query(
    `series.${kpi.id}`,
    sql`SELECT toString(bucket_day) AS bucket, *
        FROM (SELECT ${bucketExpression(grain, time, ctx.timezone)} AS bucket_day, count() AS n, ${kpi.aggregates(ctx)} FROM (${kpi.population(ctx)}) GROUP BY bucket_day)
        ORDER BY bucket_day`,
    BucketRow,
  );
  return rows.map((r) => ({ bucket: r.bucket, n: r.n, value: r.n > 0 ? r.value : null }));
}

const FrtBucketRow = z.object({ bucket: z.coerce.number(), n: z.coerce.number() });

/**
 * Tickets by first-response-time bucket: the FRT card's population and metric (business hours
 * where the tier's clock says so), so the bars add up to the card's n and a bar's drill-down
 * (target `frt.<bucket>`) lists exactly its tickets. Every bucket is returned, empty ones with 0.
 */
export async function frtBuckets(dbx: Db, ctx: KpiQueryContext) {
  const rolled = rolledUpCounts(FRT_DISTRIBUTION, ctx);
  const rows = await dbx.query(
    "overview.frtBuckets",
    rolled
      ? sql`SELECT bucket, sum(records) AS n FROM (${rolled}) GROUP BY bucket`
      : sql`SELECT ${frtBucketExpression(sql`metric`)} AS bucket, count() AS n FROM (${kpiById("frt").population(ctx)}) GROUP BY bucket`,
    FrtBucketRow,
  );
  return FRT_BUCKETS.map((b, index) => ({ id: b.id, label: b.label, n: rows.find((r) => r.bucket === index)?.n ?? 0 }));
}

const MatrixRow = z.object({ priority: z.string(), sla_tier: z.string(), n: z.coerce.number(), value: nullableNumber });

/** SLA compliance per priority × SLA tier (every policy cell, empty ones with n = 0). */
export async function slaMatrix(dbx: Db, ctx: KpiQueryContext) {
  const kpi = kpiById("sla");
  const rolled = await readRolled(dbx, ["sla"], ctx, [{ keys: [{ name: "priority", expr: sql`priority` }, { name: "sla_tier", expr: sql`sla_tier` }] }], {
    level: LEVEL.policy,
  });
  const rows = rolled
    ? rolled.map((g) => ({ priority: g.keys.priority!, sla_tier: g.keys.sla_tier!, n: g.sums.n, value: rolledFigure(kpi, g.sums).value }))
    : await dbx.query(
        "sla.matrix",
        sql`SELECT priority, sla_tier, count() AS n, ${kpi.aggregates(ctx)} FROM (${kpi.population(ctx)}) GROUP BY priority, sla_tier`,
        MatrixRow,
      );
  return SLA_TIERS.flatMap((tier) =>
    PRIORITIES.map((priority) => {
      const row = rows.find((r) => r.priority === priority && r.sla_tier === tier);
      return { priority, tier, n: row?.n ?? 0, value: row && row.n > 0 ? row.value : null };
    }),
  );
}

const HeatRow = z.object({ weekday: z.coerce.number(), hour: z.coerce.number(), tickets: z.coerce.number() });

/**
 * Tickets by weekday (1 = Monday) × hour of day in the configured timezone (non-empty cells
 * only). A cell's drill-down (target `heat.<weekday>.<hour>`, server/kpi/heat-cells.ts) lists
 * exactly its tickets.
 */
export async function volumeHeatmap(dbx: Db, ctx: KpiQueryContext) {
  const created = sql`created_at`;
  const rolled = rolledUpCounts(VOLUME, ctx, LEVEL.hour);
  return dbx.query(
    "overview.heatmap",
    rolled
      ? sql`SELECT toDayOfWeek(day) AS weekday, hour, sum(records) AS tickets FROM (${rolled}) GROUP BY weekday, hour HAVING tickets > 0 ORDER BY weekday, hour`
      : sql`SELECT ${heatWeekdayExpression(created, ctx.timezone)} AS weekday, ${heatHourExpression(created, ctx.timezone)} AS hour, count() AS tickets
            FROM (${recordsInRange("tickets", ctx)}) GROUP BY weekday, hour ORDER BY weekday, hour`,
    HeatRow,
  );
}

const VolumeRow = z.object({ day: z.string(), channel: z.string(), tickets: z.coerce.number() });

/** Tickets per day (configured timezone) and channel. */
export async function volumeByDay(dbx: Db, ctx: KpiQueryContext) {
  const rolled = rolledUpCounts(VOLUME, ctx, LEVEL.dimensions);
  return dbx.query(
    "overview.volumeByDay",
    rolled
      ? sql`SELECT toString(bucket_day) AS day, channel, tickets
            FROM (SELECT day AS bucket_day, channel, sum(records) AS tickets FROM (${rolled}) GROUP BY bucket_day, channel)
            ORDER BY day, channel`
      : sql`SELECT toString(toDate(created_at, ${ctx.timezone})) AS day, channel, count() AS tickets
            FROM (${recordsInRange("tickets", ctx)})
            GROUP BY day, channel ORDER BY day, channel`,
    VolumeRow,
  );
}

const KeyRow = z.object({ key: z.string(), n: z.coerce.number(), value: nullableNumber });

/** KPIs per team or agent: each cell is the card's figure for that team or agent alone. */
export async function kpisByPerson(dbx: Db, ctx: KpiQueryContext, by: PeopleDimension) {
  const key = sql.ident(by, PEOPLE_DIMENSIONS);
  // From the per-person rollup where it gives the records' figure (see planRead), else from the records.
  const rollable = PEOPLE_KPIS.filter((id) => canReadRolled(id, ctx, LEVEL.person));
  const rolled =
    rollable.length > 0
      ? await readRolled(dbx, rollable, ctx, [{ keys: [{ name: "key", expr: key }], where: sql`${key} != ''`, weekSplits: [] }], { level: LEVEL.person })
      : undefined;
  const fromRollup = rolled
    ? rollable.map((id) => ({
        id,
        rows: rolled.filter((g) => g.kpi === id).map((g) => ({ key: g.keys.key!, n: g.sums.n, value: rolledFigure(kpiById(id), g.sums).value })),
      }))
    : [];
  const read = new Set(fromRollup.map((r) => r.id));
  const fromRecords = await Promise.all(
    PEOPLE_KPIS.filter((id) => !read.has(id)).map(async (id) => {
      const kpi = kpiById(id);
      const rows = await dbx.query(
        `people.${id}`,
        sql`SELECT ${key} AS key, count() AS n, ${kpi.aggregates(ctx)} FROM (${kpi.population(ctx)}) WHERE ${key} != '' GROUP BY key`,
        KeyRow,
      );
      return { id, rows };
    }),
  );
  const people = new Map<string, Record<string, { n: number; value: number | null }>>();
  for (const { id, rows } of [...fromRollup, ...fromRecords]) {
    for (const row of rows) {
      const cells = people.get(row.key) ?? {};
      cells[id] = { n: row.n, value: row.n > 0 ? row.value : null };
      people.set(row.key, cells);
    }
  }
  return {
    kpis: PEOPLE_KPIS,
    rows: [...people]
      .map(([key, cells]) => ({ key, cells }))
      .sort((a, b) => a.key.localeCompare(b.key)),
  };
}
