import { describe, expect, it } from "vitest";
import { formatDateTime } from "../../server/clickhouse/sql";
import { tsvLine } from "../../server/clickhouse/tsv";
import { CONTENT_COLUMNS, contentLine, toRow } from "../../server/ingest/rows";
import { validateRecord } from "../../server/ingest/validate";

const NOW = Date.parse("2105-12-31T00:00:00Z");

describe("a record's row and its TabSeparated line", () => {
  it("formats every time as ClickHouse does, over the whole DateTime range", () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const times = [0, 999, 86_399_999, 86_400_000, Date.parse("2024-02-29T23:59:59.999Z"), Date.parse("2105-12-30T23:59:59Z")];
    for (let i = 0; i < 2000; i++) times.push(Math.floor(next() * Date.parse("2105-12-30T00:00:00Z")));
    for (const ms of times) {
      const v = validateRecord("surveys", { id: "S", responded_at: new Date(ms), kind: "nps", score: 5 }, NOW);
      expect(v.ok).toBe(true);
      if (!v.ok) continue;
      expect(toRow("surveys", v.record, "s").responded_at).toBe(formatDateTime(new Date(ms)));
    }
  });

  it("the line is the row's values in CONTENT_COLUMNS order, for each kind", () => {
    const records = {
      tickets: { id: "T1", created_at: "2025-03-01T08:00:00Z", status: "open", priority: "P2", channel: "phone", tags: "a;b", subject: "tab\there" },
      conversations: { id: "C1", channel: "chat", started_at: "2025-03-01T08:00:00Z", utterances: [{ speaker: "bot", text: "it's" }], abandoned: "yes" },
      surveys: { id: "S1", responded_at: "2025-03-01T08:00:00Z", kind: "csat", score: 4, comment: "好\n的" },
    } as const;
    for (const [kind, record] of Object.entries(records) as [keyof typeof records, Record<string, unknown>][]) {
      const v = validateRecord(kind, record, NOW);
      if (!v.ok) throw new Error(v.refusal.message);
      const row = toRow(kind, v.record, "src");
      expect(Object.keys(row)).toEqual(CONTENT_COLUMNS[kind]);
      expect(contentLine(kind, v.record, "src")).toBe(tsvLine(CONTENT_COLUMNS[kind].map((c) => row[c])));
    }
  });
});
