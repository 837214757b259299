import { describe, expect, it } from "vitest";
import { FIELDS, type FieldSpec, type RecordKind } from "../../server/ingest/fields";
import { checkPrepared, prepareRecord } from "../../server/ingest/prepare";
import { validateFully } from "../../server/ingest/validate";

/**
 * The fast path (prepare.ts) must accept exactly what the full schema accepts, with the same
 * record: every field of every kind is given values of each kind that exports hold, good and bad.
 */

const BASE: Record<RecordKind, Record<string, unknown>> = {
  tickets: { id: "T1", created_at: "2025-03-01T08:00:00Z", status: "open", priority: "P2", channel: "phone" },
  conversations: { id: "C1", channel: "chat", started_at: "2025-03-01T08:00:00Z" },
  surveys: { id: "S1", responded_at: "2025-03-01T08:00:00Z", kind: "nps", score: 9 },
};

const lone = "a\uD800b";
const COMMON: unknown[] = [undefined, null, "", "  ", "\\N", " \\N ", 0, 1, -1, 2.5, true, false, {}, [], "x", " padded ", lone, "\u0001ctl", new Date(Number.NaN)];

function valuesFor(spec: FieldSpec): unknown[] {
  switch (spec.type) {
    case "id":
      return ["A-1", " B2 ", 12345, 2 ** 60, "x".repeat(128), "x".repeat(129), "T\n1", "T\t1", "中文号", "q'uote\\"];
    case "string":
      return ["hello", "中文 text", "x".repeat(spec.max), "x".repeat(spec.max + 1), 42, "tab\there", "line\nbreak"];
    case "enum":
      return [...spec.values, ...spec.values.map((v) => v.toUpperCase()), ...spec.values.map((v) => ` ${v} `), "nonsense"];
    case "timestamp":
      return [
        "2025-03-01T09:00:00Z", "2025-03-01 09:00:00", "2025-03-01T09:00:00+08:00", "2025-02-30 10:00", "2025/3/1 9:00",
        "not a date", new Date("2025-03-01T10:00:00Z"), 1_740_000_000_000, "2025-03-01",
      ];
    case "int":
      return [spec.min, spec.max, spec.min - 1, spec.max + 1, "7", " 7 ", "+3", "3.0", "3.5", "1e3", "seven", 7.0, Number.NaN, Infinity];
    case "bool":
      return ["true", "FALSE", "yes", "否", "是", 1, 0, 2, "maybe", true];
    case "tags":
      return [
        "a; b|c", "['a','b']", '["a","b"]', "a,b", "[1,2]", "['unclosed", '["a",', ["x", "y"], ["x", 3], Array.from({ length: 51 }, (_, i) => `t${i}`),
        ["y".repeat(101)], [lone],
      ];
    case "utterances":
      return [
        [{ speaker: "agent", text: "hi" }],
        [{ speaker: "Customer", start_ms: "100", end_ms: 250, text: "好的" }],
        [{ speaker: "bot", start_ms: 5, end_ms: 1, text: "x" }],
        [{ speaker: "robot", text: "x" }],
        [{ speaker: "agent", text: 3 }],
        [{ speaker: "agent" }],
        [{ speaker: "agent", text: "x", start_ms: null }],
        [{ speaker: "agent", text: "x", start_ms: -1 }],
        [{ speaker: "agent", text: "x", extra: "dropped" }],
        [["agent", "x"]],
        [null],
        '[{"speaker":"agent","text":"from json"}]',
        "[{",
      ];
  }
}

function agree(kind: RecordKind, candidate: Record<string, unknown>): void {
  const full = validateFully(kind, candidate);
  const prepared = prepareRecord(kind, candidate);
  const fast = prepared && checkPrepared(kind, prepared) ? prepared : null;
  const label = JSON.stringify(candidate, (_k, v: unknown) => (v === undefined ? "(undefined)" : v));
  expect(fast !== null, `fast path ${fast ? "accepts" : "refuses"} ${label}`).toBe(full.ok);
  if (fast && full.ok) expect(fast, label).toEqual(full.record);
}

describe("prepareRecord + checkPrepared agree with the full schema", () => {
  for (const kind of Object.keys(FIELDS) as RecordKind[]) {
    it(`${kind}: every field, good and bad values`, () => {
      let cases = 0;
      for (const [field, spec] of Object.entries(FIELDS[kind])) {
        for (const value of [...COMMON, ...valuesFor(spec)]) {
          agree(kind, { ...BASE[kind], [field]: value });
          cases++;
        }
      }
      agree(kind, BASE[kind]);
      expect(cases).toBeGreaterThan(200);
    });
  }

  it("takes the fast path for ordinary CSV text (else it would only be slow, not wrong)", () => {
    const csvTicket = {
      ...BASE.tickets,
      first_response_at: "2025-03-01T08:10:00Z",
      resolved_at: "\\N",
      priority: "p1",
      reopen_count: "0",
      tags: "['vip','billing']",
      subject: "发票金额不对",
    };
    const prepared = prepareRecord("tickets", csvTicket);
    expect(prepared && checkPrepared("tickets", prepared)).toBe(true);
    expect(prepared).toMatchObject({ priority: "P1", reopen_count: 0, tags: ["vip", "billing"], resolved_at: null, sla_tier: "basic" });
  });
});
