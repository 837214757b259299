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

const csv = (ids: string[], status = "open") =>
  "id,created_at,status,priority,channel\n" + ids.map((id, i) => `${id},2025-03-01T0${i % 10}:00:00Z,${status},P2,phone\n`).join("");

describe("a first load into an empty table", () => {
  it("skips the id lookups; any later load looks its ids up again", async () => {
    const counting = new CountingDb(db.get().config);
    const load = (name: string, text: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return loadFile(counting, "tickets", file, { mapping: Mapping.identity("tickets"), source: "test", batchSize: 3, force: true });
    };
    const ids = Array.from({ length: 10 }, (_, i) => `F${i}`);
    const first = await load("first.csv", csv(ids));
    expect(first.counts).toMatchObject({ read: 10, inserted: 10, rejected: 0 });
    // One emptiness check for the whole run, none of the four batches' id lookups.
    expect(counting.asked.get("ingest.lookup")).toBe(1);

    counting.asked.clear();
    const again = await load("again.csv", csv([...ids.slice(0, 5), "F10"], "open"));
    expect(again.counts).toMatchObject({ read: 6, inserted: 1, unchanged: 5 });
    expect(counting.asked.get("ingest.lookup")).toBeGreaterThan(2);
    const [row] = await db.get().query("test", sql`SELECT count() AS n FROM tickets FINAL`, z.object({ n: z.coerce.number() }));
    expect(row!.n).toBe(11);
    await counting.close();
  });
});
