import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { sql } from "../clickhouse/sql";
import { KPIS, kpiQuery, TIME_COLUMN, type KpiDefinition, type KpiId, type KpiQueryContext } from "./definitions";
import { DIMENSION_COLUMNS, dayStart, previousPeriod, type Dimension } from "./filters";

/** ClickHouse numbers as JSON: 64-bit ones arrive quoted, NaN and empty aggregates as null. */
export const nullableNumber = z.union([z.number(), z.string(), z.null()]).transform((v) => (v === null ? null : Number(v)));

export interface KpiValue {
  id: KpiId;
  value: number | null;
  n: number;
  extras: Record<string, number | null>;
  /** Filters that this KPI's records cannot be filtered by (e.g. priority for surveys). */
  ignoredFilters: Dimension[];
}

function ignoredFilters(kpi: KpiDefinition, ctx: KpiQueryContext): Dimension[] {
  const columns = DIMENSION_COLUMNS[kpi.source];
  const dimensions = Object.keys(DIMENSION_COLUMNS.tickets) as Dimension[];
  return dimensions.filter((d) => (ctx.filter[d]?.length ?? 0) > 0 && columns[d] === undefined);
}

export async function computeKpi(dbx: Db, kpi: KpiDefinition, ctx: KpiQueryContext): Promise<KpiValue> {
  const schema = z.record(z.string(), nullableNumber);
  const rows = await dbx.query(`kpi.${kpi.id}`, kpiQuery(kpi, ctx), schema);
  const row = rows[0] ?? {};
  const extras = Object.fromEntries(kpi.extras.map((name) => [name, row[name] ?? null]));
  const n = row.n ?? 0;
  return { id: kpi.id, value: n > 0 ? (row.value ?? null) : null, n, extras, ignoredFilters: ignoredFilters(kpi, ctx) };
}

export async function computeKpis(dbx: Db, ctx: KpiQueryContext, kpis: readonly KpiDefinition[] = KPIS): Promise<KpiValue[]> {
  return Promise.all(kpis.map((kpi) => computeKpi(dbx, kpi, ctx)));
}

/**
 * Each KPI for the range and the period of equal length before it, in one query per KPI: the
 * population over both periods, grouped by period (half the scans of asking twice).
 */
export async function computeKpisWithPrevious(
  dbx: Db,
  ctx: KpiQueryContext,
  kpis: readonly KpiDefinition[] = KPIS,
): Promise<{ current: KpiValue; previous: KpiValue }[]> {
  const previous = previousPeriod(ctx.filter);
  const both: KpiQueryContext = { ...ctx, filter: { ...ctx.filter, from: previous.from } };
  const schema = z.object({ period: z.enum(["current", "previous"]) }).catchall(nullableNumber);
  return Promise.all(
    kpis.map(async (kpi) => {
      const time = sql.ident(TIME_COLUMN[kpi.source], Object.values(TIME_COLUMN));
      const rows = await dbx.query(
        `kpi.${kpi.id}`,
        sql`SELECT if(${time} >= ${dayStart(ctx.filter.from, ctx.timezone)}, 'current', 'previous') AS period,
                   count() AS n, ${kpi.aggregates(ctx)}
            FROM (${kpi.population(both)}) GROUP BY period`,
        schema,
      );
      const value = (period: "current" | "previous"): KpiValue => {
        const row: Record<string, number | null | undefined> = rows.find((r) => r.period === period) ?? {};
        const n = row.n ?? 0;
        const extras = Object.fromEntries(kpi.extras.map((name) => [name, row[name] ?? (name === "windowDays" ? ctx.fcrWindowDays : null)]));
        return { id: kpi.id, value: n > 0 ? (row.value ?? null) : null, n, extras, ignoredFilters: ignoredFilters(kpi, ctx) };
      };
      return { current: value("current"), previous: value("previous") };
    }),
  );
}
