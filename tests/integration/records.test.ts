import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadConfig } from "../../jobs/nlp/config";
import { runNlpJob } from "../../jobs/nlp/job";
import { Tagger } from "../../jobs/nlp/tagger";
import type { Caller } from "../../server/auth/caller";
import { sql } from "../../server/clickhouse/sql";
import { createCaller } from "../../server/routers/root";
import { conversationRow, surveyRow, ticketRow } from "../fixtures/factories";
import { testCaller } from "../helpers/callers";
import { withTestDb } from "../helpers/test-db";

/** Record pages: redacted by default, unredacted only with the permission and always logged, scopes hold. */
const db = withTestDb("records");

const PHONE = "13812345678";
const PRC_ID = "11010519491231002X";
const EMAIL = "zhang.wei@example.com";
const TEAM = "L1-zh";
const OTHER_TEAM = "L2-en";

const ts = (seconds: number) => new Date(Date.UTC(2026, 5, 10, 2, 0, 0) + seconds * 1000).toISOString().replace(".000Z", "Z");
const utterances = (list: [speaker: string, text: string][]) => ({
  utt_speaker: list.map(([s]) => s),
  utt_start_ms: list.map((_, i) => i * 10_000),
  utt_end_ms: list.map((_, i) => i * 10_000 + 8_000),
  utt_text: list.map(([, t]) => t),
});

const CV1 = utterances([
  ["agent", "您好，这里是云服务客服，请问有什么可以帮您？"],
  ["customer", `我的手机号是${PHONE}，身份证号${PRC_ID}，账号被锁了。`],
  ["agent", "好的，我帮您核实一下。"],
  ["customer", "等了这么久还没解决，太差了，我要投诉！"],
]);

const STALE_V1 = utterances([["customer", "没问题"]]);

function ctx(caller: Caller) {
  return { caller, db: db.get(), timezone: "Asia/Shanghai", fcrWindowDays: 7, now: () => new Date("2026-07-01T00:00:00Z"), ip: "203.0.113.9" };
}
const api = (caller: Caller) => createCaller(ctx(caller));

async function auditRows(target: string) {
  return db
    .get()
    .query(
      "test.audit",
      sql`SELECT actor_id, actor_role, action, target, ip FROM audit_log WHERE target = ${target} ORDER BY at`,
      z.object({ actor_id: z.string(), actor_role: z.string(), action: z.string(), target: z.string(), ip: z.string() }),
    );
}

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

beforeAll(async () => {
  const dbx = db.get();
  await dbx.insert("test", "tickets", [
    ticketRow({
      id: "T-1",
      created_at: ts(0),
      first_response_at: ts(600),
      resolved_at: ts(7200),
      status: "resolved",
      subject: `账号被锁，请回电 ${PHONE}`,
      description: `身份证 ${PRC_ID}`,
      team: TEAM,
      agent: "王芳",
    }),
    ticketRow({ id: "T-OTHER", created_at: ts(10), team: OTHER_TEAM, agent: "Bob" }),
  ]);
  await dbx.insert("test", "conversations", [
    conversationRow({ id: "CV-1", started_at: ts(60), ticket_id: "T-1", team: TEAM, agent: "王芳", talk_seconds: 40, ...CV1 }),
    // Same ticket, another team: a manager of TEAM sees the ticket but not this conversation.
    conversationRow({ id: "CV-2", started_at: ts(3600), ticket_id: "T-1", team: OTHER_TEAM, agent: "Bob", ...utterances([["customer", "Any update?"]]) }),
    // Moved to another ticket by a later version: no longer listed under T-1.
    conversationRow({ id: "CV-MOVED", started_at: ts(120), ticket_id: "T-1", team: TEAM, agent: "王芳", version: 1 }),
    conversationRow({ id: "CV-MOVED", started_at: ts(120), ticket_id: "T-OTHER", team: TEAM, agent: "王芳", version: 2 }),
    conversationRow({ id: "CV-STALE", started_at: ts(200), team: TEAM, agent: "王芳", ...STALE_V1 }),
  ]);
  await dbx.insert("test", "survey_responses", [
    surveyRow({ id: "S-1", responded_at: ts(8000), kind: "csat", score: 2, comment: `太慢了，发邮件到 ${EMAIL}`, ticket_id: "T-1", conversation_id: "CV-1", team: TEAM, agent: "王芳" }),
  ]);
  await runNlpJob(dbx, new Tagger(loadConfig()), { shard: { k: 0, n: 1 } });
  // Loaded after the tagging run: not tagged yet.
  await dbx.insert("test", "conversations", [
    conversationRow({ id: "CV-NEW", started_at: ts(9000), team: TEAM, agent: "王芳", ...utterances([["customer", `回电 ${PHONE}`]]) }),
  ]);
}, 180_000);

