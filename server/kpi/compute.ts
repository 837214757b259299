import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { sql, type Sql } from "../clickhouse/sql";
import { KPIS, kpiQuery, timeColumn, type KpiDefinition, type KpiId, type KpiQueryContext, type RolledSums } from "./definitions";
import { bucketExpression, bucketOfDay, bucketsInRange, sparklineGrain } from "./buckets";
import { canReadRolled, readRolled, type RolledGroup } from "./rollups";
import { comparisonPeriod, DIMENSION_COLUMNS, DIMENSIONS, dayStart, type Comparison, type Dimension } from "./filters";

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
  return DIMENSIONS.filter((d) => (ctx.filter[d]?.length ?? 0) > 0 && columns[d] === undefined);
}

/** A rolled-up KPI's value and extras from its summed measures. */
export function rolledFigure(kpi: KpiDefinition, sums: RolledSums): { value: number | null; extras: Record<string, number | null> } {
  const { value, extras } = kpi.rollup.figure(sums);
  // Over no records a count is 0 and a share, mean or percentile has no value (0 / 0), as from the records.
  const finite = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
  return { value: finite(value), extras: Object.fromEntries(Object.entries(extras).map(([k, v]) => [k, finite(v)])) };
}

/** The figure as a result row (n, value, extras), as the records' query gives it. */
function rolledRow(kpi: KpiDefinition, sums: RolledSums = NO_RECORDS): Row {
  const { value, extras } = rolledFigure(kpi, sums);
  return { n: sums.n, value, ...extras };
}

const NO_RECORDS: RolledSums = { n: 0, c_a: 0, c_b: 0, s_1: 0, s_2: 0, s_3: 0, q: null };

/** One KPI for the context's range: from the daily rollup when it gives the records' figure, else from the records. */
export async function computeKpi(dbx: Db, kpi: KpiDefinition, ctx: KpiQueryContext): Promise<KpiValue> {
  const rolled = await readRolled(dbx, [kpi.id], ctx, [{ keys: [], weekSplits: [] }]);
  if (rolled) return kpiValue(kpi, ctx, rolledRow(kpi, rolled[0]?.sums));
  const rows = await dbx.query(`kpi.${kpi.id}`, kpiQuery(kpi, ctx), z.record(z.string(), nullableNumber));
  return kpiValue(kpi, ctx, rows[0]);
}

export async function computeKpis(dbx: Db, ctx: KpiQueryContext, kpis: readonly KpiDefinition[] = KPIS): Promise<KpiValue[]> {
  return Promise.all(kpis.map((kpi) => computeKpi(dbx, kpi, ctx)));
}

export interface SparkPoint {
  /** First day of the bucket (YYYY-MM-DD). */
  bucket: string;
  n: number;
  value: number | null;
}

export interface KpiWithComparison {
  current: KpiValue;
  previous: KpiValue;
  /** The KPI per day (or week, see sparklineGrain) over the range, every bucket present (n = 0 where empty). */
  sparkline: SparkPoint[];
}

type Row = Record<string, string | number | null | undefined>;

function kpiValue(kpi: KpiDefinition, ctx: KpiQueryContext, row: Row | undefined): KpiValue {
  const r = (row ?? {}) as Record<string, number | null | undefined>;
  const n = r.n ?? 0;
  const extras = Object.fromEntries(kpi.extras.map((name) => [name, r[name] ?? (name === "windowDays" ? ctx.fcrWindowDays : null)]));
  return { id: kpi.id, value: n > 0 ? (r.value ?? null) : null, n, extras, ignoredFilters: ignoredFilters(kpi, ctx) };
}

function sparkline(rows: readonly Row[], buckets: readonly string[]): SparkPoint[] {
  const byBucket = new Map(rows.map((r) => [String(r.bucket), r]));
  return buckets.map((bucket) => {
    const row = byBucket.get(bucket);
    const n = Number(row?.n ?? 0);
    return { bucket, n, value: n > 0 ? ((row?.value as number | null | undefined) ?? null) : null };
  });
}

/**
 * One KPI per period (1: from `currentFrom` on, 2: before it) and per sparkline bucket of the
 * current period, with ROLLUP totals, from the records. Grouped by numbers (period 1 or 2, a
 * Date) and named only in the few result rows: string keys made the grouping cost up to five
 * times the figure itself at 10M tickets. ROLLUP fills a rolled-up key with 0, so period 0 is
 * the grand total.
 */
