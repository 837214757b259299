import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { Forbidden } from "@/components/auth/Forbidden";
import { pageAccess } from "@/components/auth/guard";
import { TicketScreen } from "@/components/records/TicketScreen";
import { recordHref } from "@/components/records/links";
import { prefetchRecord, recordIdFromParam } from "@/components/records/prefetch";
import { getQueryClient, trpcServer } from "@/components/trpc/server";

export const dynamic = "force-dynamic";

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const id = recordIdFromParam((await params).id);
  const access = await pageAccess("dashboard.view", recordHref("tickets", id));
  if (!access.allowed) return <Forbidden role={access.caller.role} />;
  const queryClient = getQueryClient();
  await prefetchRecord(() => queryClient.fetchQuery({ ...trpcServer.records.ticket.queryOptions({ id }), retry: false }));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <TicketScreen id={id} />
    </HydrationBoundary>
  );
}
