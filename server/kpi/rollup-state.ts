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
  /** Whether it kept tickets whose SLA was still pending (sla_open_tickets), to be judged when asked. */
  slaOpen: boolean;
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
 * below 1,000; 9,074 s becomes 9,070 s): a day then holds hundreds of distinct values, not
 * thousands. Rounding down keeps the order, so the percentiles of the rounded values are the
 * rounded percentiles. The levels pick what quantileExact picks from the records: the lower
 * middle (0.5), the upper middle (just above 0.5: the next value when the count is even) and the
 * p90 (just above 0.9). Rows per dimension keep a value→count state (quantilesExactWeighted);
 * rows per day keep a histogram instead (histogramCell, histogramQuantiles), which sums fast.
 */
export function quantiles(combinator: "State" | "StateIf" | "Merge" | "MergeState"): Sql {
  // The combinator is one of four names fixed by the type: project text, not input.
  return sql.trusted(`quantilesExactWeighted${combinator}(0.5, 0.500000001, 0.900000001)`);
}

const LEVELS = [0.5, 0.500000001, 0.900000001] as const;

/**
 * The histogram cell of a metric in whole seconds: the value itself below 1,000, then 900 cells
 * per decade (100…999 × 10^k), so a cell is a value rounded down to three significant figures.
 * The metrics are elapsed times that ingestion keeps in order (a later timestamp before an
 * earlier one is rejected), hence never negative: a negative one fails the rollup (throwIf)
 * rather than land in a wrong cell, and that month is read from the records.
 */
export function histogramCell(seconds: Sql): Sql {
  return sql`arrayMap(v -> if(v < 1000, v + throwIf(v < 0), 1000 + (toInt64(floor(log10(v))) - 3) * 900 + (toInt64(floor(v / exp10(floor(log10(v)) - 2))) - 100)), [toInt64(${seconds})])[1]`;
}

/** The value (seconds, rounded down to three figures) a histogram cell stands for. */
function cellValue(cell: Sql): Sql {
  return sql`arrayMap(i -> if(i < 1000, toFloat64(i), (100 + (i - 1000) % 900) * exp10(intDiv(i - 1000, 900) + 1)), [${cell}])[1]`;
}

/**
 * The lower middle, upper middle and p90 of a summed histogram (Array of counts), picked as
 * quantilesExactWeighted picks them: the first value whose running count reaches
 * ceil(count × level). An empty histogram gives an empty array.
 */
export function histogramQuantiles(histogram: Sql): Sql {
  const pick = (level: number) =>
    cellValue(sql`arrayFirstIndex(c -> c >= ceil(arraySum(${histogram}) * ${level}), arrayCumSum(${histogram})) - 1`);
  return sql`if(empty(${histogram}), emptyArrayFloat64(), [${sql.join(LEVELS.map(pick))}])`;
}