function periodsAndBuckets(kpi: KpiDefinition, ctx: KpiQueryContext, currentFrom: string, grain: "day" | "week"): Sql {
  const time = timeColumn(kpi.source);
  return sql`SELECT multiIf(period_code = 1, 'current', period_code = 2, 'previous', '') AS period,
                    if(period_code = 1 AND bucket_day != toDate(0), toString(bucket_day), '') AS bucket, *
             FROM (
               SELECT if(${time} >= ${dayStart(currentFrom, ctx.timezone)}, 1, 2) AS period_code,
                      if(period_code = 1, ${bucketExpression(grain, time, ctx.timezone)}, toDate(0)) AS bucket_day,
                      count() AS n, ${kpi.aggregates(ctx)}
               FROM (${kpi.population(ctx)}) GROUP BY period_code, bucket_day WITH ROLLUP)`;
}

/**
 * The same rows as periodsAndBuckets for every KPI that the daily rollups can give, in one
 * query over the rollups (sixteen queries of ≈ 10 ms each cost more than the figures).
 */
async function rolledPeriodsAndBuckets(dbx: Db, kpis: readonly KpiDefinition[], ctx: KpiQueryContext, currentFrom: string, grain: "day" | "week"): Promise<Map<KpiId, Row[]>> {
  const out = new Map<KpiId, Row[]>();
  const readable = kpis.filter((k) => canReadRolled(k.id, ctx));
  if (readable.length === 0) return out;
  const current = sql`day >= toDate(${currentFrom})`;
  // Each period's total (bucket toDate(0)), and the current period's buckets.
  const groups: RolledGroup[] | undefined = await readRolled(
    dbx,
    readable.map((k) => k.id),
    ctx,
    [
      { keys: [{ name: "period_code", expr: sql`if(${current}, 1, 2)` }, { name: "bucket_day", expr: sql`toDate(0)` }], weekSplits: [currentFrom] },
      {
        keys: [{ name: "period_code", expr: sql`1` }, { name: "bucket_day", expr: bucketOfDay(grain, sql`day`) }],
        where: current,
        weekSplits: grain === "week" ? [currentFrom] : undefined,
      },
    ],
  );
  if (!groups) return out;
  for (const kpi of readable) {
    const rows = groups
      .filter((g) => g.kpi === kpi.id)
      .map((g): Row => {
        const code = g.keys.period_code;
        return { period: code === "1" ? "current" : code === "2" ? "previous" : "", bucket: code === "1" ? g.keys.bucket_day! : "", ...rolledRow(kpi, g.sums) };
      });
    out.set(kpi.id, rows);
  }
  return out;
}

/**
 * Each KPI for the range, for the period it is compared with, and per day or week of the range
 * (the card's sparkline): the KPI's own population and aggregates, grouped by period and bucket
 * WITH ROLLUP, so one scan gives the buckets and the period's total (a median is not an average
 * of daily medians).
 *
 * Against the previous period (adjacent) one query per KPI reads both periods (half the scans of
 * asking twice); against the same period last year the two periods are a year apart, so the
 * compared one gets its own query rather than scanning the year between.
 */
export async function computeKpisWithPrevious(
  dbx: Db,
  ctx: KpiQueryContext,
  options: { comparison?: Comparison; kpis?: readonly KpiDefinition[] } = {},
): Promise<KpiWithComparison[]> {
  const { comparison = "previous", kpis = KPIS } = options;
  const compared = comparisonPeriod(ctx.filter, comparison);
  const adjacent = comparison === "previous";
  const scanned: KpiQueryContext = adjacent ? { ...ctx, filter: { ...ctx.filter, from: compared.from } } : ctx;
  const grain = sparklineGrain(ctx.filter.from, ctx.filter.to);
  const buckets = bucketsInRange(ctx.filter.from, ctx.filter.to, grain);
  const isBucket = new Set(buckets);
  const schema = z.object({ period: z.string(), bucket: z.string() }).catchall(nullableNumber);
  const rolled = await rolledPeriodsAndBuckets(dbx, kpis, scanned, ctx.filter.from, grain);
  return Promise.all(
    kpis.map(async (kpi): Promise<KpiWithComparison> => {
      // Rows of the compared period share bucket '' (their buckets are not needed). ROLLUP adds each
      // period's total and a grand total; a rolled-up key holds a default value that differs between
      // ClickHouse versions (18.16 can put '0000-00-00' there), so a period's total is its row whose
      // bucket is not one of the range's buckets.
      const [rows, comparedRows] = await Promise.all([
        rolled.get(kpi.id) ?? dbx.query(`kpi.${kpi.id}`, periodsAndBuckets(kpi, scanned, ctx.filter.from, grain), schema),
        adjacent ? Promise.resolve(null) : computeKpi(dbx, kpi, { ...ctx, filter: compared }),
      ]);
      const total = (period: string) => rows.find((r) => r.period === period && !isBucket.has(String(r.bucket)));
      return {
        current: kpiValue(kpi, ctx, total("current")),
        previous: comparedRows ?? kpiValue(kpi, ctx, total("previous")),
        sparkline: sparkline(
          rows.filter((r) => r.period === "current" && isBucket.has(String(r.bucket))),
          buckets,
        ),
      };
    }),
  );
}
