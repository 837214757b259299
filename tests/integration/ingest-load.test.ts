import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadFile } from "../../jobs/ingest/load-file";
import { loadMapping, Mapping } from "../../jobs/ingest/mapping";
import { sql, type Sql } from "../../server/clickhouse/sql";
import type { RecordKind } from "../../server/ingest/fields";
import { getRun } from "../../server/ingest/runs";
import { withTestDb } from "../helpers/test-db";

const db = withTestDb("ingest_load");
const dir = mkdtempSync(path.join(tmpdir(), "si-ingest-load-"));
const fixture = (name: string) => path.resolve("tests/fixtures/ingest", name);

function file(name: string, text: string): string {
  const full = path.join(dir, name);
  writeFileSync(full, text);
  return full;
}

async function num(statement: Sql): Promise<number> {
  const rows = await db.get().query("test", statement, z.object({ n: z.coerce.number() }));
  return rows[0]!.n;
}

const load = (kind: RecordKind, f: string, opts: { mapping?: Mapping; force?: boolean; batchSize?: number } = {}) =>
  loadFile(db.get(), kind, f, { mapping: opts.mapping ?? Mapping.identity(kind), source: "test", force: opts.force, batchSize: opts.batchSize });

const RejectRow = z.object({ line: z.coerce.number(), field: z.string(), reason: z.string(), raw: z.string(), file: z.string() });

