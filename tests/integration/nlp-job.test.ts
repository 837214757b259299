import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { sql } from "../../server/clickhouse/sql";
import { configFromTexts, readConfigTexts } from "../../jobs/nlp/config";
import { runNlpJob } from "../../jobs/nlp/job";
import { runNlpWorkers } from "../../jobs/nlp/workers";
import { Tagger } from "../../jobs/nlp/tagger";
import { ANGRY_ZH, fixtureConversations, fixtureSurveys, fixtureTickets } from "../fixtures/nlp/records";
import { withTestDb } from "../helpers/test-db";

const db = withTestDb("nlp");
const N_CONV = 63; // 60 from the fixture, 3 for the repeat-contact window
const N_TICKETS = 20;
const N_SURVEYS = 21; // 14 with a comment
const WITH_COMMENT = 14;
const TOTAL = N_CONV + N_TICKETS + WITH_COMMENT;

const texts = readConfigTexts();
const tagger = new Tagger(configFromTexts(texts));
/** A tagger whose taxonomy differs, so its version does too. */
function editedTagger(extraTopic: string, phrase: string): Tagger {
  return new Tagger(configFromTexts({ ...texts, taxonomy: texts.taxonomy + `  - id: ${extraTopic}\n    phrases:\n      zh: [${phrase}]\n      en: [${phrase}]\n` }));
}

beforeAll(async () => {
  await db.get().insert("test.fixture", "conversations", [
    ...fixtureConversations(60),
    // Customer CF: 03-01, then 03-09 (8 days later: not a repeat), then 03-16 08:00 (exactly 7 days: a repeat).
    ...["2025-03-01T08:00:00Z", "2025-03-09T08:00:00Z", "2025-03-16T08:00:00Z"].map((t, i) => ({ ...fixtureConversations(1)[0]!, id: `CVF${i}`, customer_id: "CF", started_at: t.replace("T", " ").replace("Z", "") })),
  ]);
  await db.get().insert("test.fixture", "tickets", fixtureTickets(N_TICKETS));
  await db.get().insert("test.fixture", "survey_responses", fixtureSurveys(N_SURVEYS));
});

const countRow = z.object({ n: z.coerce.number() });
async function count(table: "nlp_results" | "qa_flags", version: string, final = false): Promise<number> {
  const rows = await db.get().query(
    "test.count",
    sql`SELECT count() AS n FROM ${sql.ident(table, ["nlp_results", "qa_flags"])} ${final ? sql`FINAL` : sql.empty} WHERE tagger_version = ${version}`,
    countRow,
  );
  return rows[0]!.n;
}

const resultRow = z.object({
  record_kind: z.string(),
  record_id: z.string(),
  language: z.string(),
  sentiment: z.number(),
  sentiment_start: z.number(),
  sentiment_end: z.number(),
  utt_sentiment: z.array(z.number()),
  keywords: z.array(z.string()),
  topics: z.array(z.string()),
  pii_kinds: z.array(z.string()),
  redacted_text: z.array(z.string()),
  compliance_misses: z.array(z.string()),
});
async function result(id: string, version = tagger.version) {
  const rows = await db.get().query("test.result", sql`SELECT * FROM nlp_results FINAL WHERE record_id = ${id} AND tagger_version = ${version}`, resultRow);
  return rows[0];
}
async function flags(id: string) {
  return db.get().query(
    "test.flags",
    sql`SELECT flag, reason, evidence, utterance_index FROM qa_flags FINAL WHERE record_id = ${id} AND tagger_version = ${tagger.version} ORDER BY flag, utterance_index`,
    z.object({ flag: z.string(), reason: z.string(), evidence: z.string(), utterance_index: z.number() }),
  );
}

