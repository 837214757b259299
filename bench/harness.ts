/**
 * Shared pieces of the dashboard benchmarks (bench/overview.ts, bench/dashboard.ts): a caller
 * with full access, the standard date ranges ending at the data's last day, and a timing loop.
 */
import { performance } from "node:perf_hooks";
import type { Role } from "../server/auth/permissions";
import type { Db } from "../server/clickhouse/client";
import { env } from "../server/env";
import { addDays, type DashboardFilter } from "../server/kpi/filters";
import { createCaller } from "../server/routers/root";
import type { Context } from "../server/trpc/init";
import { percentile } from "./results-file";

/** The value after `flag` on the command line (`--runs 5` or `--runs=5`), or undefined. */
export function argValue(flag: string, argv: readonly string[] = process.argv.slice(2)): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === flag) return argv[i + 1];
    if (argv[i]!.startsWith(`${flag}=`)) return argv[i]!.slice(flag.length + 1);
  }
  return undefined;
}

/** The context a signed-in user without team or agent scope gets (as the web app builds it). */
export function benchContext(db: Db, role: Role = "admin", now: () => Date = () => new Date()): Context {
  return {
    caller: { id: "bench", email: "bench@example.com", displayName: "bench", role, teamScope: null, agentScope: null },
    db,
    timezone: env().SI_TIMEZONE,
    fcrWindowDays: env().SI_FCR_WINDOW_DAYS,
    now,
  };
}

export function benchCaller(db: Db, role: Role = "admin", now?: () => Date) {
  return createCaller(benchContext(db, role, now));
}

export const RANGES = { "30 days": 30, "12 months": 365 } as const;
export type RangeName = keyof typeof RANGES;

/** The ranges the overview offers, ending at the data's last day; null when no tickets are loaded. */
export async function benchRanges(caller: ReturnType<typeof benchCaller>): Promise<Record<RangeName, DashboardFilter> | null> {
  const range = await caller.meta.dataRange();
  if (!range) return null;
  const filters = {} as Record<RangeName, DashboardFilter>;
  for (const [name, days] of Object.entries(RANGES) as [RangeName, number][]) {
    filters[name] = { from: addDays(range.maxDay, -(days - 1)), to: range.maxDay };
  }
  return filters;
}

export interface Timing {
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  runs: number;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export function summarize(times: readonly number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    max_ms: round(sorted[sorted.length - 1] ?? Number.NaN),
    runs: sorted.length,
  };
}

/** Milliseconds one call takes. */
export async function timeOnce(call: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await call();
  return performance.now() - t0;
}

/**
 * `warmups` untimed calls (first-touch caches are not what a manager waits for every morning),
 * then `runs` timed ones, one after the other.
 */
export async function measure(call: () => Promise<unknown>, runs: number, warmups = 1): Promise<Timing> {
  for (let i = 0; i < warmups; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeOnce(call));
  return summarize(times);
}
