import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { formatDateTime, sql } from "../clickhouse/sql";

/** Who did it: a signed-in caller, or for a failed sign-in whatever is known (maybe nothing). */
export interface Actor {
  id: string;
  role: string;
}
export const NOBODY: Actor = { id: "", role: "" };

/**
 * Every event type the log records. A new kind of event is added here, so the admin screen can
 * offer it as a filter and a test can check each one is written.
 */
export const AUDIT_ACTIONS = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "export",
  "user.create",
  "user.update",
  "api_key.create",
  "api_key.revoke",
  "transcript.view_unredacted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Appends one entry to the audit log (append-only MergeTree: nothing updates or deletes it). */
export async function audit(dbx: Db, actor: Actor, action: AuditAction, target: string, detail: Record<string, unknown>, ip = ""): Promise<void> {
  await dbx.insert("audit", "audit_log", [
    {
      at: formatDateTime(new Date()),
      actor_id: actor.id,
      actor_role: actor.role,
      action,
      target,
      detail: JSON.stringify(detail),
      ip,
    },
  ]);
}

export const AuditQuerySchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  actor: z.string().max(200).optional(),
  target: z.string().max(300).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).max(1_000_000).default(0),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;

const AuditRow = z.object({
  at: z.string(),
  actor_id: z.string(),
  actor_role: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.string(),
  ip: z.string(),
});
export type AuditEntry = z.infer<typeof AuditRow>;

/** Newest first, with the total count for paging. Dates are UTC days. */
export async function listAudit(dbx: Db, query: AuditQuery): Promise<{ total: number; rows: AuditEntry[] }> {
  const q = AuditQuerySchema.parse(query);
  const conditions = [sql`1`];
  if (q.action) conditions.push(sql`action = ${q.action}`);
  if (q.actor) conditions.push(sql`actor_id = ${q.actor}`);
  if (q.target) conditions.push(sql`positionCaseInsensitiveUTF8(target, ${q.target}) > 0`);
  if (q.from) conditions.push(sql`at >= ${new Date(`${q.from}T00:00:00Z`)}`);
  if (q.to) conditions.push(sql`at < ${new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000)}`);
  const where = sql.join(conditions, sql` AND `);
  const [total] = await dbx.query("audit.list", sql`SELECT count() AS n FROM audit_log WHERE ${where}`, z.object({ n: z.coerce.number() }));
  // Not `toString(at) AS at`: on 18.16 that alias would replace the DateTime column in WHERE and ORDER BY.
  const rows = await dbx.query(
    "audit.list",
    sql`SELECT toString(at) AS at_text, actor_id, actor_role, action, target, detail, ip FROM audit_log WHERE ${where}
        ORDER BY at DESC, actor_id, action, target LIMIT ${q.limit} OFFSET ${q.offset}`,
    AuditRow.omit({ at: true }).extend({ at_text: z.string() }),
  );
  return { total: total?.n ?? 0, rows: rows.map(({ at_text, ...rest }) => ({ at: at_text, ...rest })) };
}
