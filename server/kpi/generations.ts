import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { sql } from "../clickhouse/sql";

/** A generation found stale (rollups, FCR follow-ups): its month and id. */
export const StaleRow = z.object({ month: z.coerce.number(), generation: z.string() });

/**
 * Deletes the stale generations from each table in turn, month by month (a month is a partition,
 * so each ALTER … DELETE rewrites one). Runs in the background; `tables` is the project's own list.
 */
export async function removeGenerations(db: Db, feature: string, tables: readonly string[], stale: ReadonlyArray<z.infer<typeof StaleRow>>): Promise<void> {
  const byMonth = new Map<number, string[]>();
  for (const row of stale) byMonth.set(row.month, [...(byMonth.get(row.month) ?? []), row.generation]);
  for (const [month, generations] of byMonth) {
    for (const table of tables) {
      await db.exec(feature, sql`ALTER TABLE ${sql.ident(table, tables)} DELETE WHERE month = ${month} AND has(${generations}, generation)`);
    }
  }
}
