import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { Forbidden } from "@/components/auth/Forbidden";
import { pageAccess, pathWithQuery } from "@/components/auth/guard";
import { filterFromSearchParams } from "@/components/overview/url-filter";
import { PeopleScreen } from "@/components/people/PeopleScreen";
import { getQueryClient, serverCaller, trpcServer } from "@/components/trpc/server";

export const dynamic = "force-dynamic";

export default async function TeamsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const access = await pageAccess("people.view", pathWithQuery("/teams", params));
  if (!access.allowed) return <Forbidden role={access.caller.role} />;
  const dataRange = await (await serverCaller()).meta.dataRange();
  if (!dataRange) return <main className="overview"><p className="empty">—</p></main>;
  const { filter } = filterFromSearchParams(params, dataRange.maxDay);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpcServer.people.table.queryOptions({ filter, by: "team" })),
    queryClient.prefetchQuery(trpcServer.overview.kpis.queryOptions(filter)),
    queryClient.prefetchQuery(trpcServer.meta.dimensionValues.queryOptions()),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <PeopleScreen initialFilter={filter} lastDay={dataRange.maxDay} timezone={dataRange.timezone} />
    </HydrationBoundary>
  );
}
