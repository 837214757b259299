import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { UsersScreen } from "@/components/admin/UsersScreen";
import { Forbidden } from "@/components/auth/Forbidden";
import { pageAccess } from "@/components/auth/guard";
import { getQueryClient, trpcServer } from "@/components/trpc/server";
import { MIN_PASSWORD_LENGTH } from "@/server/auth/password";

export const dynamic = "force-dynamic";

export default async function AdminUsersPage() {
  const access = await pageAccess("admin.users", "/admin/users");
  if (!access.allowed) return <Forbidden role={access.caller.role} />;
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery(trpcServer.admin.users.list.queryOptions());
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <UsersScreen callerId={access.caller.id} minPasswordLength={MIN_PASSWORD_LENGTH} />
    </HydrationBoundary>
  );
}
