import { router, createCallerFactory } from "../trpc/init";
import { adminRouter } from "./admin/router";
import { drilldownRouter } from "./drilldown/router";
import { metaRouter } from "./meta/router";
import { overviewRouter } from "./overview/router";
import { peopleRouter } from "./people/router";
import { recordsRouter } from "./records/router";

export const appRouter = router({
  admin: adminRouter,
  drilldown: drilldownRouter,
  meta: metaRouter,
  overview: overviewRouter,
  people: peopleRouter,
  records: recordsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
