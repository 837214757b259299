import { createHash } from "node:crypto";
import { sql, type Sql } from "../clickhouse/sql";
import { DEFAULT_SCHEDULE, type BusinessSchedule } from "./business-hours";
import type { Source } from "./filters";
import { DEFAULT_SLA_CLOCKS, type Clock, type SlaTier } from "./sla-policies";

/** One month's rollup of one source, complete and ready to read. */
export interface RollupGeneration {
  /** The id its rows carry in kpi_rollup and sla_open_tickets. */
  id: string;
  /** When its SLA states were judged: a query judging as of an earlier instant reads the records. */
  computedAt: Date;
}

/** Which daily rollups (server/kpi/rollups.ts) can be read now, and what they were computed for. */
export interface RollupState {
  /** The configuration the figures depend on (see rollupConfig); a query under another one reads the records. */
  config: string;
  /** Source → month (YYYYMM, UTC) → its ready rollup. */
  ready: Record<Source, ReadonlyMap<number, RollupGeneration>>;
  /** Source → every month that holds records now. */
  months: Record<Source, readonly number[]>;
}

export interface RollupConfigInput {
  timezone: string;
  fcrWindowDays: number;
  schedule?: BusinessSchedule;
  clocks?: Record<SlaTier, Clock>;
}

/** A short text naming everything besides the records that a rolled-up figure depends on. */
export function rollupConfig(input: RollupConfigInput): string {
  const text = JSON.stringify([input.timezone, input.fcrWindowDays, input.schedule ?? DEFAULT_SCHEDULE, input.clocks ?? DEFAULT_SLA_CLOCKS]);
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/**
 * Percentiles keep every value with its count, rounded down to three significant figures (exact
 * below 1,000; 9,074 s becomes 9,070 s): a day's state then holds hundreds of values, not
 * thousands, so a year merges in ≈ 0.1 s at 10M tickets (0.7 s unrounded). Rounding down keeps
 * the order, so the percentiles of the rounded values are the rounded percentiles. The levels
 * pick what quantileExact picks from the records: the lower middle (0.5), the upper middle (just
 * above 0.5: the next value when the count is even) and the p90 (just above 0.9).
 */
export function quantiles(combinator: "State" | "StateIf" | "Merge" | "MergeState"): Sql {
  // The combinator is one of four names fixed by the type: project text, not input.
  return sql.trusted(`quantilesExactWeighted${combinator}(0.5, 0.500000001, 0.900000001)`);
}
