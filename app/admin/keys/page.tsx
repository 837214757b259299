import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { KeysScreen } from "@/components/admin/KeysScreen";
import { Forbidden } from "@/components/auth/Forbidden";
import { pageAccess } from "@/components/auth/guard";
import { getQueryClient, trpcServer } from "@/components/trpc/server";

export const dynamic = "force-dynamic";

export default async function AdminKeysPage() {
  const access = await pageAccess("admin.keys", "/admin/keys");
  if (!access.allowed) return <Forbidden role={access.caller.role} />;
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery(trpcServer.admin.keys.list.queryOptions());
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <KeysScreen />
    </HydrationBoundary>
  );
}
