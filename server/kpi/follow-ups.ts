import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { latestRows, monthStart, nextMonth, type DedupState } from "../clickhouse/latest-rows";
import { formatDateTime, sql, type Sql } from "../clickhouse/sql";
import { removeGenerations, StaleRow } from "./generations";

/**
 * FCR's follow-ups, computed once per month instead of on every request.
 *
 * A ticket is followed up when the same customer opens another ticket in the same category
 * within the window. That depends only on the tickets themselves, never on the dashboard's
 * filters, so for each month it is computed once (≈ 1 s per month at 10M tickets, against
 * 2.6 s for every 30-day card before) and stored in `fcr_followed` under a generation that
 * names the window and the exact parts of every month it read. New data makes new parts, hence
 * a new generation, so a stale answer is never used; the month is simply computed again.
 */

export interface FollowUpState {
  windowDays: number;
  /** Month (YYYYMM) → its generation in fcr_followed. */
  generations: ReadonlyMap<number, string>;
}

/** The months whose tickets can follow up a ticket of `month` (its own and those the window reaches into). */
function monthsReached(month: number, windowDays: number): number[] {
  const until = monthStart(nextMonth(month)).getTime() + windowDays * 86_400_000;
  const months = [month];
  for (let m = nextMonth(month); monthStart(m).getTime() < until; m = nextMonth(m)) months.push(m);
  return months;
}

function generationOf(month: number, windowDays: number, dedup: DedupState): string {
  const hash = createHash("sha256").update(`fcr v1|window ${windowDays}`);
  for (const m of monthsReached(month, windowDays)) hash.update(`|${m}:${dedup.parts.tickets.get(m) ?? ""}`);
  return hash.digest("hex").slice(0, 32);
}

const GenerationRow = z.object({ generation: z.string() });

/** Generations being computed in this process, so that concurrent requests share one computation. */
const computing = new Map<string, Promise<void>>();

async function compute(db: Db, month: number, generation: string, windowDays: number, dedup: DedupState): Promise<void> {
  const start = monthStart(month);
  const end = monthStart(nextMonth(month));
  const windowSeconds = windowDays * 86_400;
  const reach = new Date(end.getTime() + windowSeconds * 1000);
  const tickets = latestRows("tickets", sql`customer_id != '' AND created_at >= ${start} AND created_at < ${reach}`, dedup, [start, reach]);
  await db.exec(
    "fcr.followUps.compute",
    sql`INSERT INTO fcr_followed (month, generation, id, created_at)
        SELECT ${month}, ${generation}, (s[i]).2, toDateTime((s[i]).1, 'UTC')
        FROM (
          SELECT arraySort(groupArray((toInt64(created_at), id))) AS s
          FROM (${tickets})
          GROUP BY customer_id, category
          HAVING length(s) > 1
        )
        ARRAY JOIN arrayFilter(j -> j < length(s) AND (s[j]).1 < ${Math.floor(end.getTime() / 1000)} AND (s[j + 1]).1 - (s[j]).1 <= ${windowSeconds}, arrayEnumerate(s)) AS i`,
  );
  await db.insert("fcr.followUps.time", "fcr_generations", [{ month, generation, computed_at: formatDateTime(new Date()) }]);
  // The marker last: a generation with its marker is complete.
  await db.insert("fcr.followUps.marker", "fcr_followed", [{ month, generation, id: "", created_at: "1970-01-01 00:00:00" }]);
  await pruneReplacedFollowUps(db);
}

/**
 * Removes the generations that were replaced more than ten minutes ago: a request takes its
 * state before it queries, so it may still read a generation replaced an instant later, but
 * none replaced ten minutes before. A generation is stale once a newer one of its month was
 * itself made more than ten minutes ago; one made before fcr_generations counts as made at 0.
 */
export async function pruneReplacedFollowUps(db: Db): Promise<void> {
  const stale = await db.query(
    "fcr.followUps.stale",
    sql`SELECT month, generation FROM (
          SELECT month, generation, computed_at
          FROM (SELECT DISTINCT month, generation FROM fcr_followed WHERE created_at = toDateTime(0, 'UTC') AND id = '')
          ANY LEFT JOIN (SELECT month, generation, computed_at FROM fcr_generations) USING month, generation)
        ALL INNER JOIN (SELECT month, max(computed_at) AS replaced_at FROM fcr_generations WHERE computed_at < now() - 600 GROUP BY month) USING month
        WHERE computed_at < replaced_at`,
    StaleRow,
  );
  // The time rows first: a generation whose removal was cut short then counts as made at 0, so
  // it is found stale again next time.
  await removeGenerations(db, "fcr.followUps.prune", ["fcr_generations", "fcr_followed"], stale);
}

/**
 * Makes sure every month of the tickets table has its follow-ups for the current parts, and
 * says which generation to read for each. Months already done cost one small query in all.
 * Undefined when no parts are known (an empty table, or a cluster whose parts this server
 * cannot see): the follow-ups are then searched for in the query itself.
 */
export async function ensureFollowUps(
  db: Db,
  dedup: DedupState,
  planned: FollowUpState | undefined,
  markers?: Promise<ReadonlySet<string>>,
): Promise<FollowUpState | undefined> {
  if (!planned) return undefined;
  const { windowDays, generations: wanted } = planned;
  const done = await (markers ?? followUpMarkers(db));
  await Promise.all(
    [...wanted]
      .filter(([, generation]) => !done.has(generation))
      .map(([month, generation]) => {
        const key = `${db.config.url}|${db.config.database}|${generation}`;
        let job = computing.get(key);
        if (!job) {
          job = compute(db, month, generation, windowDays, dedup).finally(() => computing.delete(key));
          computing.set(key, job);
        }
        return job;
      }),
  );
  return planned;
}

/** Every complete generation (one or two per month), so a request can ask before it knows which it wants. */
export async function followUpMarkers(db: Db): Promise<ReadonlySet<string>> {
  const rows = await db.query("fcr.followUps.done", sql`SELECT DISTINCT generation FROM fcr_followed WHERE created_at = toDateTime(0, 'UTC') AND id = ''`, GenerationRow);
  return new Set(rows.map((r) => r.generation));
}

/** The generations for the current parts, to hand to ensureFollowUps (undefined: no parts known). */
export function plannedFollowUps(dedup: DedupState, windowDays: number): FollowUpState | undefined {
  const generations = new Map<number, string>();
  for (const month of dedup.parts.tickets.keys()) generations.set(month, generationOf(month, windowDays, dedup));
  return generations.size === 0 ? undefined : { windowDays, generations };
}

/** Ids of the followed-up tickets whose `created_at` meets `inRange`, from the stored generations. */
export function storedFollowUps(state: FollowUpState, inRange: Sql): Sql {
  const generations = [...new Set(state.generations.values())];
  return sql`SELECT id FROM fcr_followed WHERE ${inRange} AND id != '' AND has(${generations}, generation)`;
}
