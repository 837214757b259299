import type { Db } from "../clickhouse/client";
import { env } from "../env";
import { loadDedupState, type DedupState } from "../clickhouse/latest-rows";
import { businessHours } from "./business-hours-config";
import { ensureFollowUps, followUpMarkers, plannedFollowUps, type FollowUpState } from "./follow-ups";
import type { RollupState } from "./rollup-state";
import { ensureRollups, nlpSignature, rollupMarkers } from "./rollups";

export interface ReadState {
  dedup: DedupState;
  followUps?: FollowUpState;
  rollups?: RollupState;
}

export interface ReadStateOptions {
  fcrWindowDays: number;
  timezone: string;
  /** Missing rollups: computed in the background, awaited, or not looked at (exports read records only); default SI_ROLLUPS. */
  rollups?: "background" | "ready" | "wait" | "skip";
}

/**
 * What reading records needs to know about the data as it is now: which months need FINAL
 * (server/clickhouse/latest-rows.ts), the FCR follow-ups for the current parts
 * (server/kpi/follow-ups.ts) and the daily rollups ready to read (server/kpi/rollups.ts).
 * Taken once per request by every procedure that reads records.
 */
export async function readState(db: Db, options: ReadStateOptions): Promise<ReadState> {
  const configured = env().SI_ROLLUPS;
  const mode = options.rollups ?? (configured === "off" ? "skip" : configured);
  // The done markers are asked for beside the parts, not after them: one round trip less (≈ 12 ms).
  const followUpsDone = followUpMarkers(db);
  const rollupsDone = mode === "skip" ? undefined : rollupMarkers(db);
  // Awaited below, unless the parts' query fails first: its error is the one reported.
  for (const early of [followUpsDone, rollupsDone]) void early?.catch(() => undefined);
  const [dedup, nlpTags] = await Promise.all([loadDedupState(db), mode === "skip" ? "" : nlpSignature(db)]);
  const planned = plannedFollowUps(dedup, options.fcrWindowDays);
  const ensured = ensureFollowUps(db, dedup, planned, followUpsDone);
  if (mode === "skip") return { dedup, followUps: await ensured };
  // The rollups' generations name the follow-ups' (known ahead), so both are looked up at once;
  // a ticket month is only rolled up once its follow-ups are stored.
  const { schedule, clocks } = businessHours();
  const input = { dedup, followUps: planned, nlpTags, timezone: options.timezone, fcrWindowDays: options.fcrWindowDays, schedule, clocks };
  const missing = mode === "wait" ? "await" : mode === "ready" ? "leave" : "schedule";
  const [followUps, rollups] = await Promise.all([ensured, ensureRollups(db, input, { missing, after: ensured, markers: rollupsDone })]);
  return { dedup, followUps, rollups };
}
