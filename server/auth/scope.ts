import type { DashboardFilter } from "../kpi/filters";
import type { Caller } from "./caller";

/** Matches no team: what a scoped caller gets when asking only for teams outside their scope. */
export const NO_TEAM = "\u0000no team in scope";
export const NO_AGENT = "\u0000no agent in scope";

function narrow(asked: string[] | undefined, allowed: string[], none: string): string[] {
  const kept = asked?.length ? asked.filter((v) => allowed.includes(v)) : allowed;
  return kept.length ? kept : [none];
}

/**
 * The filter a caller may run: a caller scoped to teams (or, as an agent, to themselves) only
 * ever sees those rows, whatever the request asks for. Applied on the server to every query.
 */
export function scopeFilter(caller: Pick<Caller, "teamScope" | "agentScope">, filter: DashboardFilter): DashboardFilter {
  let scoped = filter;
  if (caller.teamScope !== null) scoped = { ...scoped, team: narrow(scoped.team, caller.teamScope, NO_TEAM) };
  if (caller.agentScope !== null) scoped = { ...scoped, agent: narrow(scoped.agent, [caller.agentScope], NO_AGENT) };
  return scoped;
}

/**
 * Whether one record (its team and agent) is inside the caller's scope. A record outside it is
 * answered as not found, so a page never tells a caller that someone else's record exists.
 */
export function recordInScope(caller: Pick<Caller, "teamScope" | "agentScope">, record: { team: string; agent: string }): boolean {
  if (caller.teamScope !== null && !caller.teamScope.includes(record.team)) return false;
  if (caller.agentScope !== null && record.agent !== caller.agentScope) return false;
  return true;
}
