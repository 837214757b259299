import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { makeQueryClient } from "./query-client";
import { appRouter } from "@/server/routers/root";
import { createContext } from "@/server/trpc/context";

/** Server components prefetch through the tRPC caller and hand the cache to react-query. */
export const getQueryClient = cache(makeQueryClient);

export const trpcServer = createTRPCOptionsProxy({
  ctx: async () => createContext(await headers()),
  router: appRouter,
  queryClient: getQueryClient,
});

/** A direct caller for server components that need a value, not a cache entry. */
export const serverCaller = cache(async () => appRouter.createCaller(await createContext(await headers())));
