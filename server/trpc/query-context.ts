import { scopeFilter } from "../auth/scope";
import { businessHours } from "../kpi/business-hours-config";
import type { KpiQueryContext } from "../kpi/definitions";
import type { DashboardFilter } from "../kpi/filters";
import type { Context } from "./init";
import type { Caller } from "../auth/caller";

/** Every dashboard query starts here: the caller's scope applied, the configured clock and timezone. */
export function queryContext(ctx: Pick<Context, "timezone" | "fcrWindowDays" | "now" | "dedup" | "followUps" | "rollups">, caller: Caller, filter: DashboardFilter): KpiQueryContext {
  const { schedule, clocks } = businessHours();
  return { filter: scopeFilter(caller, filter), timezone: ctx.timezone, fcrWindowDays: ctx.fcrWindowDays, asOf: ctx.now(), schedule, clocks, dedup: ctx.dedup, followUps: ctx.followUps, rollups: ctx.rollups };
}
