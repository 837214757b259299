import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadFile } from "../../jobs/ingest/load-file";
import { loadMapping } from "../../jobs/ingest/mapping";
import { sql } from "../../server/clickhouse/sql";
import { withTestDb } from "../helpers/test-db";

/** The shipped mappings on the real public samples in ../shared/data (absent in a fresh clone). */
const data = path.resolve("..", "shared", "data");
const nyc = path.join(data, "tickets", "nyc311_sample.csv");
const stcZh = path.join(data, "dialogues-stc3", "stc3_cn_dev.json.gz");
const stcEn = path.join(data, "dialogues-stc3", "stc3_en_dev.json.gz");
const present = existsSync(nyc) && existsSync(stcZh) && existsSync(stcEn);
if (!present) console.warn(`ingest-real-data: skipped, ${data} is absent (the public samples live in the team's shared folder)`);

const db = withTestDb("ingest_real");
const num = async (q: ReturnType<typeof sql>) => (await db.get().query("test", q, z.object({ n: z.coerce.number() })))[0]!.n;

describe.skipIf(!present)("shipped mappings on the real samples", () => {
  it("NYC 311: 1,000 requests, the 10 closed before they were created are rejected, the rest stored", async () => {
    const result = await loadFile(db.get(), "tickets", nyc, { mapping: loadMapping(path.resolve("mappings/nyc311-tickets.yaml"), "tickets"), source: "nyc311" });
    expect(result).toMatchObject({ status: "succeeded", counts: { read: 1000, inserted: 990, rejected: 10, rejectedByReason: { time_order: 10 } } });
    expect(await num(sql`SELECT count() AS n FROM tickets FINAL WHERE source = 'nyc311'`)).toBe(990);
    expect(await num(sql`SELECT count() AS n FROM tickets FINAL WHERE status = 'closed' AND closed_at IS NOT NULL`)).toBeGreaterThan(900);
    expect(await num(sql`SELECT count() AS n FROM tickets FINAL WHERE id = '39573567' AND created_at = toDateTime('2018-06-26 14:58:54', 'UTC') AND team = 'NYPD' AND channel = 'phone'`)).toBe(1);
  });

  it("STC-3: 2,958 Chinese and 1,319 English dialogues, one utterance per message, both languages kept apart", async () => {
    const zh = await loadFile(db.get(), "conversations", stcZh, { mapping: loadMapping(path.resolve("mappings/stc3-dialogues-zh.yaml"), "conversations"), source: "stc3" });
    const en = await loadFile(db.get(), "conversations", stcEn, { mapping: loadMapping(path.resolve("mappings/stc3-dialogues-en.yaml"), "conversations"), source: "stc3" });
    expect(zh).toMatchObject({ status: "succeeded", format: "json", counts: { read: 2958, inserted: 2958, rejected: 0 } });
    expect(en).toMatchObject({ status: "succeeded", counts: { read: 1319, inserted: 1319, rejected: 0 } });
    expect(await num(sql`SELECT count() AS n FROM conversations FINAL WHERE language = 'zh'`)).toBe(2958);
    expect(await num(sql`SELECT count() AS n FROM conversations FINAL WHERE language = 'en'`)).toBe(1319);
    // Every message of the source is one utterance, speakers mapped to customer/agent only.
    const { gunzipSync } = await import("node:zlib");
    const { readFileSync } = await import("node:fs");
    const dialogues = z
      .array(z.object({ turns: z.array(z.object({ sender: z.string(), utterances: z.array(z.string()) })) }))
      .parse(JSON.parse(gunzipSync(readFileSync(stcZh)).toString("utf8")));
    const messages = dialogues.reduce((sum, d) => sum + d.turns.reduce((s, t) => s + t.utterances.length, 0), 0);
    expect(await num(sql`SELECT sum(length(utt_text)) AS n FROM conversations FINAL WHERE language = 'zh'`)).toBe(messages);
    expect(await num(sql`SELECT count() AS n FROM conversations FINAL ARRAY JOIN utt_speaker AS s WHERE s NOT IN ('customer', 'agent')`)).toBe(0);
  });
});
