import { createReadStream } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeStream } from "../../jobs/ingest/decode";
import { loadMapping, Mapping, MappingError, MappingSchema } from "../../jobs/ingest/mapping";
import { readRecords } from "../../jobs/ingest/read-records";
import type { RecordKind } from "../../server/ingest/fields";
import { validateRecord, type CanonicalRecord, type Refusal } from "../../server/ingest/validate";

const fixture = (name: string) => path.resolve("tests/fixtures/ingest", name);
const shipped = (name: string) => path.resolve("mappings", name);
const NOW = Date.parse("2026-01-01T00:00:00Z");

/** A file through the same steps as a load, without a database: read, map, validate. */
async function run(file: string, kind: RecordKind, mapping: Mapping) {
  const accepted: (CanonicalRecord & { line: number })[] = [];
  const rejected: (Refusal & { line: number })[] = [];
  for await (const batch of readRecords(decodeStream(createReadStream(file)), "auto")) {
    for (const r of batch) {
      const mapped = mapping.apply(r);
      if (!mapped.ok) {
        rejected.push({ ...mapped.refusal, line: r.line });
        continue;
      }
      const v = validateRecord(kind, mapped.candidate, NOW);
      if (v.ok) accepted.push({ ...v.record, line: r.line });
      else rejected.push({ ...v.refusal, line: r.line });
    }
  }
  return { accepted, rejected };
}

const iso = (ms: unknown) => new Date(ms as number).toISOString();

describe("shipped mappings on their synthetic samples", () => {
  it("Zendesk: renames, status/priority/channel maps, default priority, tags split on spaces, first reply from minutes", async () => {
    const { accepted, rejected } = await run(fixture("zendesk-tickets.csv"), "tickets", loadMapping(shipped("zendesk-tickets.yaml"), "tickets"));
    expect(accepted.map((t) => t.id)).toEqual(["1001", "1002", "1003"]);
    expect(accepted[0]).toMatchObject({ status: "resolved", priority: "P1", channel: "email", team: "Billing", customer_id: "5001", tags: ["billing", "refund"], reopen_count: 0 });
    expect(iso(accepted[0]!.first_response_at)).toBe("2025-03-03T09:40:00.000Z");
    expect(iso(accepted[0]!.updated_at)).toBe("2025-03-03T13:00:00.000Z");
    expect(accepted[0]!.description).toContain('invoice "INV-77"');
    expect(accepted[1]).toMatchObject({ status: "open", priority: "P0", channel: "web", first_response_at: null });
    expect(accepted[2]).toMatchObject({ status: "pending", priority: "P2", channel: "chat", agent: "" });
    expect(rejected.map((r) => [r.line, r.reason, r.field])).toEqual([
      [6, "time_order", "resolved_at"],
      [7, "invalid_enum", "priority"],
    ]);
  });

  it("Chinese headers: 工单号/创建时间/…, 紧急 → P0, 已解决 → resolved, Beijing time, 、-separated tags", async () => {
    const { accepted, rejected } = await run(fixture("tickets-zh.csv"), "tickets", loadMapping(shipped("zh-tickets.yaml"), "tickets"));
    expect(accepted.map((t) => t.id)).toEqual(["ZH-0001", "ZH-0002"]);
    expect(accepted[0]).toMatchObject({ status: "resolved", priority: "P0", channel: "phone", sla_tier: "enterprise", escalation_level: "L1", tags: ["发票", "退款"], language: "zh" });
    expect(iso(accepted[0]!.created_at)).toBe("2025-03-01T01:00:00.000Z");
    expect(iso(accepted[0]!.first_response_at)).toBe("2025-03-01T01:00:25.000Z");
    expect(accepted[0]!.description).toBe("客户说：发票金额与合同不符，\n要求重开发票");
    expect(accepted[1]).toMatchObject({ status: "open", priority: "P1", channel: "wechat", escalation_level: "L2", sla_tier: "advanced" });
    expect(iso(accepted[1]!.created_at)).toBe("2025-03-02T06:05:00.000Z");
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [5, "time_order"],
      [6, "invalid_enum"],
    ]);
  });

  it("the GBK file gives exactly the records of the UTF-8 one", async () => {
    const mapping = loadMapping(shipped("zh-tickets.yaml"), "tickets");
    const utf8 = await run(fixture("tickets-zh.csv"), "tickets", mapping);
    const gbk = await run(fixture("tickets-zh-gbk.csv"), "tickets", mapping);
    expect(gbk).toEqual(utf8);
  });

  it("NYC 311: US dates in New York time, agency as team, channel map, constant priority", async () => {
    const { accepted, rejected } = await run(fixture("nyc311-mini.csv"), "tickets", loadMapping(shipped("nyc311-tickets.yaml"), "tickets"));
    expect(accepted[0]).toMatchObject({ id: "90000001", status: "closed", channel: "web", team: "NYPD", category: "Noise - Street/Sidewalk", region: "BROOKLYN", priority: "P2" });
    expect(iso(accepted[0]!.created_at)).toBe("2018-06-26T14:58:54.000Z");
    expect(iso(accepted[0]!.closed_at)).toBe("2018-06-26T16:50:01.000Z");
    expect(accepted[1]).toMatchObject({ status: "pending", channel: "phone", closed_at: null });
    expect(iso(accepted[1]!.created_at)).toBe("2018-11-04T05:30:00.000Z"); // 01:30 EDT, before the clocks went back
    expect(rejected).toMatchObject([{ line: 4, reason: "time_order", field: "resolved_at" }]);
  });

  it("STC-3: customer/helpdesk turns become one utterance per message, ids prefixed per language", async () => {
    const { accepted, rejected } = await run(fixture("stc3-mini.json"), "conversations", loadMapping(shipped("stc3-dialogues-zh.yaml"), "conversations"));
    expect(rejected).toEqual([]);
    expect(accepted.map((c) => c.id)).toEqual(["stc3-zh-3830401296796826", "stc3-zh-3830401296796999"]);
    expect(accepted[0]!.utterances).toEqual([
      { speaker: "customer", start_ms: 0, end_ms: 0, text: "宽带又断了，怎么回事？" },
      { speaker: "customer", start_ms: 0, end_ms: 0, text: "已经第三次了" },
      { speaker: "agent", start_ms: 0, end_ms: 0, text: "您好，请私信您的宽带账号，我们马上为您查询。" },
    ]);
    expect(accepted[1]).toMatchObject({ channel: "social", language: "zh", handled_by: "agent" });
  });
});