describe("records.conversation", () => {
  it("shows the tagger's redacted text by default: no phone or ID number that the raw text has", async () => {
    const raw = await db.get().query("test.raw", sql`SELECT utt_text FROM conversations WHERE id = 'CV-1'`, z.object({ utt_text: z.array(z.string()) }));
    expect(raw[0]!.utt_text.join("\n")).toContain(PHONE);
    expect(raw[0]!.utt_text.join("\n")).toContain(PRC_ID);

    for (const role of ["admin", "manager", "qa", "exec"] as const) {
      const record = await api(testCaller(role)).records.conversation({ id: "CV-1" });
      const text = record.utterances.map((u) => u.text).join("\n");
      expect(record.text, role).toBe("redacted_by_tagger");
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain(PRC_ID);
      expect(text).toContain("[PHONE]");
      expect(text).toContain("[ID]");
    }
  });

  it("returns the transcript, per-utterance sentiment, tagging facts and QA flags pointing at their utterance", async () => {
    const record = await api(testCaller("qa")).records.conversation({ id: "CV-1" });
    expect(record).toMatchObject({ id: "CV-1", team: TEAM, agent: "王芳", ticketId: "T-1", channel: "phone", timezone: "Asia/Shanghai" });
    expect(record.startedAt.text).toBe("2026-06-10 10:01:00");
    expect(record.utterances.map((u) => [u.index, u.speaker, u.startMs, u.endMs])).toEqual([
      [0, "agent", 0, 8000],
      [1, "customer", 10000, 18000],
      [2, "agent", 20000, 28000],
      [3, "customer", 30000, 38000],
    ]);
    for (const u of record.utterances) expect(typeof u.sentiment).toBe("number");
    expect(record.tagging).toMatchObject({ stale: false, language: "zh" });
    expect(record.tagging!.piiKinds).toEqual(expect.arrayContaining(["mobile", "prc_id"]));
    const escalation = record.flags.find((f) => f.flag === "escalation");
    expect(escalation).toMatchObject({ utteranceIndex: 3 });
    expect(escalation!.evidence).toContain("投诉");
    for (const f of record.flags) expect(f.evidence).not.toContain(PHONE);
    expect(record.surveys.map((s) => s.id)).toEqual(["S-1"]);
    expect(record.surveys[0]!.comment).not.toContain(EMAIL);
  });

  it("redacts on the fly a conversation the tagger has not seen yet", async () => {
    const record = await api(testCaller("manager")).records.conversation({ id: "CV-NEW" });
    expect(record.text).toBe("redacted_on_the_fly");
    expect(record.tagging).toBeNull();
    expect(record.flags).toEqual([]);
    expect(record.utterances[0]!.text).toBe("回电 [PHONE]");
    expect(record.utterances[0]!.sentiment).toBeNull();
  });

  it("redacts on the fly when the record changed after it was tagged", async () => {
    // A later version of CV-STALE with one more utterance, loaded after the tagging run.
    const later = new Date(Date.now() + 60_000).toISOString().slice(0, 19).replace("T", " ");
    await db.get().insert("test", "conversations", [
      {
        ...conversationRow({ id: "CV-STALE", started_at: ts(200), team: TEAM, agent: "王芳", version: 2, ...STALE_V1 }),
        utt_speaker: [...STALE_V1.utt_speaker, "customer"],
        utt_start_ms: [...STALE_V1.utt_start_ms, 40_000],
        utt_end_ms: [...STALE_V1.utt_end_ms, 41_000],
        utt_text: [...STALE_V1.utt_text, `再说一遍：${PHONE}`],
        ingested_at: later,
      },
    ]);
    const record = await api(testCaller("qa")).records.conversation({ id: "CV-STALE" });
    expect(record.utterances).toHaveLength(2);
    expect(record.text).toBe("redacted_on_the_fly");
    expect(record.tagging!.stale).toBe(true);
    expect(record.utterances.map((u) => u.text)).toEqual(["没问题", "再说一遍：[PHONE]"]);
    expect(record.utterances[1]!.sentiment).toBeNull();
  });

  it("unredacted: FORBIDDEN for a manager (nothing logged), raw text and one audit row per view for qa and admin", async () => {
    expect(await codeOf(() => api(testCaller("manager")).records.conversation({ id: "CV-1", unredacted: true }))).toBe("FORBIDDEN");
    expect(await codeOf(() => api(testCaller("agent", { agentScope: "王芳" })).records.conversation({ id: "CV-1", unredacted: true }))).toBe("FORBIDDEN");
    expect(await auditRows("CV-1")).toEqual([]);

    const record = await api(testCaller("qa")).records.conversation({ id: "CV-1", unredacted: true });
    expect(record.text).toBe("unredacted");
    expect(record.utterances[1]!.text).toBe(CV1.utt_text[1]);
    expect(record.utterances.map((u) => u.text).join("\n")).toContain(PHONE);
    await api(testCaller("admin")).records.conversation({ id: "CV-1", unredacted: true });
    await api(testCaller("qa")).records.conversation({ id: "CV-1", unredacted: true });
    const rows = await auditRows("CV-1");
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatchObject({ action: "transcript.view_unredacted", target: "CV-1", ip: "203.0.113.9" });
    expect(rows.map((r) => r.actor_role).sort()).toEqual(["admin", "qa", "qa"]);
    // The default view is not logged.
    await api(testCaller("qa")).records.conversation({ id: "CV-1" });
    expect(await auditRows("CV-1")).toHaveLength(3);
  });

  it("a record outside the caller's scope is NOT_FOUND, exactly like an unknown id (and nothing is logged)", async () => {
    const otherManager = testCaller("manager", { teamScope: [OTHER_TEAM] });
    const otherAgent = testCaller("agent", { agentScope: "Bob" });
    const otherQa = testCaller("qa", { teamScope: [OTHER_TEAM] });
    expect(await codeOf(() => api(otherManager).records.conversation({ id: "CV-1" }))).toBe("NOT_FOUND");
    expect(await codeOf(() => api(otherAgent).records.conversation({ id: "CV-1" }))).toBe("NOT_FOUND");
    expect(await codeOf(() => api(otherQa).records.conversation({ id: "CV-1", unredacted: true }))).toBe("NOT_FOUND");
    expect(await codeOf(() => api(otherAgent).records.conversation({ id: "CV-2" }))).toBe("ok");
    expect(await codeOf(() => api(testCaller("agent", { agentScope: "王芳" })).records.conversation({ id: "CV-1" }))).toBe("ok");
    expect(await codeOf(() => api(testCaller("manager", { teamScope: [TEAM] })).records.conversation({ id: "CV-1" }))).toBe("ok");
    expect(await codeOf(() => api(testCaller("qa")).records.conversation({ id: "no-such-conversation" }))).toBe("NOT_FOUND");
    expect(await codeOf(() => api(testCaller("qa")).records.conversation({ id: "no-such-conversation", unredacted: true }))).toBe("NOT_FOUND");
    expect(await codeOf(() => api(testCaller("qa")).records.conversation({ id: "" }))).toBe("BAD_REQUEST");
    expect(await auditRows("no-such-conversation")).toEqual([]);
    expect(await auditRows("CV-1")).toHaveLength(3);
  });
});

