import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { sql, type Sql } from "../clickhouse/sql";
import { recordsInRange, type KpiQueryContext } from "./definitions";
import { LEVEL, rolledUpCounts, VOLUME } from "./rollups";
import { addDays, daysBetween } from "./filters";

/**
 * Hotspots: ticket topics ranked by growth against a trailing baseline (the BASELINE_PERIODS
 * periods of equal length before the range), so a small topic that spikes is seen, and by volume.
 * Topics are ticket categories (the taxonomy's ids); NLP topics will join them.
 */
export const BASELINE_PERIODS = 4;
/** Below this many tickets in the range a topic is never called a spike, whatever its growth. */
export const MIN_SPIKE_COUNT = 10;
export const SPIKE_Z = 3;

export interface Hotspot {
  topic: string;
  current: number;
  baseline: number[];
  baselineMean: number;
  /** (current − baseline mean) / spread, where the spread is at least √mean (Poisson noise) and at least 1. */
  z: number;
  growth: number | null;
  spike: boolean;
}

const Row = z.object({ topic: z.string(), period: z.coerce.number(), tickets: z.coerce.number() });

export function scoreHotspot(topic: string, current: number, baseline: number[]): Hotspot {
  const mean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
  const variance = baseline.reduce((a, b) => a + (b - mean) ** 2, 0) / baseline.length;
  const spread = Math.max(Math.sqrt(variance), Math.sqrt(mean), 1);
  const z = (current - mean) / spread;
  return {
    topic,
    current,
    baseline,
    baselineMean: mean,
    z,
    growth: mean > 0 ? (current - mean) / mean : null,
    spike: current >= MIN_SPIKE_COUNT && z >= SPIKE_Z,
  };
}

/** The range and its baseline periods, with the caller's filters except the category (every topic is ranked). */
export type HotspotContext = Pick<KpiQueryContext, "filter" | "timezone" | "dedup"> & Partial<Pick<KpiQueryContext, "rollups" | "fcrWindowDays" | "schedule" | "clocks">>;

export async function hotspots(dbx: Db, ctx: HotspotContext): Promise<{ byGrowth: Hotspot[]; byVolume: Hotspot[] }> {
  const { filter, timezone } = ctx;
  const length = daysBetween(filter.from, filter.to) + 1;
  const baseFrom = addDays(filter.from, -BASELINE_PERIODS * length);
  // Period index 0…BASELINE_PERIODS−1 for the baseline, BASELINE_PERIODS for the range itself.
  const scanned = { ...filter, from: baseFrom, category: undefined };
  const periodOf = (day: Sql) => sql`intDiv(${day} - ${sql.date(baseFrom)}, ${length})`;
  const { fcrWindowDays } = ctx;
  // Unfiltered, the daily ticket counts per category are in the rollups (server/kpi/rollups.ts).
  const rolled =
    fcrWindowDays !== undefined && rolledUpCounts(VOLUME, { ...ctx, fcrWindowDays, filter: scanned, asOf: new Date() }, LEVEL.category);
  const rows = await dbx.query(
    "hotspots",
    rolled
      ? sql`SELECT category AS topic, ${periodOf(sql`day`)} AS period, sum(records) AS tickets FROM (${rolled}) GROUP BY topic, period`
      : sql`SELECT category AS topic, ${periodOf(sql`toDate(created_at, ${timezone})`)} AS period, count() AS tickets
            FROM (${recordsInRange("tickets", { ...ctx, filter: scanned })})
            GROUP BY topic, period`,
    Row,
  );
  const counts = new Map<string, number[]>();
  for (const r of rows) {
    const perPeriod = counts.get(r.topic) ?? new Array<number>(BASELINE_PERIODS + 1).fill(0);
    if (r.period >= 0 && r.period <= BASELINE_PERIODS) perPeriod[r.period] = r.tickets;
    counts.set(r.topic, perPeriod);
  }
  const scored = [...counts].map(([topic, c]) => scoreHotspot(topic, c[BASELINE_PERIODS]!, c.slice(0, BASELINE_PERIODS)));
  return {
    byGrowth: [...scored].sort((a, b) => Number(b.spike) - Number(a.spike) || b.z - a.z),
    byVolume: [...scored].sort((a, b) => b.current - a.current),
  };
}
