import type { DashboardFilter } from "../kpi/filters";
import type { Caller } from "./caller";

/** Matches no team: what a scoped caller gets when asking only for teams outside their scope. */
export const NO_TEAM = "\u0000no team in scope";

/**
 * The filter a caller may run: a caller scoped to teams only ever sees those teams' rows,
 * whatever the request asks for. Applied on the server to every dashboard query.
 */
export function scopeFilter(caller: Pick<Caller, "teamScope">, filter: DashboardFilter): DashboardFilter {
  if (caller.teamScope === null) return filter;
  const allowed = filter.team?.length ? filter.team.filter((t) => caller.teamScope!.includes(t)) : caller.teamScope;
  return { ...filter, team: allowed.length ? allowed : [NO_TEAM] };
}