describe("every bad-input class is rejected with its reason, and nothing valid is lost", () => {
  const header = "id,created_at,first_response_at,resolved_at,status,priority,channel,subject,reopen_count\n";
  const good = (i: number) => `G${i},2025-03-01T08:00:00Z,2025-03-01T08:05:00Z,,open,P2,phone,ok ${i},0\n`;
  const bad: [string, string, string][] = [
    ["B1,,,,open,P2,phone,no created,0\n", "required", "created_at"],
    ["B2,2025-03-01T08:00:00Z,,,open,P7,phone,bad enum,0\n", "invalid_enum", "priority"],
    ["B3,2025-03-01T08:00:00Z,,,open,P2,phone,bad type,many\n", "invalid_type", "reopen_count"],
    ["B4,2025-03-01T08:00:00Z,,2025-02-01T08:00:00Z,resolved,P2,phone,resolved first,0\n", "time_order", "resolved_at"],
    ["B5,2099-03-01T08:00:00Z,,,open,P2,phone,future,0\n", "future_timestamp", "created_at"],
    ["B6,01/03/2025,,,open,P2,phone,bad date,0\n", "invalid_date", "created_at"],
    [`B7,2025-03-01T08:00:00Z,,,open,P2,phone,"${"长".repeat(1001)}",0\n`, "too_long", "subject"],
    ["G1,2025-03-01T09:00:00Z,,,open,P2,phone,duplicate of line 2,0\n", "duplicate_id", "id"],
    ["B9,2025-03-01T08:00:00Z,,,open,P2\n", "column_count", "record"],
  ];

  it("stores each reject with run, file, line, field, reason and raw text; accepted + rejected = read", async () => {
    const lines = [good(1), ...bad.map((b) => b[0]), good(2), good(3)];
    const f = file("bad.csv", header + lines.join(""));
    const result = await load("tickets", f, { batchSize: 4 });
    expect(result.status).toBe("succeeded");
    expect(result.counts).toMatchObject({ read: 12, inserted: 3, rejected: 9 });
    const c = result.counts;
    expect(c.inserted + c.updated + c.unchanged + c.rejected).toBe(c.read);
    expect(await num(sql`SELECT count() AS n FROM tickets FINAL WHERE id IN ('G1', 'G2', 'G3')`)).toBe(3);
    expect(await num(sql`SELECT count() AS n FROM tickets FINAL WHERE id LIKE 'B%'`)).toBe(0);

    const rejects = await db.get().query(
      "test",
      sql`SELECT line, field, reason, raw, file FROM ingest_rejects WHERE run_id = ${result.runId} ORDER BY line`,
      RejectRow,
    );
    expect(rejects.map((r) => [r.line, r.reason.split(":")[0], r.field])).toEqual(bad.map((b, i) => [i + 3, b[1], b[2]]));
    expect(rejects[0]!.raw).toBe(bad[0]![0].trimEnd());
    expect(rejects[7]!.reason).toMatch(/already appeared at line 2/);
    expect(rejects.every((r) => r.file === f)).toBe(true);
    const run = await getRun(db.get(), result.runId);
    expect(run).toMatchObject({ status: "succeeded", rows_read: 12, inserted: 3, rejected: 9 });
  });

  it("conversations (JSON Lines) and surveys (JSON array): canonical fixtures", async () => {
    const conv = await load("conversations", fixture("conversations.jsonl"));
    expect(conv.counts).toMatchObject({ read: 5, inserted: 2, rejected: 3, rejectedByReason: { time_order: 1, invalid_enum: 1, parse_error: 1 } });
    const Utt = z.object({ utt_speaker: z.array(z.string()), utt_text: z.array(z.string()), handled_by: z.string(), bot_resolved: z.coerce.number() });
    const [cv1] = await db.get().query("test", sql`SELECT utt_speaker, utt_text, handled_by, bot_resolved FROM conversations FINAL WHERE id = 'CV-1'`, Utt);
    expect(cv1).toEqual({ utt_speaker: ["agent", "customer"], utt_text: ["您好，这里是客服中心，请问有什么可以帮您？", "我的发票金额不对。"], handled_by: "agent", bot_resolved: 0 });
    const [cv2] = await db.get().query("test", sql`SELECT utt_speaker, utt_text, handled_by, bot_resolved FROM conversations FINAL WHERE id = 'CV-2'`, Utt);
    expect(cv2).toMatchObject({ handled_by: "bot", bot_resolved: 1 });

    const surveys = await load("surveys", fixture("surveys.json"));
    expect(surveys.counts).toMatchObject({ read: 6, inserted: 2, rejected: 4, rejectedByReason: { out_of_range: 3, invalid_enum: 1 } });
    const S = z.object({ id: z.string(), responded_at: z.string(), score: z.coerce.number() });
    const stored = await db.get().query("test", sql`SELECT id, toString(responded_at) AS responded_at, score FROM survey_responses FINAL ORDER BY id`, S);
    expect(stored).toEqual([
      { id: "S-1", responded_at: "2025-03-01 08:10:00", score: 9 },
      { id: "S-2", responded_at: "2025-03-01 00:20:00", score: 4 },
    ]);

    // Read back from ClickHouse, transcripts and surveys compare equal to the same input: nothing is rewritten.
    expect((await load("conversations", fixture("conversations.jsonl"), { force: true })).counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect((await load("surveys", fixture("surveys.json"), { force: true })).counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });
});

describe("encodings", () => {
  it("loads a GBK file with Chinese headers; its rows equal those of the UTF-8 (BOM, CRLF) export", async () => {
    const mapping = loadMapping(path.resolve("mappings/zh-tickets.yaml"), "tickets");
    const gbk = await load("tickets", fixture("tickets-zh-gbk.csv"), { mapping });
    expect(gbk).toMatchObject({ status: "succeeded", encoding: "gb18030", counts: { read: 4, inserted: 2, rejected: 2 } });
    const S = z.object({ subject: z.string(), description: z.string(), team: z.string() });
    const [row] = await db.get().query("test", sql`SELECT subject, description, team FROM tickets FINAL WHERE id = 'ZH-0001'`, S);
    expect(row).toEqual({ subject: "发票金额不对", description: "客户说：发票金额与合同不符，\n要求重开发票", team: "一线-华东" });
    const utf8 = await load("tickets", fixture("tickets-zh.csv"), { mapping });
    expect(utf8).toMatchObject({ encoding: "utf-8", counts: { read: 4, inserted: 0, unchanged: 2, rejected: 2 } });
  });
});

describe("bytes not valid in the encoding", () => {
  it("rejects the damaged row with its line and keeps a U+FFFD that the file really holds", async () => {
    const head = Buffer.from("id,created_at,status,priority,channel,subject\nB1,2025-03-01T08:00:00Z,open,P2,phone,ok \uFFFD kept\n", "utf8");
    const bad = Buffer.concat([Buffer.from("B2,2025-03-01T08:00:00Z,open,P2,phone,bad "), Buffer.from([0xff, 0xfe]), Buffer.from("\n")]);
    const tail = Buffer.from("B3,2025-03-01T08:00:00Z,open,P2,phone,fine\n");
    const f = path.join(dir, "damaged.csv");
    writeFileSync(f, Buffer.concat([head, bad, tail]));
    const result = await load("tickets", f);
    expect(result.counts).toMatchObject({ read: 3, inserted: 2, rejected: 1, rejectedByReason: { invalid_text: 1 } });
    const S = z.object({ id: z.string(), subject: z.string() });
    expect(await db.get().query("test", sql`SELECT id, subject FROM tickets FINAL WHERE id LIKE 'B%' ORDER BY id`, S)).toEqual([
      { id: "B1", subject: "ok \uFFFD kept" },
      { id: "B3", subject: "fine" },
    ]);
    const R = z.object({ line: z.coerce.number(), field: z.string(), reason: z.string(), raw: z.string() });
    expect(await db.get().query("test", sql`SELECT line, field, reason, raw FROM ingest_rejects WHERE run_id = ${result.runId}`, R)).toEqual([
      {
        line: 3,
        field: "subject",
        reason: "invalid_text: subject: contains bytes that are not valid in the file's encoding (shown as U+FFFD in the raw text)",
        raw: "B2,2025-03-01T08:00:00Z,open,P2,phone,bad \uFFFD\uFFFD",
      },
    ]);
  });
});

describe("idempotent and updatable", () => {
  const header = "id,created_at,updated_at,status,priority,channel\n";
  const rows = (status2: string, updated2: string) =>
    header +
    `U1,2025-03-01T08:00:00Z,2025-03-01T08:00:00Z,open,P2,phone\n` +
    `U2,2025-03-01T09:00:00Z,${updated2},${status2},P2,phone\n` +
    `U3,2025-03-01T10:00:00Z,,open,P2,email\n`;
  const physical = () => num(sql`SELECT count() AS n FROM tickets WHERE id LIKE 'U%'`);

  it("the same file twice: skipped by content hash; forced: every row unchanged, nothing written", async () => {
    const f = file("same.csv", rows("open", "2025-03-01T09:00:00Z"));
    const first = await load("tickets", f);
    expect(first.counts).toMatchObject({ read: 3, inserted: 3 });
    const before = await physical();
    const again = await load("tickets", f);
    expect(again.status).toBe("skipped");
    expect(again.skippedBecause).toContain(first.runId);
    expect(await getRun(db.get(), again.runId)).toMatchObject({ status: "skipped" });
    const forced = await load("tickets", f, { force: true });
    expect(forced.counts).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 3 });
    expect(await physical()).toBe(before);
  });

  it("a ticket re-sent with a later status replaces the earlier one; an older re-send does not", async () => {
    const later = await load("tickets", file("later.csv", rows("resolved", "2025-03-02T09:00:00Z")));
    expect(later.counts).toMatchObject({ read: 3, updated: 1, unchanged: 2 });
    const status = async () => (await db.get().query("test", sql`SELECT status FROM tickets FINAL WHERE id = 'U2'`, z.object({ status: z.string() })))[0]!.status;
    expect(await status()).toBe("resolved");
    expect(await num(sql`SELECT count() AS n FROM tickets FINAL WHERE id LIKE 'U%'`)).toBe(3);
    // Same id, an updated_at older than the stored version: out of order, kept out, and reported as a stale reject.
    const stale = await load("tickets", file("stale.csv", rows("pending", "2025-03-01T12:00:00Z")));
    expect(stale.counts).toMatchObject({ read: 3, updated: 0, unchanged: 2, rejected: 1, rejectedByReason: { stale: 1 } });
    const [reject] = await db.get().query("test", sql`SELECT field, reason FROM ingest_rejects WHERE run_id = ${stale.runId}`, z.object({ field: z.string(), reason: z.string() }));
    expect(reject).toEqual({ field: "updated_at", reason: expect.stringMatching(/^stale: updated_at 2025-03-01T12:00:00.000Z is older than the stored version/) });
    expect(await status()).toBe("resolved");
    // Without updated_at, a later load wins: U3 changes channel.
    const resend = await load("tickets", file("resend.csv", header + "U3,2025-03-01T10:00:00Z,,open,P2,chat\n"));
    expect(resend.counts).toMatchObject({ updated: 1 });
    const [u3] = await db.get().query("test", sql`SELECT channel FROM tickets FINAL WHERE id = 'U3'`, z.object({ channel: z.string() }));
    expect(u3!.channel).toBe("chat");
  });
});

