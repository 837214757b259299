import { z } from "zod";
import { sql, type Sql } from "../clickhouse/sql";

const MIN_DAY = "1980-01-01";
const MAX_DAY = "2100-12-31";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  // Date.parse accepts 2026-02-31 (as 3 March), so the day must survive a round trip.
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, "not a calendar date")
  // ClickHouse DateTime covers 1970–2105; queries reach back to the previous period and the hotspot baseline.
  .refine((s) => s >= MIN_DAY && s <= MAX_DAY, `dates from ${MIN_DAY} to ${MAX_DAY} only`);

// A lone UTF-16 surrogate cannot become UTF-8 (the SQL helper refuses it): a validation error, not a 500.
const dimensionValues = z
  .array(z.string().min(1).max(200).refine((s) => s.isWellFormed(), "not well-formed Unicode (lone surrogate)"))
  .max(200)
  .optional();

/** Filters every dashboard procedure accepts. Dates are calendar days in the configured timezone; `to` is inclusive. */
export const DashboardFilterSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    channel: dimensionValues,
    team: dimensionValues,
    agent: dimensionValues,
    region: dimensionValues,
    product: dimensionValues,
    priority: dimensionValues,
    slaTier: dimensionValues,
    language: dimensionValues,
    category: dimensionValues,
    queue: dimensionValues,
  })
  .refine((f) => f.from <= f.to, { message: "`from` must not be after `to`", path: ["from"] })
  .refine((f) => daysBetween(f.from, f.to) <= 800, { message: "date range longer than 800 days", path: ["to"] });

export type DashboardFilter = z.infer<typeof DashboardFilterSchema>;

/** Every dimension a dashboard can be filtered by, in the filter bar's order. */
export const DIMENSIONS = ["channel", "team", "agent", "queue", "region", "product", "priority", "slaTier", "language", "category"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Conversations and surveys share these dimensions (no priority, SLA tier or category). */
const CONTACT_DIMENSIONS: Partial<Record<Dimension, string>> = {
  channel: "channel",
  team: "team",
  agent: "agent",
  region: "region",
  product: "product",
  language: "language",
};

/** Allow-list: filter key → column, per source table (a dimension a table lacks is not offered there). */
export const DIMENSION_COLUMNS: Record<"tickets" | "conversations" | "surveys", Partial<Record<Dimension, string>>> = {
  tickets: {
    channel: "channel",
    team: "team",
    agent: "agent",
    region: "region",
    product: "product",
    priority: "priority",
    slaTier: "sla_tier",
    language: "language",
    category: "category",
  },
  // Only conversations are routed through a queue; tickets and survey responses do not record one.
  conversations: { ...CONTACT_DIMENSIONS, queue: "queue" },
  surveys: CONTACT_DIMENSIONS,
};

export type Source = keyof typeof DIMENSION_COLUMNS;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The period of equal length just before the filter's range. */
export function previousPeriod(filter: DashboardFilter): DashboardFilter {
  const length = daysBetween(filter.from, filter.to) + 1;
  return { ...filter, from: addDays(filter.from, -length), to: addDays(filter.to, -length) };
}

/** What the KPI cards' change is measured against. */
export const COMPARISONS = ["previous", "lastYear"] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const ComparisonSchema = z.enum(COMPARISONS);

/** The same calendar day a year earlier; 29 February becomes 28 February. */
export function sameDayLastYear(day: string): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const lastOfMonth = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
  return `${String(year - 1).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(date, lastOfMonth)).padStart(2, "0")}`;
}

/** The period the cards compare with: the one just before, or the same days a year earlier. */
export function comparisonPeriod(filter: DashboardFilter, comparison: Comparison = "previous"): DashboardFilter {
  if (comparison === "previous") return previousPeriod(filter);
  return { ...filter, from: sameDayLastYear(filter.from), to: sameDayLastYear(filter.to) };
}

/** Start of a calendar day in `timezone`, as a ClickHouse DateTime expression. */
export function dayStart(day: string, timezone: string): Sql {
  return sql`toDateTime(${`${day} 00:00:00`}, ${timezone})`;
}

/** `column` within [from 00:00, to+1 00:00) in the configured timezone. */
export function timeRange(column: Sql, from: string, toInclusive: string, timezone: string): Sql {
  return sql`${column} >= ${dayStart(from, timezone)} AND ${column} < ${dayStart(addDays(toInclusive, 1), timezone)}`;
}

/** Dimension filters as `AND col IN (…)` clauses; dimensions the source lacks are ignored. */
export function dimensionClauses(filter: DashboardFilter, source: Source): Sql {
  const columns = DIMENSION_COLUMNS[source];
  const parts: Sql[] = [];
  for (const [key, column] of Object.entries(columns) as [Dimension, string][]) {
    const values = filter[key];
    if (values && values.length > 0) parts.push(sql` AND has(${values}, ${sql.ident(column, Object.values(columns))})`);
  }
  return sql.join(parts, sql.empty);
}
