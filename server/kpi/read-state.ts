import type { Db } from "../clickhouse/client";
import { loadDedupState, type DedupState } from "../clickhouse/latest-rows";
import { ensureFollowUps, type FollowUpState } from "./follow-ups";

export interface ReadState {
  dedup: DedupState;
  followUps?: FollowUpState;
}

/**
 * What reading records needs to know about the data as it is now: which months need FINAL
 * (server/clickhouse/latest-rows.ts) and the FCR follow-ups for the current parts
 * (server/kpi/follow-ups.ts). Taken once per request by every procedure that reads records.
 */
export async function readState(db: Db, fcrWindowDays: number): Promise<ReadState> {
  const dedup = await loadDedupState(db);
  return { dedup, followUps: await ensureFollowUps(db, dedup, fcrWindowDays) };
}
