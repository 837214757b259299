import type { AuditAction, AuditQuery } from "@/server/auth/audit";

/** Audit log rows per page (the server page prefetches the first one with the same input). */
export const AUDIT_PAGE_SIZE = 100;

export interface AuditFilters {
  action: string;
  actor: string;
  target: string;
  from: string;
  to: string;
}
export const NO_AUDIT_FILTERS: AuditFilters = { action: "", actor: "", target: "", from: "", to: "" };

/** The procedure input for filters and a page; empty filters are left out. */
export function auditQuery(filters: AuditFilters, page: number): AuditQuery {
  const query: AuditQuery = { limit: AUDIT_PAGE_SIZE, offset: page * AUDIT_PAGE_SIZE };
  if (filters.action) query.action = filters.action as AuditAction;
  if (filters.actor.trim()) query.actor = filters.actor.trim();
  if (filters.target.trim()) query.target = filters.target.trim();
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  return query;
}
