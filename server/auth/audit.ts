import type { Db } from "../clickhouse/client";
import { formatDateTime } from "../clickhouse/sql";
import type { Caller } from "./caller";

/** Appends one entry to the audit log (append-only MergeTree). */
export async function audit(dbx: Db, caller: Caller, action: string, target: string, detail: Record<string, unknown>, ip = ""): Promise<void> {
  await dbx.insert("audit", "audit_log", [
    {
      at: formatDateTime(new Date()),
      actor_id: caller.id,
      actor_role: caller.role,
      action,
      target,
      detail: JSON.stringify(detail),
      ip,
    },
  ]);
}
