import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadFile } from "../../jobs/ingest/load-file";
import { Mapping } from "../../jobs/ingest/mapping";
import { Db } from "../../server/clickhouse/client";
import { sql, type Sql } from "../../server/clickhouse/sql";
import { withTestDb } from "../helpers/test-db";

const db = withTestDb("ingest_first");
const dir = mkdtempSync(path.join(tmpdir(), "si-ingest-first-"));

/** The real database, with a count of the queries each feature asked (to see which were skipped). */
class CountingDb extends Db {
  readonly asked = new Map<string, number>();
  override query<T>(feature: string, statement: Sql, schema?: z.ZodType<T>): Promise<T[]> {
    this.asked.set(feature, (this.asked.get(feature) ?? 0) + 1);
    return super.query(feature, statement, schema);
  }
}

const csv = (ids: string[], day: string, status = "open") =>
  "id,created_at,status,priority,channel\n" + ids.map((id, i) => `${id},${day}T0${i % 10}:00:00Z,${status},P2,phone\n`).join("");

describe("id lookups only where stored rows could match", () => {
  it("skips them on a first load and on new days; looks ids up on days that held rows before", async () => {
    const counting = new CountingDb(db.get().config);
    const load = async (name: string, text: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      counting.asked.clear();
      return loadFile(counting, "tickets", file, { mapping: Mapping.identity("tickets"), source: "test", batchSize: 3, force: true });
    };
    const march1 = Array.from({ length: 10 }, (_, i) => `F${i}`);

    const first = await load("first.csv", csv(march1, "2025-03-01"));
    expect(first.counts).toMatchObject({ read: 10, inserted: 10, rejected: 0 });
    // One look at the empty table for the whole run; none of the four batches' lookups.
    expect([counting.asked.get("ingest.probe"), counting.asked.get("ingest.lookup")]).toEqual([1, undefined]);

    const nextDay = await load("next-day.csv", csv(["N1", "N2", "N3"], "2025-03-02"));
    expect(nextDay.counts).toMatchObject({ read: 3, inserted: 3 });
    // The table's state, then one probe of the batch's day: nothing there before, no lookup.
    expect([counting.asked.get("ingest.probe"), counting.asked.get("ingest.lookup")]).toEqual([2, undefined]);

    const again = await load("again.csv", csv([...march1.slice(0, 5), "F10"], "2025-03-01"));
    expect(again.counts).toMatchObject({ read: 6, inserted: 1, unchanged: 5 });
    expect(counting.asked.get("ingest.lookup")).toBe(2);
    const [row] = await db.get().query("test", sql`SELECT count() AS n FROM tickets FINAL`, z.object({ n: z.coerce.number() }));
    expect(row!.n).toBe(14);
    await counting.close();
  });
});
