/** Roles × permissions in one place; every tRPC procedure and route names the permission it needs. */
export const ROLES = ["admin", "manager", "qa", "exec", "agent"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** KPI cards, charts, hotspots, the drill-down lists behind them and each record's page (within the caller's scope). */
  "dashboard.view",
  "dashboard.export",
  /** The agents & teams table: other people's figures. */
  "people.view",
  /** Data range and filter values (within the caller's scope). */
  "meta.view",
  /** A conversation's transcript with personal data shown (every view is written to the audit log). */
  "transcript.unredacted",
  "admin.users",
  "admin.audit",
  "admin.keys",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ["dashboard.view", "dashboard.export", "people.view", "meta.view", "transcript.unredacted", "admin.users", "admin.audit", "admin.keys"],
  manager: ["dashboard.view", "dashboard.export", "people.view", "meta.view"],
  exec: ["dashboard.view", "dashboard.export", "people.view", "meta.view"],
  // QA reviewers read the records behind the figures (to find calls to review); no exports, no league tables.
  // They may read a transcript unredacted (logged) when a review needs what the customer really said.
  qa: ["dashboard.view", "meta.view", "transcript.unredacted"],
  // An agent sees their own figures and conversations only (agent scope), nothing else.
  agent: ["dashboard.view", "meta.view"],
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
