import { z } from "zod";
import { DrillInputSchema, drillPage } from "../../kpi/drilldown";
import { DashboardFilterSchema } from "../../kpi/filters";
import { procedure, router } from "../../trpc/init";
import { queryContext } from "../../trpc/query-context";

export const DrillListInputSchema = DrillInputSchema.extend({ filter: DashboardFilterSchema });

export const drilldownRouter = router({
  /** The records behind a card or chart element: same filters, total = the figure's n. */
  list: procedure("dashboard.view")
    .input(DrillListInputSchema)
    .query(({ ctx, input }) =>
      drillPage(
        ctx.db,
        queryContext(ctx, ctx.caller, input.filter),
        input,
      ),
    ),
});

export type DrillListInput = z.input<typeof DrillListInputSchema>;