describe("records.ticket", () => {
  it("shows the ticket redacted, its timeline, and the conversations and surveys in the caller's scope", async () => {
    const ticket = await api(testCaller("manager", { teamScope: [TEAM] })).records.ticket({ id: "T-1" });
    expect(ticket).toMatchObject({ id: "T-1", status: "resolved", team: TEAM, timezone: "Asia/Shanghai" });
    expect(ticket.subject).toBe("账号被锁，请回电 [PHONE]");
    expect(ticket.description).toBe("身份证 [ID]");
    expect(ticket.createdAt.text).toBe("2026-06-10 10:00:00");
    expect(ticket.firstResponseAt!.epoch - ticket.createdAt.epoch).toBe(600);
    expect(ticket.resolvedAt!.epoch - ticket.createdAt.epoch).toBe(7200);
    expect(ticket.closedAt).toBeNull();
    expect(ticket.conversations.map((c) => c.id)).toEqual(["CV-1"]);
    expect(ticket.surveys.map((s) => s.id)).toEqual(["S-1"]);
    expect(ticket.surveys[0]!.comment).toBe("太慢了，发邮件到 [EMAIL]");
    expect(ticket.tagging).not.toBeNull();

    const all = await api(testCaller("admin")).records.ticket({ id: "T-1" });
    expect(all.conversations.map((c) => c.id)).toEqual(["CV-1", "CV-2"]);
  });

  it("is NOT_FOUND outside the scope and for an unknown id", async () => {
    expect(await codeOf(() => api(testCaller("manager", { teamScope: [OTHER_TEAM] })).records.ticket({ id: "T-1" }))).toBe("NOT_FOUND");
    expect(await codeOf(() => api(testCaller("agent", { agentScope: "Bob" })).records.ticket({ id: "T-1" }))).toBe("NOT_FOUND");
    expect(await codeOf(() => api(testCaller("agent", { agentScope: "Bob" })).records.ticket({ id: "T-OTHER" }))).toBe("ok");
    expect(await codeOf(() => api(testCaller("admin")).records.ticket({ id: "T-404" }))).toBe("NOT_FOUND");
    // Hostile ids are values, never SQL; a lone surrogate cannot be sent at all.
    expect(await codeOf(() => api(testCaller("admin")).records.ticket({ id: "T-1' OR 1 = 1 --\\" }))).toBe("NOT_FOUND");
    expect(await codeOf(() => api(testCaller("admin")).records.conversation({ id: "\uD800" }))).toBe("BAD_REQUEST");
    expect(await codeOf(() => api(testCaller("admin")).records.survey({ id: "x".repeat(201) }))).toBe("BAD_REQUEST");
  });
});

