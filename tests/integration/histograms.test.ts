import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { configFromEnv, Db } from "../../server/clickhouse/client";
import { sql } from "../../server/clickhouse/sql";
import { histogramCell, histogramQuantiles, quantiles } from "../../server/kpi/rollup-state";

/**
 * The rollups' per-day rows keep each percentile metric as a histogram over three-figure cells
 * (server/kpi/rollup-state.ts). Days are summed as arrays, then the lower middle, upper middle
 * and p90 are read off the running counts. They must be what quantilesExactWeighted gives over
 * the same values rounded down to three significant figures, which is what the rollups' other
 * rows keep and what the records' quantileExact rounds to.
 */
const db = new Db(configFromEnv("default"));
afterAll(() => db.close());

/** Rounded down to three significant figures, as the rollups keep a value. */
function threeFigures(value: number): number {
  if (value < 1000) return value;
  const step = 10 ** (Math.floor(Math.log10(value)) - 2);
  return Math.floor(value / step) * step;
}

/** What quantilesExactWeighted picks: the first sorted value whose running count reaches ceil(n × level). */
function expected(values: readonly number[]): number[] {
  const sorted = values.map(threeFigures).sort((a, b) => a - b);
  return [0.5, 0.500000001, 0.900000001].map((level) => sorted[Math.ceil(sorted.length * level) - 1]!);
}

const Row = z.object({ dense: z.array(z.coerce.number()), weighted: z.array(z.coerce.number()) });

/** The values split over `days` days: one histogram per day, summed, and the state kept for other levels, merged. */
async function both(values: readonly number[], days: number) {
  const rows = await db.query(
    "test.histograms",
    sql`SELECT ${histogramQuantiles(sql`counts`)} AS dense, weighted
        FROM (SELECT sumForEach(h) AS counts, ${quantiles("Merge")}(state) AS weighted
              FROM (SELECT day, groupArrayInsertAt(toUInt32(c), toUInt32(cell)) AS h, ${quantiles("MergeState")}(state) AS state
                    FROM (SELECT day, cell, count() AS c, ${quantiles("State")}(toFloat64(rounded), toUInt8(1)) AS state
                          FROM (SELECT v % ${days} AS day, ${histogramCell(sql`v`)} AS cell,
                                       arrayMap(x -> if(x < 1000, x, floor(x / exp10(floor(log10(x)) - 2)) * exp10(floor(log10(x)) - 2)), [toFloat64(v)])[1] AS rounded
                                FROM (SELECT arrayJoin(${values}) AS v))
                          GROUP BY day, cell)
                    GROUP BY day))`,
    Row,
  );
  return rows[0]!;
}

describe("percentile histograms", () => {
  it("one value in each cell boundary reads back as the value rounded down to three figures", async () => {
    const edges = [0, 1, 999, 1000, 1001, 1009, 1010, 1999, 9994, 9999, 10000, 10099, 99999, 100000, 123456, 999999, 1000000, 86400 * 400, 123456789, 10 ** 12 + 7];
    for (const v of edges) {
      const { dense } = await both([v], 1);
      expect(dense, String(v)).toEqual([threeFigures(v), threeFigures(v), threeFigures(v)]);
    }
  });

  it("the middles and p90 of values spread over days equal quantilesExactWeighted's over the rounded values", async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sets: number[][] = [
      [5, 7],
      [5, 7, 7, 1000, 1004],
      Array.from({ length: 101 }, (_, i) => i * 997),
      Array.from({ length: 2000 }, () => Math.floor(random() ** 3 * 2_000_000)),
      Array.from({ length: 777 }, () => Math.floor(random() * 1200)),
    ];
    for (const values of sets) {
      for (const days of [1, 3, 31]) {
        const { dense, weighted } = await both(values, days);
        expect(dense, `${values.length} values over ${days} days`).toEqual(weighted);
        expect(dense, `${values.length} values over ${days} days`).toEqual(expected(values));
      }
    }
  });

  it("no values: an empty histogram gives no percentiles", async () => {
    const rows = await db.query("test.histograms", sql`SELECT ${histogramQuantiles(sql`emptyArrayUInt64()`)} AS dense, [1] AS weighted`, Row);
    expect(rows[0]!.dense).toEqual([]);
  });

  it("a negative elapsed time fails the rollup instead of landing in a wrong cell", async () => {
    await expect(db.query("test.histograms", sql`SELECT ${histogramCell(sql`toInt64(-5)`)} AS dense, [1] AS weighted`, Row)).rejects.toThrow(/throwIf|non zero/i);
  });
});