describe("nlp job", () => {
  it("a crashed run resumes: a partial run, then the rest, each record tagged exactly once", async () => {
    const first = await runNlpJob(db.get(), tagger, { shard: { k: 0, n: 1 }, batchSize: 8, limit: 10 });
    expect(first.tagged).toEqual({ conversation: 10, ticket: 10, survey: 10 });
    const rest = await runNlpJob(db.get(), tagger, { shard: { k: 0, n: 1 }, batchSize: 8 });
    expect(rest.tagged).toEqual({ conversation: N_CONV - 10, ticket: N_TICKETS - 10, survey: WITH_COMMENT - 10 });
    // Without FINAL: no record was written twice.
    expect(await count("nlp_results", tagger.version)).toBe(TOTAL);
  });

  it("writes language, sentiment, keywords, topics and redacted text for every kind", async () => {
    const zh = await result("CV000");
    expect(zh).toMatchObject({ record_kind: "conversation", language: "zh", topics: ["login_account"], compliance_misses: [], pii_kinds: ["mobile"] });
    expect(zh!.redacted_text[3]).toBe("手机号[PHONE]。");
    expect(zh!.utt_sentiment).toHaveLength(9);
    expect(zh!.sentiment_end).toBeGreaterThan(0);
    expect(zh!.keywords.length).toBeGreaterThan(2);
    const en = await result("CV001");
    expect(en).toMatchObject({ language: "en", topics: ["billing_invoice"] });
    const ticket = await result("TK000");
    expect(ticket).toMatchObject({ record_kind: "ticket", language: "zh", topics: ["billing_invoice"], pii_kinds: ["mobile"] });
    expect(ticket!.redacted_text).toEqual(["发票抬头开错了", "请重新开一张专票，联系电话[PHONE]。"]);
    const enTicket = await result("TK001");
    expect(enTicket!.redacted_text[1]).toBe("Please reissue it, reach me at [EMAIL].");
    const happy = await result("SV000");
    const angry = await result("SV001");
    expect(happy!.record_kind).toBe("survey");
    expect(happy!.sentiment).toBeGreaterThan(0.2);
    expect(angry!.sentiment).toBeLessThan(-0.2);
    expect(await result("SV002")).toBeUndefined(); // no comment, nothing to tag
  });

  it("raises QA flags with reason and redacted evidence", async () => {
    const f = await flags("CV004"); // angry zh call, customer C4, first contact
    const names = f.map((x) => x.flag);
    expect(names).toEqual(expect.arrayContaining(["escalation", "negative_end", "compliance:closing", "compliance:forbidden_phrases"]));
    const escalation = f.find((x) => x.flag === "escalation")!;
    expect(escalation.evidence).toBe(ANGRY_ZH[4]![3]);
    expect(escalation.utterance_index).toBe(4);
    expect(escalation.reason).toMatch(/投诉/);
    expect((await result("CV004"))!.redacted_text[3]).toBe("身份证号[ID]。");
    expect((await result("CV004"))!.compliance_misses.sort()).toEqual(["closing", "forbidden_phrases"]);
  });

  it("flags a repeat contact by the same customer within 7 days, not beyond", async () => {
    expect((await flags("CVF0")).map((x) => x.flag)).not.toContain("repeat_contact");
    expect((await flags("CVF1")).map((x) => x.flag)).not.toContain("repeat_contact");
    const repeat = (await flags("CVF2")).find((x) => x.flag === "repeat_contact");
    expect(repeat?.evidence).toBe("CVF1");
    expect(repeat?.reason).toMatch(/within 7 days/);
    // Customer C0 calls on 03-01 (CV000), 03-02 (CV021), 03-03 (CV042), 03-08 (CV007): the latest earlier one is named.
    expect((await flags("CV021")).find((x) => x.flag === "repeat_contact")?.evidence).toBe("CV000");
    expect((await flags("CV007")).find((x) => x.flag === "repeat_contact")?.evidence).toBe("CV042");
  });

  it("a re-run is idempotent: nothing left to tag, nothing written", async () => {
    const before = { results: await count("nlp_results", tagger.version), flags: await count("qa_flags", tagger.version) };
    const again = await runNlpJob(db.get(), tagger, { shard: { k: 0, n: 1 } });
    expect(again.tagged).toEqual({ conversation: 0, ticket: 0, survey: 0 });
    expect({ results: await count("nlp_results", tagger.version), flags: await count("qa_flags", tagger.version) }).toEqual(before);
  });

  it("a taxonomy change re-tags everything under the new version (a job, not a migration)", async () => {
    const edited = editedTagger("invoice_title", "抬头");
    expect(edited.version).not.toBe(tagger.version);
    const run = await runNlpJob(db.get(), edited, { shard: { k: 0, n: 1 }, batchSize: 50 });
    expect(run.tagged).toEqual({ conversation: N_CONV, ticket: N_TICKETS, survey: WITH_COMMENT });
    expect((await result("TK000", edited.version))!.topics).toEqual(["billing_invoice", "invoice_title"]);
    // The old version's rows are still there for comparison.
    expect((await result("TK000"))!.topics).toEqual(["billing_invoice"]);
  });

  it("N workers with different k cover every record exactly once", async () => {
    const sharded = editedTagger("shard_check", "shardcheck");
    const runs = await Promise.all([0, 1, 2].map((k) => runNlpJob(db.get(), sharded, { shard: { k, n: 3 }, batchSize: 9 })));
    const perWorker = runs.map((r) => r.tagged.conversation + r.tagged.ticket + r.tagged.survey);
    expect(perWorker.every((n) => n > 0)).toBe(true);
    expect(perWorker.reduce((a, b) => a + b, 0)).toBe(TOTAL);
    const dupes = await db.get().query(
      "test.dupes",
      sql`SELECT record_id, count() AS c FROM nlp_results WHERE tagger_version = ${sharded.version} GROUP BY record_id HAVING c != 1`,
    );
    expect(dupes).toEqual([]);
    expect(await count("nlp_results", sharded.version)).toBe(TOTAL);
  });

  it("worker threads (--workers 2) tag every record exactly once, as one thread does", async () => {
    // A phrase no record contains: a new version whose results must equal the first run's.
    const threaded = editedTagger("thread_check", "threadcheckphrase");
    const logs: string[] = [];
    // One record per batch: each worker's ids span several pages of nextIds.
    const run = await runNlpWorkers(db.get().config, threaded.config, { shard: { k: 0, n: 1 }, workers: 2, batchSize: 1, log: (l) => logs.push(l) });
    expect(run.tagged).toEqual({ conversation: N_CONV, ticket: N_TICKETS, survey: WITH_COMMENT });
    expect(logs.some((l) => l.startsWith("[worker 1/2]"))).toBe(true);
    expect(logs.some((l) => l.startsWith("[worker 2/2]"))).toBe(true);
    expect(await count("nlp_results", threaded.version)).toBe(TOTAL); // without FINAL: nothing written twice
    const columns = z.object({ record_kind: z.string(), record_id: z.string(), tagger_version: z.string(), language: z.string(), sentiment: z.number(), utt_sentiment: z.array(z.number()), keywords: z.array(z.string()), topics: z.array(z.string()), redacted_text: z.array(z.string()), compliance_misses: z.array(z.string()) });
    const rows = await db.get().query(
      "test.compare",
      sql`SELECT record_kind, record_id, tagger_version, language, sentiment, utt_sentiment, keywords, topics, redacted_text, compliance_misses
          FROM nlp_results FINAL WHERE tagger_version IN (${tagger.version}, ${threaded.version}) ORDER BY record_kind, record_id, tagger_version = ${threaded.version}`,
      columns,
    );
    const strip = (r: z.infer<typeof columns>) => ({ ...r, tagger_version: "" });
    for (let i = 0; i < rows.length; i += 2) expect(strip(rows[i + 1]!)).toEqual(strip(rows[i]!));
    expect(rows).toHaveLength(2 * TOTAL);
    const flagCount = async (version: string) =>
      (await db.get().query("test.flagCount", sql`SELECT count() AS n FROM qa_flags FINAL WHERE tagger_version = ${version}`, countRow))[0]!.n;
    expect(await flagCount(threaded.version)).toBe(await flagCount(tagger.version));
  });
});