describe("writing a mapping", () => {
  it("refuses unknown keys, unknown fields and unknown timezones with a message naming them", () => {
    expect(MappingSchema.safeParse({ colums: {} }).success).toBe(false);
    expect(() => new Mapping("tickets", MappingSchema.parse({ columns: { ticket_no: "Id" } }))).toThrow(/columns.ticket_no is not a field of tickets/);
    expect(() => new Mapping("tickets", MappingSchema.parse({ dates: { timezone: "Mars/Base" } }))).toThrow(MappingError);
    expect(() => new Mapping("tickets", MappingSchema.parse({ utterances: { from: "turns" } }))).toThrow(/only apply to conversations/);
  });

  it("joins several columns, falls back with '*', and reports a date that does not match the format", () => {
    const mapping = new Mapping(
      "tickets",
      MappingSchema.parse({
        columns: { id: "No", description: ["A", "B"], channel: "Via" },
        values: { channel: { Phone: "phone", "*": "other" } },
        dates: { format: "DD.MM.YYYY HH:mm" },
      }),
    );
    const ok = mapping.apply({ value: { No: 7, A: "first", B: "", Via: "Pigeon", created_at: "01.03.2025 10:00" } });
    expect(ok.ok && ok.candidate).toMatchObject({ id: 7, description: "first", channel: "other" });
    expect(ok.ok && iso((ok.candidate.created_at as Date).getTime())).toBe("2025-03-01T10:00:00.000Z");
    const bad = mapping.apply({ value: { No: 8, created_at: "2025-03-01" } });
    expect(bad).toMatchObject({ ok: false, refusal: { field: "created_at", reason: "invalid_date" } });
  });
});
