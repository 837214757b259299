import { z } from "zod";
import { kpisByPerson } from "../../kpi/breakdowns";
import { PEOPLE_DIMENSIONS } from "../../kpi/people";
import { DashboardFilterSchema } from "../../kpi/filters";
import { procedure, router } from "../../trpc/init";
import { queryContext } from "../../trpc/query-context";

export const peopleRouter = router({
  /** KPIs per team or per agent, for the Agents & teams screen. */
  table: procedure("people.view")
    .input(z.object({ filter: DashboardFilterSchema, by: z.enum(PEOPLE_DIMENSIONS) }))
    .query(({ ctx, input }) => kpisByPerson(ctx.db, queryContext(ctx, ctx.caller, input.filter), input.by)),
});
