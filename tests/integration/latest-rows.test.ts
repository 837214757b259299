import { describe, expect, it } from "vitest";
import { latestRows, loadDedupState, NO_CLEAN_MONTHS } from "../../server/clickhouse/latest-rows";
import { followUpMarkers, pruneReplacedFollowUps, storedFollowUps } from "../../server/kpi/follow-ups";
import { readState } from "../../server/kpi/read-state";
import { sql } from "../../server/clickhouse/sql";
import { z } from "zod";
import { ticketRow } from "../fixtures/factories";
import { withTestDb } from "../helpers/test-db";

const db = withTestDb("latest");

const CountRow = z.object({ n: z.coerce.number(), statuses: z.string() });

/** What a dashboard query sees: the number of tickets and their statuses, read through latestRows. */
async function read(useState: boolean) {
  const dedup = useState ? await loadDedupState(db.get()) : undefined;
  const [row] = await db.get().query(
    "test.latest",
    sql`SELECT count() AS n, arrayStringConcat(arraySort(groupArray(concat(id, ':', status))), ',') AS statuses
        FROM (${latestRows("tickets", sql`created_at >= toDateTime('2026-01-01 00:00:00', 'UTC')`, dedup)})`,
    CountRow,
  );
  return row!;
}

describe("reading the newest versions without FINAL where a month has none older", () => {
  it("tells clean months from months with older versions, follows every new part, and reads the same rows as FINAL", async () => {
    const dbx = db.get();
    // No background merge may tidy a month up while the test looks at it.
    await dbx.exec("test.stopMerges", sql`SYSTEM STOP MERGES tickets`);
    // January: three tickets, one row each. February: one ticket in two versions.
    await dbx.insert("test", "tickets", [
      ticketRow({ id: "a", created_at: "2026-01-05T10:00:00" }),
      ticketRow({ id: "b", created_at: "2026-01-06T10:00:00" }),
      ticketRow({ id: "c", created_at: "2026-01-07T10:00:00" }),
    ]);
    await dbx.insert("test", "tickets", [ticketRow({ id: "d", created_at: "2026-02-02T10:00:00", status: "open", version: 1 })]);
    await dbx.insert("test", "tickets", [ticketRow({ id: "d", created_at: "2026-02-02T10:00:00", status: "resolved", version: 2 })]);

    let state = await loadDedupState(dbx);
    expect(state.clean.tickets).toEqual([202601]);
    const expected = { n: 4, statuses: "a:open,b:open,c:open,d:resolved" };
    expect(await read(true)).toEqual(expected);
    expect(await read(false)).toEqual(expected);

    // An update lands in the clean month: a new part, so January is checked again and found dirty.
    await dbx.insert("test", "tickets", [ticketRow({ id: "b", created_at: "2026-01-06T10:00:00", status: "closed", version: 2 })]);
    state = await loadDedupState(dbx);
    expect(state.clean.tickets).toEqual([]);
    const updated = { n: 4, statuses: "a:open,b:closed,c:open,d:resolved" };
    expect(await read(true)).toEqual(updated);
    expect(await read(false)).toEqual(updated);

    // A new month with new ids only, and a month merged into one part, are both clean.
    await dbx.insert("test", "tickets", [ticketRow({ id: "e", created_at: "2026-03-01T00:00:00" })]);
    await dbx.exec("test.startMerges", sql`SYSTEM START MERGES tickets`);
    await dbx.exec("test.optimize", sql`OPTIMIZE TABLE tickets PARTITION 202601 FINAL`);
    state = await loadDedupState(dbx);
    // (February may have been merged too by now, which would make it clean as well.)
    expect(state.clean.tickets).toEqual(expect.arrayContaining([202601, 202603]));
    const withMarch = { n: 5, statuses: "a:open,b:closed,c:open,d:resolved,e:open" };
    expect(await read(true)).toEqual(withMarch);
    expect(await read(false)).toEqual(withMarch);
  });

  it("leaves the FINAL half out only when clean months hold every instant the condition can match", () => {
    const dedup = { ...NO_CLEAN_MONTHS, clean: { ...NO_CLEAN_MONTHS.clean, tickets: [202601, 202602, 202604] } };
    const at = (iso: string) => new Date(`${iso}T00:00:00Z`);
    expect(latestRows("tickets", sql`1`, dedup, [at("2026-01-05"), at("2026-02-10")]).text).not.toContain("FINAL");
    expect(latestRows("tickets", sql`1`, dedup, [at("2026-01-05"), at("2026-03-02")]).text).toContain("FINAL");
    expect(latestRows("tickets", sql`1`, dedup, [at("2026-02-20"), at("2026-04-02")]).text).toContain("FINAL");
    expect(latestRows("tickets", sql`1`, dedup).text).toContain("FINAL");
  });

  it("reads a month that appeared after the state was taken (through the FINAL half)", async () => {
    const dbx = db.get();
    const stale = await loadDedupState(dbx);
    await dbx.insert("test", "tickets", [
      ticketRow({ id: "f", created_at: "2026-05-01T00:00:00", status: "open", version: 1 }),
      ticketRow({ id: "f", created_at: "2026-05-01T00:00:00", status: "resolved", version: 2 }),
    ]);
    const [row] = await dbx.query(
      "test.latest",
      sql`SELECT count() AS n, arrayStringConcat(groupArray(status), ',') AS statuses
          FROM (${latestRows("tickets", sql`id = 'f'`, stale)})`,
      CountRow,
    );
    expect(row).toEqual({ n: 1, statuses: "resolved" });
  });
});