describe("rows go in and come back as TabSeparated text", () => {
  it("keeps every awkward character byte for byte, and a forced re-load finds each row unchanged", async () => {
    const awkward = ["tab\there", "line\nbreak", "cr\rhere", "back\\slash", "it's", "nul\u0000", "bell\u0007\b\f", "中文，标点", "emoji 😀", "\\N"];
    const records = awkward.map((text, i) => ({
      id: `W'${i}\\`,
      channel: "chat",
      started_at: "2025-03-01T08:00:00Z",
      agent: text,
      utterances: [
        { speaker: "customer", start_ms: 0, end_ms: 10, text },
        { speaker: "agent", start_ms: 10, end_ms: 20, text: `[${text}]` },
      ],
    }));
    const f = file("awkward.jsonl", records.map((r) => JSON.stringify(r)).join("\n"));
    const first = await load("conversations", f);
    expect(first.counts).toMatchObject({ read: awkward.length, inserted: awkward.length, rejected: 0 });
    const stored = await db.get().query(
      "test",
      sql`SELECT id, agent, utt_text FROM conversations FINAL WHERE id LIKE 'W%' ORDER BY id`,
      z.object({ id: z.string(), agent: z.string(), utt_text: z.array(z.string()) }),
    );
    // Top-level text is trimmed and a bare \N is "not given" (as in every CSV); inside a transcript both are text.
    const expected = records.map((r) => ({ id: r.id, agent: r.agent === "\\N" ? "" : r.agent.trim(), utt_text: r.utterances.map((u) => u.text) }));
    expect(stored).toEqual(expected.sort((a, b) => (a.id < b.id ? -1 : 1)));
    const again = await load("conversations", f, { force: true });
    expect(again.counts).toMatchObject({ read: awkward.length, inserted: 0, updated: 0, unchanged: awkward.length });
  });
});

describe("records deleted behind the loader's back", () => {
  it("load again instead of passing as unchanged on their stored hash", async () => {
    await load("surveys", fixture("surveys.json"), { force: true });
    await db.get().exec("test", sql`TRUNCATE TABLE survey_responses`);
    const again = await load("surveys", fixture("surveys.json"), { force: true });
    expect(again.counts).toMatchObject({ inserted: 2, unchanged: 0 });
    expect(await num(sql`SELECT count() AS n FROM survey_responses FINAL`)).toBe(2);
  });
});
