import { describe, expect, it } from "vitest";
import { CsvParser, type CsvRecord } from "../../jobs/ingest/csv";

function parse(text: string, chunk = text.length || 1): CsvRecord[] {
  const parser = new CsvParser();
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk), out);
  parser.end(out);
  return out;
}

const tricky = 'id,subject,note\r\n1,"Invoice, wrong ""amount""","two\r\nlines"\r\n\r\n2,plain,\r\n3,"中文，逗号",last';

describe("CsvParser", () => {
  it("reads quoted commas, doubled quotes, line breaks inside quotes and CRLF", () => {
    const rows = parse(tricky);
    expect(rows.map((r) => r.fields)).toEqual([
      ["id", "subject", "note"],
      ["1", 'Invoice, wrong "amount"', "two\r\nlines"],
      ["2", "plain", ""],
      ["3", "中文，逗号", "last"],
    ]);
  });

  it("gives each record the line it starts on (blank lines skipped but counted) and its raw text", () => {
    const rows = parse(tricky);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 5, 6]);
    expect(rows[1]!.raw).toBe('1,"Invoice, wrong ""amount""","two\r\nlines"');
    expect(rows[3]!.raw).toBe('3,"中文，逗号",last');
  });

  it("gives the same records however the text is cut into chunks", () => {
    const whole = parse(tricky);
    for (const size of [1, 2, 3, 5, 7, 13]) expect(parse(tricky, size)).toEqual(whole);
  });

  it("reports a quote that is never closed as one unreadable record, keeping what came before", () => {
    const rows = parse('a,b\n1,ok\n2,"never closed\n3,x\n');
    expect(rows[1]!.fields).toEqual(["1", "ok"]);
    expect(rows[2]!.error).toMatch(/line 3 is never closed/);
    expect(rows[2]!.raw).toContain("3,x");
    expect(rows).toHaveLength(3);
  });

  it("reads a last line without a line break, and a custom delimiter", () => {
    const parser = new CsvParser("\t");
    const out: CsvRecord[] = [];
    parser.push("a\tb\n1\t2", out);
    parser.end(out);
    expect(out.map((r) => r.fields)).toEqual([["a", "b"], ["1", "2"]]);
  });
});
