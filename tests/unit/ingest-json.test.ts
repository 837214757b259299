import { describe, expect, it } from "vitest";
import { JsonArraySplitter, JsonStreamError, type JsonElement } from "../../jobs/ingest/json-stream";
import { readRecords, type InputFormat, type SourceRecord } from "../../jobs/ingest/read-records";

function split(text: string, chunk = text.length): JsonElement[] {
  const s = new JsonArraySplitter();
  const out: JsonElement[] = [];
  for (let i = 0; i < text.length; i += chunk) s.push(text.slice(i, i + chunk), out);
  s.end(out);
  return out;
}

async function read(text: string, format: InputFormat | "auto", chunk = 4): Promise<SourceRecord[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk);
  }
  const out: SourceRecord[] = [];
  for await (const batch of readRecords(chunks(), format)) out.push(...batch);
  return out;
}

const array = '[\n  {"id": "a", "t": "x ] , { \\" y"},\n  {"id": "b", "n": {"deep": [1, 2, {"k": "}"}]}}\n]\n';

describe("JSON array splitting", () => {
  it("cuts elements at top-level commas only, ignoring brackets and quotes inside strings", () => {
    const elements = split(array);
    expect(elements.map((e) => JSON.parse(e.text) as unknown)).toEqual([
      { id: "a", t: 'x ] , { " y' },
      { id: "b", n: { deep: [1, 2, { k: "}" }] } },
    ]);
    expect(elements.map((e) => e.line)).toEqual([2, 3]);
  });

  it("is the same for every chunk size", () => {
    const whole = split(array);
    for (const size of [1, 2, 3, 7]) expect(split(array, size)).toEqual(whole);
  });

  it("returns an element cut off by the end of the input as an error, and refuses a non-array", () => {
    const out = split('[{"id": "a"}, {"id": "b", "x"');
    expect(out).toHaveLength(2);
    expect(out[1]!.error).toMatch(/cut off/);
    expect(() => split('{"id": 1}')).toThrow(JsonStreamError);
  });
});

describe("readRecords", () => {
  it("detects a JSON array, JSON Lines and CSV from the first character", async () => {
    expect((await read('[{"id":"1"}]', "auto"))[0]!.value).toEqual({ id: "1" });
    expect((await read('{"id":"1"}\n{"id":"2"}\n', "auto")).map((r) => r.value)).toEqual([{ id: "1" }, { id: "2" }]);
    const csv = await read("id,x\n1,2\n", "auto");
    expect(csv[0]!.row?.fields).toEqual(["1", "2"]);
    expect(csv[0]!.row?.header.index.get("x")).toBe(1);
  });

  it("keeps unreadable JSON Lines as parse errors with their line, and reads CRLF lines", async () => {
    const out = await read('{"id":"1"}\r\n\r\n{broken\r\n[1,2]\r\n{"id":"4"}', "jsonl");
    expect(out.map((r) => [r.line, r.error?.reason ?? "ok"])).toEqual([
      [1, "ok"],
      [3, "parse_error"],
      [4, "parse_error"],
      [5, "ok"],
    ]);
    expect(out[1]!.raw).toBe("{broken");
  });

  it("rejects CSV rows whose field count differs from the header, but tolerates trailing empty cells", async () => {
    const out = await read("\uFEFFid,a,b\n1,2,3\n2,3\n3,4,5,,\n4,5,6,7\n", "csv");
    expect(out.map((r) => r.error?.reason ?? "ok")).toEqual(["ok", "column_count", "ok", "column_count"]);
    expect(out[0]!.row?.header.names).toEqual(["id", "a", "b"]);
  });
});