describe("FCR follow-ups computed once per month", () => {
  const followDb = withTestDb("followups");
  const IdRow = z.object({ id: z.string() });

  async function markers(): Promise<string[]> {
    return [...(await followUpMarkers(followDb.get()))].sort();
  }

  async function followed() {
    const dbx = followDb.get();
    const { followUps } = await readState(dbx, { fcrWindowDays: 7, timezone: "Asia/Shanghai", rollups: "skip" });
    if (!followUps) throw new Error("no follow-up state although the table has tickets");
    const rows = await dbx.query("test.followed", sql`SELECT id FROM (${storedFollowUps(followUps, sql`1`)}) ORDER BY id`, IdRow);
    return { ids: rows.map((r) => r.id), generations: followUps.generations };
  }

  it("finds follow-ups across a month's end, and computes again only the months new tickets can change", async () => {
    const dbx = followDb.get();
    await dbx.insert("test", "tickets", [
      ticketRow({ id: "t1", created_at: "2026-01-30T10:00:00", customer_id: "C1", category: "billing_invoice" }),
      ticketRow({ id: "t2", created_at: "2026-02-02T10:00:00", customer_id: "C1", category: "billing_invoice" }),
      // Another category, and another customer: no follow-ups.
      ticketRow({ id: "t3", created_at: "2026-02-03T10:00:00", customer_id: "C1", category: "network_latency" }),
      ticketRow({ id: "t4", created_at: "2026-02-04T10:00:00", customer_id: "C2", category: "billing_invoice" }),
      // Too late for the 7-day window.
      ticketRow({ id: "t5", created_at: "2026-02-25T10:00:00", customer_id: "C2", category: "billing_invoice" }),
    ]);
    const first = await followed();
    expect(first.ids).toEqual(["t1"]);

    await dbx.insert("test", "tickets", [ticketRow({ id: "t6", created_at: "2026-03-01T09:00:00", customer_id: "C2", category: "billing_invoice" })]);
    const second = await followed();
    expect(second.ids).toEqual(["t1", "t5"]);
    // January's tickets cannot be followed by a March ticket in 7 days: its generation stands.
    expect(second.generations.get(202601)).toBe(first.generations.get(202601));
    expect(second.generations.get(202602)).not.toBe(first.generations.get(202602));
    // February's first generation was replaced just now: a request that chose it can still read it.
    expect(await markers()).toContain(first.generations.get(202602));
  });

  it("removes a replaced generation only once it was replaced more than ten minutes ago", async () => {
    const dbx = followDb.get();
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString().slice(0, 19).replace("T", " ");
    const marker = (month: number, generation: string) => ({ month, generation, id: "", created_at: "1970-01-01 00:00:00" });
    // November: replaced two hours ago by a generation that stands. October: one made before
    // generations had times, replaced an hour ago.
    await dbx.insert("test", "fcr_followed", [
      marker(202511, "test-replaced-long-ago"),
      { month: 202511, generation: "test-replaced-long-ago", id: "t-old", created_at: "2025-11-03 00:00:00" },
      marker(202511, "test-replacing"),
      marker(202510, "test-untimed"),
      marker(202510, "test-current"),
    ]);
    await dbx.insert("test", "fcr_generations", [
      { month: 202511, generation: "test-replaced-long-ago", computed_at: ago(180) },
      { month: 202511, generation: "test-replacing", computed_at: ago(120) },
      { month: 202510, generation: "test-current", computed_at: ago(60) },
    ]);
    const before = await markers();
    await pruneReplacedFollowUps(dbx);
    // ALTER … DELETE runs in the background (18.16 cannot wait for it).
    for (let i = 0; i < 100 && (await markers()).includes("test-replaced-long-ago"); i++) await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < 100 && (await markers()).includes("test-untimed"); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await markers()).toEqual(before.filter((g) => g !== "test-replaced-long-ago" && g !== "test-untimed"));
    const left = await dbx.query("test.left", sql`SELECT id FROM fcr_followed WHERE generation = 'test-replaced-long-ago'`, IdRow);
    expect(left).toEqual([]);
  });
});
