import { sql, type Sql } from "../clickhouse/sql";

/**
 * Cells of the weekday × hour ticket heatmap. A ticket belongs to the cell of its creation time
 * in the configured timezone: weekday 1 = Monday … 7 = Sunday (ClickHouse toDayOfWeek), hour
 * 0 … 23. The chart and a cell's drill-down (target `heat.<weekday>.<hour>`) use the same two
 * expressions, so the list's total is the cell's count.
 */
export const HEAT_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const HEAT_HOURS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23] as const;
export type HeatWeekday = (typeof HEAT_WEEKDAYS)[number];
export type HeatHour = (typeof HEAT_HOURS)[number];
export type HeatCellTarget = `heat.${HeatWeekday}.${HeatHour}`;

/** All 168 cell targets, an allow-list like every other drill-down target (export links carry them as is). */
export const HEAT_CELL_TARGETS: readonly HeatCellTarget[] = HEAT_WEEKDAYS.flatMap((weekday) =>
  HEAT_HOURS.map((hour): HeatCellTarget => `heat.${weekday}.${hour}`),
);

export function isHeatWeekday(value: number): value is HeatWeekday {
  return (HEAT_WEEKDAYS as readonly number[]).includes(value);
}

export function isHeatHour(value: number): value is HeatHour {
  return (HEAT_HOURS as readonly number[]).includes(value);
}

/** The drill-down target listing one cell's tickets. */
export function heatCellTarget(weekday: HeatWeekday, hour: HeatHour): HeatCellTarget {
  return `heat.${weekday}.${hour}`;
}

/** A cell target's weekday and hour; null for anything that is not one. */
export function parseHeatCellTarget(target: string): { weekday: HeatWeekday; hour: HeatHour } | null {
  const match = /^heat\.([1-7])\.(\d{1,2})$/.exec(target);
  if (!match) return null;
  const weekday = Number(match[1]);
  const hour = Number(match[2]);
  if (!isHeatWeekday(weekday) || !isHeatHour(hour) || `heat.${weekday}.${hour}` !== target) return null;
  return { weekday, hour };
}

/** The weekday (1 = Monday) of a time column in `timezone`. */
export function heatWeekdayExpression(time: Sql, timezone: string): Sql {
  return sql`toDayOfWeek(${time}, ${timezone})`;
}

/** The hour of day (0 … 23) of a time column in `timezone`. */
export function heatHourExpression(time: Sql, timezone: string): Sql {
  return sql`toHour(${time}, ${timezone})`;
}

/** `time` falls in the cell (weekday, hour) in `timezone`. */
export function heatCellCondition(time: Sql, timezone: string, weekday: HeatWeekday, hour: HeatHour): Sql {
  return sql`${heatWeekdayExpression(time, timezone)} = ${weekday} AND ${heatHourExpression(time, timezone)} = ${hour}`;
}
