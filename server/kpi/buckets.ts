import { sql, type Sql } from "../clickhouse/sql";
import { addDays, daysBetween } from "./filters";

/** Time buckets of trends and sparklines: calendar days, ISO weeks (Monday first) or months, in the configured timezone. */
export const GRAINS = ["day", "week", "month"] as const;
export type Grain = (typeof GRAINS)[number];

/** A bucket's first day as a ClickHouse Date (18.16 has no toStartOfWeek with a mode: toMonday). */
export function bucketExpression(grain: Grain, time: Sql, timezone: string): Sql {
  return bucketOfDay(grain, sql`toDate(${time}, ${timezone})`);
}

/** The bucket of a calendar day (a Date expression). */
export function bucketOfDay(grain: Grain, day: Sql): Sql {
  if (grain === "day") return day;
  if (grain === "week") return sql`toMonday(${day})`;
  return sql`toStartOfMonth(${day})`;
}

/** Sparklines: one point a day up to this many days, one a week beyond. */
export const SPARKLINE_DAILY_MAX_DAYS = 62;

export function sparklineGrain(from: string, to: string): "day" | "week" {
  return daysBetween(from, to) + 1 <= SPARKLINE_DAILY_MAX_DAYS ? "day" : "week";
}

/** The Monday of a day's week (YYYY-MM-DD). */
export function monday(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
  return addDays(day, -weekday);
}

/** Every bucket (its first day, YYYY-MM-DD) that a range touches, so a chart has a slot for empty ones too. */
export function bucketsInRange(from: string, to: string, grain: Grain): string[] {
  const out: string[] = [];
  if (grain === "month") {
    for (let d = `${from.slice(0, 7)}-01`; d <= to; ) {
      out.push(d);
      const [y, m] = d.split("-").map(Number) as [number, number];
      d = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
    }
    return out;
  }
  const step = grain === "week" ? 7 : 1;
  for (let d = grain === "week" ? monday(from) : from; d <= to; d = addDays(d, step)) out.push(d);
  return out;
}
