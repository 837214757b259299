import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { sql } from "../../server/clickhouse/sql";
import { createApiKey, listApiKeys, revokeApiKey } from "../../server/ingest/api-keys";
import { handleIngestPush } from "../../server/ingest/push";
import { POST } from "../../app/api/ingest/[kind]/route";
import { withTestDb } from "../helpers/test-db";

const db = withTestDb("ingest_push");

function post(kind: string, body: BodyInit, headers: Record<string, string> = {}, options: { maxBytes?: number } = {}) {
  const req = new Request(`http://localhost/api/ingest/${kind}`, { method: "POST", body, headers });
  return handleIngestPush(req, kind, { db: db.get(), ...options });
}

const PushAnswer = z.object({
  run_id: z.string(),
  source: z.string(),
  counts: z.object({ read: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() }),
  results: z.array(z.object({ line: z.number(), id: z.string().nullable(), status: z.string(), reason: z.string().optional(), field: z.string().optional() })),
});

const tickets = [
  { id: "H1", created_at: "2025-03-01T08:00:00Z", status: "open", priority: "P1", channel: "web", subject: "推送的工单" },
  { id: "H2", created_at: "2025-03-01T09:00:00Z", resolved_at: "2025-03-01T08:00:00Z", status: "resolved", priority: "P1", channel: "web" },
  { id: "H3", created_at: "2025-03-01T10:00:00Z", status: "open", priority: "P2", channel: "app" },
];

describe("POST /api/ingest/{kind}", () => {
  it("authenticates with a per-source key stored only as a hash; refuses missing, wrong and revoked keys", async () => {
    const { id, key } = await createApiKey(db.get(), "crm-feed", "test");
    const [stored] = await db.get().query("test", sql`SELECT key_hash FROM api_keys FINAL WHERE id = ${id}`, z.object({ key_hash: z.string() }));
    expect(stored!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    // Only the SHA-256 of the secret part is stored; the key itself appears nowhere in the table.
    const secret = key.slice(`sik_${id}_`.length);
    expect(stored!.key_hash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(stored!.key_hash).not.toContain(secret);
    const body = JSON.stringify({ ...tickets[0], id: "AUTH1" });
    expect((await post("tickets", body)).status).toBe(401);
    expect((await post("tickets", body, { authorization: `Bearer ${key.slice(0, -1)}x` })).status).toBe(401);
    expect((await post("tickets", body, { "x-api-key": key })).status).toBe(200);
    expect(await revokeApiKey(db.get(), id)).toBe(true);
    expect((await post("tickets", body, { authorization: `Bearer ${key}` })).status).toBe(401);
    const listed = await listApiKeys(db.get());
    expect(listed.find((k) => k.id === id)).toMatchObject({ source: "crm-feed", revoked_at: expect.any(String) });
    expect(listed.find((k) => k.id === id)).not.toHaveProperty("key_hash");
  });

  it("answers per record, stores rejects, and a re-sent body changes nothing", async () => {
    const { key } = await createApiKey(db.get(), "helpdesk", "test");
    const auth = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const res = await post("tickets", JSON.stringify(tickets), auth);
    expect(res.status).toBe(200);
    const answer = PushAnswer.parse(await res.json());
    expect(answer.source).toBe("helpdesk");
    expect(answer.counts).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    expect(answer.results).toEqual([
      { line: 1, id: "H1", status: "inserted" },
      expect.objectContaining({ line: 2, id: "H2", status: "rejected", reason: "time_order", field: "resolved_at" }),
      { line: 3, id: "H3", status: "inserted" },
    ]);
    const rejects = await db.get().query("test", sql`SELECT file, line, raw FROM ingest_rejects WHERE run_id = ${answer.run_id}`, z.object({ file: z.string(), line: z.coerce.number(), raw: z.string() }));
    expect(rejects).toEqual([{ file: "push:helpdesk", line: 2, raw: JSON.stringify(tickets[1]) }]);
    const [src] = await db.get().query("test", sql`SELECT source FROM tickets FINAL WHERE id = 'H1'`, z.object({ source: z.string() }));
    expect(src!.source).toBe("helpdesk");

    const again = PushAnswer.parse(await (await post("tickets", JSON.stringify({ records: tickets }), auth)).json());
    expect(again.counts).toMatchObject({ inserted: 0, unchanged: 2, rejected: 1 });
    const later = PushAnswer.parse(await (await post("tickets", JSON.stringify({ ...tickets[0], status: "resolved", resolved_at: "2025-03-01T12:00:00Z" }), auth)).json());
    expect(later.results).toEqual([{ line: 1, id: "H1", status: "updated" }]);
  });

  it("takes JSON Lines (conversations, surveys) with the same validation, through the route's POST", async () => {
    const { key } = await createApiKey(db.get(), "ivr", "test");
    const lines = [
      JSON.stringify({ id: "HC1", channel: "phone", started_at: "2025-03-01T08:00:00Z", utterances: [{ speaker: "agent", start_ms: 0, end_ms: 900, text: "您好" }] }),
      "{not json",
      JSON.stringify({ id: "HC1", channel: "phone", started_at: "2025-03-01T08:00:00Z" }),
    ].join("\n");
    const res = await handleIngestPush(
      new Request("http://localhost/api/ingest/conversations", { method: "POST", body: lines, headers: { authorization: `Bearer ${key}`, "content-type": "application/x-ndjson" } }),
      "conversations",
      { db: db.get() },
    );
    const answer = PushAnswer.parse(await res.json());
    expect(answer.results.map((r) => [r.line, r.status, r.reason])).toEqual([
      [1, "inserted", undefined],
      [2, "rejected", "parse_error"],
      [3, "rejected", "duplicate_id"],
    ]);
    const surveys = PushAnswer.parse(
      await (await post("surveys", '{"id":"HS1","responded_at":"2025-03-01T08:00:00Z","kind":"ces","score":9}\n', { authorization: `Bearer ${key}` })).json(),
    );
    expect(surveys.results[0]).toMatchObject({ status: "rejected", reason: "out_of_range", field: "score" });
    // The App Router handler itself: unknown kinds are refused before anything else.
    const viaRoute = await POST(new Request("http://localhost/api/ingest/calls", { method: "POST", body: "{}" }), { params: Promise.resolve({ kind: "calls" }) });
    expect(viaRoute.status).toBe(404);
  });

  it("refuses bodies over the size limit and bodies that are not JSON", async () => {
    const { key } = await createApiKey(db.get(), "big", "test");
    const auth = { authorization: `Bearer ${key}` };
    const big = await post("tickets", JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ ...tickets[0], id: `BIG${i}` }))), auth, { maxBytes: 1024 });
    expect(big.status).toBe(413);
    expect(await db.get().query("test", sql`SELECT id FROM tickets FINAL WHERE id LIKE 'BIG%'`)).toEqual([]);
    expect((await post("tickets", "<xml/>", auth)).status).toBe(400);
    const notUtf8 = await post("tickets", Buffer.concat([Buffer.from('[{"id":"LAT1","subject":"caf'), Buffer.from([0xe9]), Buffer.from('"}]')]), auth);
    expect(notUtf8.status).toBe(400);
    expect(await notUtf8.text()).toMatch(/not valid UTF-8/);
  });
});
