import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { AuditScreen } from "@/components/admin/AuditScreen";
import { auditQuery, NO_AUDIT_FILTERS } from "@/components/admin/audit-query";
import { Forbidden } from "@/components/auth/Forbidden";
import { pageAccess } from "@/components/auth/guard";
import { getQueryClient, trpcServer } from "@/components/trpc/server";
import { AUDIT_ACTIONS } from "@/server/auth/audit";

export const dynamic = "force-dynamic";

export default async function AdminAuditPage() {
  const access = await pageAccess("admin.audit", "/admin/audit");
  if (!access.allowed) return <Forbidden role={access.caller.role} />;
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery(trpcServer.admin.audit.list.queryOptions(auditQuery(NO_AUDIT_FILTERS, 0)));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AuditScreen actions={[...AUDIT_ACTIONS]} />
    </HydrationBoundary>
  );
}