describe("records.survey", () => {
  it("shows the response with its comment redacted; NOT_FOUND outside the scope or unknown", async () => {
    const survey = await api(testCaller("qa")).records.survey({ id: "S-1" });
    expect(survey).toMatchObject({ id: "S-1", kind: "csat", score: 2, ticketId: "T-1", conversationId: "CV-1" });
    expect(survey.comment).toBe("太慢了，发邮件到 [EMAIL]");
    expect(await codeOf(() => api(testCaller("manager", { teamScope: [OTHER_TEAM] })).records.survey({ id: "S-1" }))).toBe("NOT_FOUND");
    expect(await codeOf(() => api(testCaller("qa")).records.survey({ id: "S-404" }))).toBe("NOT_FOUND");
  });
});

describe("drill-down lists and exports mask free text", () => {
  const filter = { from: "2026-06-01", to: "2026-06-30" };

  it("ticket subjects and survey comments show no phone number or e-mail address, in the list and in the export", async () => {
    const tickets = await api(testCaller("manager")).drilldown.list({ target: "tickets", filter, pageSize: 50 });
    const t1 = tickets.rows.find((r) => r.id === "T-1")!;
    expect(t1.subject).toBe("账号被锁，请回电 [PHONE]");
    const csat = await api(testCaller("manager")).drilldown.list({ target: "csat", filter, pageSize: 50 });
    const s1 = csat.rows.find((r) => r.id === "S-1")!;
    expect(String(s1.comment)).not.toContain(EMAIL);
    expect(String(s1.comment)).toContain("[EMAIL]");

    const { exportDrilldown } = await import("../../server/kpi/export");
    const { queryContext } = await import("../../server/trpc/query-context");
    let csv = "";
    for await (const chunk of exportDrilldown(db.get(), queryContext(ctx(testCaller("manager")), testCaller("manager"), filter), "tickets", "csv")) csv += String(chunk);
    expect(csv).toContain("[PHONE]");
    expect(csv).not.toContain(PHONE);
  });
});
