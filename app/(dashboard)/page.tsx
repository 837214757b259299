import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { cookies } from "next/headers";
import { Forbidden } from "@/components/auth/Forbidden";
import { pageAccess, pathWithQuery } from "@/components/auth/guard";
import { LOCALE_COOKIE, MESSAGES, parseLocale } from "@/components/i18n/messages";
import { OverviewScreen } from "@/components/overview/OverviewScreen";
import { comparisonFromSearchParams, filterFromSearchParams, kpisInput } from "@/components/overview/url-filter";
import { getQueryClient, serverCaller, trpcServer } from "@/components/trpc/server";

export const dynamic = "force-dynamic";

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const access = await pageAccess("dashboard.view", pathWithQuery("/", params));
  if (!access.allowed) return <Forbidden role={access.caller.role} />;
  const caller = await serverCaller();
  const dataRange = await caller.meta.dataRange();
  if (!dataRange) {
    const t = MESSAGES[parseLocale((await cookies()).get(LOCALE_COOKIE)?.value)];
    return (
      <main className="overview">
        <h1>{t.overview}</h1>
        <p className="empty" data-testid="no-data">
          {t.noData}
        </p>
      </main>
    );
  }
  const { filter, problem: filterProblem } = filterFromSearchParams(params, dataRange.maxDay);
  const { comparison, problem: comparisonProblem } = comparisonFromSearchParams(params);
  const drill = typeof params.drill === "string" ? params.drill : null;
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpcServer.overview.kpis.queryOptions(kpisInput(filter, comparison))),
    queryClient.prefetchQuery(trpcServer.overview.volumeByDay.queryOptions(filter)),
    queryClient.prefetchQuery(trpcServer.meta.dimensionValues.queryOptions()),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <OverviewScreen initialFilter={filter} initialComparison={comparison} lastDay={dataRange.maxDay} timezone={dataRange.timezone} urlProblems={{ filter: filterProblem, comparison: comparisonProblem }} initialDrill={drill} />
    </HydrationBoundary>
  );
}
