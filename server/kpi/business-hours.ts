import { z } from "zod";
import { sql, type Sql } from "../clickhouse/sql";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM");

/** When support works; FRT, resolution and SLA of business-clock policies count only these hours. */
export const BusinessScheduleSchema = z
  .object({
    timezone: z.string().min(1),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    workdays: z.array(z.number().int().min(1).max(7)).min(1),
    start: time,
    end: time,
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
  })
  .refine((s) => s.start < s.end, { message: "start must be before end (overnight shifts are not supported)", path: ["end"] });

export type BusinessSchedule = z.infer<typeof BusinessScheduleSchema>;

export const DEFAULT_SCHEDULE: BusinessSchedule = {
  timezone: "Asia/Shanghai",
  workdays: [1, 2, 3, 4, 5],
  start: "09:00",
  end: "18:00",
  holidays: [],
};

/**
 * Seconds of working time between two instants (epoch-second SQL expressions): for each calendar
 * day the interval touches in the schedule's timezone, its overlap with that day's working window,
 * unless the day is not a workday or is a holiday. Correct across midnight, weekends and holidays.
 */
export function businessSeconds(from: Sql, to: Sql, schedule: BusinessSchedule): Sql {
  const tz = schedule.timezone;
  const firstDay = sql`toDate(toDateTime(${from}), ${tz})`;
  const lastDay = sql`toDate(toDateTime(${to}), ${tz})`;
  const days = sql`arrayMap(i -> ${firstDay} + i, range(toUInt32(greatest(0, toInt64(${lastDay}) - toInt64(${firstDay})) + 1)))`;
  const open = sql`toInt64(toDateTime(concat(toString(d), ${` ${schedule.start}:00`}), ${tz}))`;
  const close = sql`toInt64(toDateTime(concat(toString(d), ${` ${schedule.end}:00`}), ${tz}))`;
  return sql`if(${to} <= ${from}, 0, arraySum(arrayMap(d ->
      if(has(${schedule.workdays}, toDayOfWeek(d)) AND NOT has(${[...schedule.holidays, ""]}, toString(d)),
         greatest(0, least(${to}, ${close}) - greatest(${from}, ${open})), 0),
      ${days})))`;
}
