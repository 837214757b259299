import { describe, expect, it } from "vitest";
import type { RecordKind } from "../../server/ingest/fields";
import { toRow } from "../../server/ingest/rows";
import { validateRecord } from "../../server/ingest/validate";

const NOW = Date.parse("2025-06-01T00:00:00Z");
const ticket = { id: "T1", created_at: "2025-03-01T08:00:00Z", status: "open", priority: "P2", channel: "phone" };
const conversation = { id: "C1", channel: "chat", started_at: "2025-03-01T08:00:00Z" };
const survey = { id: "S1", responded_at: "2025-03-01T08:00:00Z", kind: "nps", score: 9 };

function refusal(kind: RecordKind, record: Record<string, unknown>) {
  const v = validateRecord(kind, record, NOW);
  return v.ok ? null : v.refusal;
}

describe("validateRecord: every bad-input class gets its reason and field", () => {
  it.each([
    ["missing required field", "tickets", { ...ticket, created_at: "" }, "required", "created_at"],
    ["blank id", "tickets", { ...ticket, id: "  " }, "required", "id"],
    ["wrong type", "tickets", { ...ticket, reopen_count: "two" }, "invalid_type", "reopen_count"],
    ["value outside the enum", "tickets", { ...ticket, priority: "urgent" }, "invalid_enum", "priority"],
    ["unparseable date", "tickets", { ...ticket, created_at: "2025-02-30 10:00" }, "invalid_date", "created_at"],
    ["resolved before created", "tickets", { ...ticket, resolved_at: "2025-02-28T00:00:00Z" }, "time_order", "resolved_at"],
    ["first response before created", "tickets", { ...ticket, first_response_at: "2025-03-01T07:59:59Z" }, "time_order", "first_response_at"],
    ["timestamp in the future", "tickets", { ...ticket, created_at: "2025-06-02T00:00:00Z" }, "future_timestamp", "created_at"],
    ["subject too long", "tickets", { ...ticket, subject: "x".repeat(1001) }, "too_long", "subject"],
    ["too many tags", "tickets", { ...ticket, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }, "too_many", "tags"],
    ["id with a line break", "tickets", { ...ticket, id: "T\n1" }, "invalid_text", "id"],
    ["negative count", "tickets", { ...ticket, reopen_count: -1 }, "out_of_range", "reopen_count"],
    ["ended before answered", "conversations", { ...conversation, answered_at: "2025-03-01T08:05:00Z", ended_at: "2025-03-01T08:01:00Z" }, "time_order", "ended_at"],
    ["utterance ends before it starts", "conversations", { ...conversation, utterances: [{ speaker: "agent", start_ms: 500, end_ms: 100, text: "hi" }] }, "time_order", "utterances.0.end_ms"],
    ["unknown speaker", "conversations", { ...conversation, utterances: [{ speaker: "robot", text: "hi" }] }, "invalid_enum", "utterances.0.speaker"],
    ["utterances not JSON", "conversations", { ...conversation, utterances: "[{" }, "invalid_type", "utterances"],
    ["NPS above 10", "surveys", { ...survey, score: 11 }, "out_of_range", "score"],
    ["CSAT 0", "surveys", { ...survey, kind: "csat", score: 0 }, "out_of_range", "score"],
    ["CES 8", "surveys", { ...survey, kind: "ces", score: "8" }, "out_of_range", "score"],
    ["fractional score", "surveys", { ...survey, score: 7.5 }, "invalid_type", "score"],
    ["unknown survey kind", "surveys", { ...survey, kind: "stars" }, "invalid_enum", "kind"],
    ["numeric id beyond 2^53 (digits already lost)", "tickets", { ...ticket, id: 12345678901234567890 }, "invalid_type", "id"],
  ] as const)("%s → %s", (_name, kind, record, reason, field) => {
    expect(refusal(kind, record)).toMatchObject({ reason, field });
  });

  it("explains an enum refusal with the value given and the values allowed", () => {
    expect(refusal("tickets", { ...ticket, priority: "urgent" })?.message).toBe('priority "urgent" is not one of P0, P1, P2, P3');
  });
});

describe("validateRecord: what is accepted", () => {
  it("coerces CSV text: numbers, booleans (also 是/否), enums in any case, tags in three spellings, \\N as empty", () => {
    const t = validateRecord("tickets", { ...ticket, priority: "p1", channel: "WeChat", reopen_count: "2", tags: "a; b|c", closed_at: "\\N" }, NOW);
    expect(t.ok && t.record).toMatchObject({ priority: "P1", channel: "wechat", reopen_count: 2, tags: ["a", "b", "c"], closed_at: null });
    for (const tags of ['["a","b"]', "['a','b']", "a,b"]) {
      const v = validateRecord("tickets", { ...ticket, tags }, NOW);
      expect(v.ok && v.record.tags).toEqual(["a", "b"]);
    }
    const c = validateRecord("conversations", { ...conversation, abandoned: "是", bot_resolved: "0" }, NOW);
    expect(c.ok && [c.record.abandoned, c.record.bot_resolved]).toEqual([true, false]);
  });

  it("fills defaults and builds the table row (timestamps as UTC text, utterances as arrays)", () => {
    const v = validateRecord(
      "conversations",
      { ...conversation, started_at: "2025-03-01T16:00:00+08:00", utterances: [{ speaker: "bot", text: "您好" }, { speaker: "customer", start_ms: 10, end_ms: 20, text: "hi" }] },
      NOW,
    );
    if (!v.ok) throw new Error(v.refusal.message);
    const row = toRow("conversations", v.record, "src");
    expect(row).toMatchObject({
      started_at: "2025-03-01 08:00:00",
      answered_at: null,
      direction: "inbound",
      handled_by: "bot",
      utt_speaker: ["bot", "customer"],
      utt_start_ms: [0, 10],
      utt_end_ms: [0, 20],
      utt_text: ["您好", "hi"],
      source: "src",
    });
  });

  it("accepts every score on each scale's edges", () => {
    for (const [kind, lo, hi] of [["nps", 0, 10], ["csat", 1, 5], ["ces", 1, 7]] as const) {
      expect(validateRecord("surveys", { ...survey, kind, score: lo }, NOW).ok).toBe(true);
      expect(validateRecord("surveys", { ...survey, kind, score: hi }, NOW).ok).toBe(true);
    }
  });
});
