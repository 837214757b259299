import type { Permission } from "@/server/auth/permissions";
import type { Messages } from "@/components/i18n/messages";

/** The screens in the top bar; each shows only to roles with its permission (the server checks again). */
export const NAV_ITEMS: readonly { href: string; label: keyof Messages; permission: Permission }[] = [
  { href: "/", label: "overview", permission: "dashboard.view" },
  { href: "/teams", label: "people", permission: "people.view" },
  { href: "/admin/users", label: "navUsers", permission: "admin.users" },
  { href: "/admin/keys", label: "navKeys", permission: "admin.keys" },
  { href: "/admin/audit", label: "navAudit", permission: "admin.audit" },
];
