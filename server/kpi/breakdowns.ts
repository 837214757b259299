import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { sql, type Sql } from "../clickhouse/sql";
import { nullableNumber } from "./compute";
import { kpiById, TIME_COLUMN, type KpiId, type KpiQueryContext } from "./definitions";
import { PRIORITIES, SLA_TIERS } from "./sla-policies";

/**
 * A KPI broken down by time bucket or by a dimension, from the same population and aggregates
 * as its card, so every point's n is exactly what its drill-down lists.
 */

export const GRAINS = ["day", "week", "month"] as const;
export type Grain = (typeof GRAINS)[number];

const BucketRow = z.object({ bucket: z.string(), n: z.coerce.number(), value: nullableNumber });

function bucketExpression(grain: Grain, time: Sql, timezone: string): Sql {
  const day = sql`toDate(${time}, ${timezone})`;
  if (grain === "day") return day;
  if (grain === "week") return sql`toMonday(${day})`;
  return sql`toStartOfMonth(${day})`;
}

export async function kpiSeries(dbx: Db, ctx: KpiQueryContext, kpiId: KpiId, grain: Grain) {
  const kpi = kpiById(kpiId);
  const time = sql.ident(TIME_COLUMN[kpi.source], Object.values(TIME_COLUMN));
  const rows = await dbx.query(
    `series.${kpi.id}`,
    sql`SELECT toString(${bucketExpression(grain, time, ctx.timezone)}) AS bucket, count() AS n, ${kpi.aggregates(ctx)}
        FROM (${kpi.population(ctx)}) GROUP BY bucket ORDER BY bucket`,
    BucketRow,
  );
  return rows.map((r) => ({ bucket: r.bucket, n: r.n, value: r.n > 0 ? r.value : null }));
}

const MatrixRow = z.object({ priority: z.string(), sla_tier: z.string(), n: z.coerce.number(), value: nullableNumber });

/** SLA compliance per priority × SLA tier (every policy cell, empty ones with n = 0). */
export async function slaMatrix(dbx: Db, ctx: KpiQueryContext) {
  const kpi = kpiById("sla");
  const rows = await dbx.query(
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

/** Tickets by weekday (1 = Monday) × hour of day in the configured timezone. */
export async function volumeHeatmap(dbx: Db, ctx: KpiQueryContext, population: Sql) {
  return dbx.query(
    "overview.heatmap",
    sql`SELECT toDayOfWeek(created_at, ${ctx.timezone}) AS weekday, toHour(created_at, ${ctx.timezone}) AS hour, count() AS tickets
        FROM (${population}) GROUP BY weekday, hour ORDER BY weekday, hour`,
    HeatRow,
  );
}

export const PEOPLE_DIMENSIONS = ["team", "agent"] as const;
export type PeopleDimension = (typeof PEOPLE_DIMENSIONS)[number];
export const PEOPLE_KPIS: readonly KpiId[] = ["csat", "nps", "fcr", "frt", "resolution", "sla", "aht", "transferRate", "escalationRate"];

const KeyRow = z.object({ key: z.string(), n: z.coerce.number(), value: nullableNumber });

/** KPIs per team or agent: each cell is the card's figure for that team or agent alone. */
export async function kpisByPerson(dbx: Db, ctx: KpiQueryContext, by: PeopleDimension) {
  const perKpi = await Promise.all(
    PEOPLE_KPIS.map(async (id) => {
      const kpi = kpiById(id);
      const key = sql.ident(by, PEOPLE_DIMENSIONS);
      const rows = await dbx.query(
        `people.${id}`,
        sql`SELECT ${key} AS key, count() AS n, ${kpi.aggregates(ctx)} FROM (${kpi.population(ctx)}) WHERE ${key} != '' GROUP BY key`,
        KeyRow,
      );
      return { id, rows };
    }),
  );
  const people = new Map<string, Record<string, { n: number; value: number | null }>>();
  for (const { id, rows } of perKpi) {
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
