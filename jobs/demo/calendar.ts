/**
 * Time shape of demand. Support traffic follows the customers' clock (Asia/Shanghai, UTC+8 with
 * no daylight saving, so a fixed offset is exact), their working week and Chinese holidays.
 */
import type { Rng } from "./random";

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
export const WINDOW_DAYS = 365;

/**
 * The generated window: the 365 Shanghai calendar days whose last day is `end` (the dashboard
 * dates data by its Shanghai day, so `--end 2026-06-30` must give data dated 2026-06-30).
 * `endMs` (midnight after the last day) is the generator's "now": tickets still unresolved
 * then are open or pending.
 */
export interface DemoWindow {
  startMs: number;
  endMs: number;
  days: number;
}

export function demoWindow(end: Date): DemoWindow {
  const endDay = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  const endMs = endDay + DAY_MS - SHANGHAI_OFFSET_MS;
  return { startMs: endMs - WINDOW_DAYS * DAY_MS, endMs, days: WINDOW_DAYS };
}

/** Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, in Shanghai. */
export function shanghaiWeekday(ms: number): number {
  return new Date(ms + SHANGHAI_OFFSET_MS).getUTCDay();
}

/** Hour of day (fractional) in Shanghai. */
export function shanghaiHour(ms: number): number {
  return (((ms + SHANGHAI_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / HOUR_MS;
}

export function isNight(ms: number): boolean {
  const h = shanghaiHour(ms);
  return h >= 22 || h < 8;
}

/** Chinese New Year's Day (lunar calendar, so a table rather than a rule). */
const SPRING_FESTIVAL: Record<number, string> = {
  2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01", 2023: "2023-01-22",
  2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06",
  2028: "2028-01-26", 2029: "2029-02-13", 2030: "2030-02-03", 2031: "2031-01-23",
  2032: "2032-02-11", 2033: "2033-01-31", 2034: "2034-02-19", 2035: "2035-02-08",
};

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Volume factor for public holidays: customers' own businesses slow down, so do tickets. */
export function holidayFactor(date: string): number {
  const year = Number(date.slice(0, 4));
  const md = date.slice(5);
  const festival = SPRING_FESTIVAL[year];
  if (festival) {
    const d = daysBetween(festival, date);
    if (d === -1) return 0.55; // New Year's Eve
    if (d >= 0 && d <= 3) return 0.3;
    if (d >= 4 && d <= 6) return 0.45;
    if (d === 7) return 0.8;
  }
  if (md >= "10-01" && md <= "10-07") return 0.45;
  if (md === "10-08") return 0.85;
  if (md >= "05-01" && md <= "05-05") return 0.65;
  if (md === "01-01") return 0.6;
  return 1;
}

export function weekdayFactor(weekday: number): number {
  return weekday === 0 || weekday === 6 ? 0.4 : weekday === 1 ? 1.08 : 1;
}

/** Business growth over the year: the last month is ~20 % busier than the first. */
export function trendFactor(dayIndex: number, days: number): number {
  return 0.9 + 0.2 * (dayIndex / Math.max(1, days - 1));
}

// Half-hour weights from 00:00 Shanghai: peaks 10:00–11:30 and 14:00–17:00, quiet but never
// empty at night (the night shift works those contacts).
const WEEKDAY_SLOTS = [
  0.9, 0.7, 0.55, 0.45, 0.35, 0.3, 0.28, 0.28, 0.3, 0.3, 0.4, 0.5, 0.7, 0.9, 1.3, 1.9,
  3.2, 4.6, 6.2, 7.4, 8.6, 9.2, 9.0, 8.4, 6.0, 4.2, 3.6, 4.4, 7.2, 7.8, 8.2, 8.3,
  8.0, 7.9, 7.6, 6.6, 5.0, 3.9, 3.2, 3.0, 2.9, 2.8, 2.6, 2.4, 2.0, 1.7, 1.4, 1.1,
];
// Weekends: later start, flatter day.
const WEEKEND_SLOTS = WEEKDAY_SLOTS.map((w, i) => (i < 18 ? w * 0.8 : i < 36 ? 1.5 + w * 0.55 : w * 0.95));

function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  const out = weights.map((w) => (sum += w));
  return out.map((c) => c / sum);
}
const WEEKDAY_CUM = cumulative(WEEKDAY_SLOTS);
const WEEKEND_CUM = cumulative(WEEKEND_SLOTS);
const FLAT_CUM = cumulative(WEEKDAY_SLOTS.map((w) => 1.5 + w));

const MEAN_SLOT = WEEKDAY_SLOTS.reduce((a, b) => a + b, 0) / WEEKDAY_SLOTS.length;

/** Relative busyness of an instant's half-hour slot (1 = average), for queue and wait effects. */
export function slotLoad(ms: number): number {
  const slot = Math.min(47, Math.floor(shanghaiHour(ms) * 2));
  return (WEEKDAY_SLOTS[slot] as number) / MEAN_SLOT;
}

/** A random instant within a Shanghai day, following the hour-of-day curve. */
export function sampleTimeInDay(rng: Rng, dayStartMs: number, weekend: boolean, flat = false): number {
  const cum = flat ? FLAT_CUM : weekend ? WEEKEND_CUM : WEEKDAY_CUM;
  const x = rng.next();
  let slot = 0;
  while (slot < 47 && x >= (cum[slot] as number)) slot++;
  return dayStartMs + slot * 30 * MINUTE_MS + Math.floor(rng.next() * 30 * MINUTE_MS / 1000) * 1000;
}
