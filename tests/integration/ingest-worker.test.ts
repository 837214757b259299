import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Inbox } from "../../jobs/ingest/worker";
import { sql } from "../../server/clickhouse/sql";
import { withTestDb } from "../helpers/test-db";

const db = withTestDb("ingest_worker");

describe("inbox worker", () => {
  it("loads each new file once (after its size settles), with the folder's mapping, and moves it to loaded/", async () => {
    const inbox = mkdtempSync(path.join(tmpdir(), "si-inbox-"));
    const lines: string[] = [];
    const worker = new Inbox(db.get(), { inbox, log: (l) => lines.push(l) });
    const tickets = path.join(inbox, "tickets");
    copyFileSync(path.resolve("mappings/zh-tickets.yaml"), path.join(tickets, "mapping.yaml"));
    copyFileSync(path.resolve("tests/fixtures/ingest/tickets-zh-gbk.csv"), path.join(tickets, "export.csv"));
    writeFileSync(path.join(inbox, "surveys", "s.jsonl"), '{"id":"W1","responded_at":"2025-03-01T08:00:00Z","kind":"csat","score":5}\n');

    expect(await worker.poll()).toEqual({ loaded: 0, failed: 0 }); // first look: sizes not settled yet
    expect(await worker.poll()).toEqual({ loaded: 2, failed: 0 });
    expect(existsSync(path.join(tickets, "export.csv"))).toBe(false);
    expect(readdirSync(path.join(tickets, "loaded"))).toEqual([expect.stringMatching(/_export\.csv$/)]);
    const count = async (table: "tickets" | "survey_responses") =>
      (await db.get().query("test", sql`SELECT count() AS n FROM ${sql.ident(table, ["tickets", "survey_responses"])} FINAL`, z.object({ n: z.coerce.number() })))[0]!.n;
    expect(await count("tickets")).toBe(2);
    expect(await count("survey_responses")).toBe(1);
    expect(await worker.poll()).toEqual({ loaded: 0, failed: 0 });

    // The same content dropped again is recognised by its hash: skipped, still moved away.
    copyFileSync(path.resolve("tests/fixtures/ingest/tickets-zh-gbk.csv"), path.join(tickets, "again.csv"));
    await worker.poll();
    expect(await worker.poll()).toEqual({ loaded: 1, failed: 0 });
    expect(lines.some((l) => /again\.csv: skipped, already loaded/.test(l))).toBe(true);
    expect(await count("tickets")).toBe(2);
  });

  it("does not read the folder's mapping.json as data, and backs off from a file that fails instead of reloading it every poll", async () => {
    const inbox = mkdtempSync(path.join(tmpdir(), "si-inbox-"));
    const lines: string[] = [];
    const worker = new Inbox(db.get(), { inbox, log: (l) => lines.push(l) });
    const surveys = path.join(inbox, "surveys");
    writeFileSync(path.join(surveys, "mapping.json"), JSON.stringify({ kind: "surveys", source: "inbox-test" }));
    // Gzip magic, then garbage: the load fails (and must not crash the worker or leak the file handle).
    writeFileSync(path.join(surveys, "broken.jsonl.gz"), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    await worker.poll();
    expect(await worker.poll()).toEqual({ loaded: 0, failed: 1 });
    expect(await worker.poll()).toEqual({ loaded: 0, failed: 0 }); // backing off, not retried at once
    expect(existsSync(path.join(surveys, "broken.jsonl.gz"))).toBe(true);
    expect(existsSync(path.join(surveys, "mapping.json"))).toBe(true);
    expect(lines.some((l) => /broken\.jsonl\.gz: failed \(attempt 1\); next try in 30 s/.test(l))).toBe(true);
    expect(lines.some((l) => /mapping\.json/.test(l) && /failed|rejected/.test(l))).toBe(false);
  });
});
