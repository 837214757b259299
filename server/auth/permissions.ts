/** Roles × permissions in one place; every tRPC procedure names the permission it needs. */
export const ROLES = ["admin", "manager", "qa", "exec", "agent"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ["dashboard.view", "dashboard.export", "meta.view"] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ["dashboard.view", "dashboard.export", "meta.view"],
  manager: ["dashboard.view", "dashboard.export", "meta.view"],
  exec: ["dashboard.view", "dashboard.export", "meta.view"],
  qa: ["meta.view"],
  agent: ["meta.view"],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
