import { describe, expect, it } from "vitest";
import { decodeStream, detectEncoding } from "../../jobs/ingest/decode";

// "工单号,状态\n1,已解决" in GBK, written out by hand so the test needs no encoder.
const GBK = Uint8Array.from([
  0xb9, 0xa4, 0xb5, 0xa5, 0xba, 0xc5, 0x2c, 0xd7, 0xb4, 0xcc, 0xac, 0x0a, 0x31, 0x2c, 0xd2, 0xd1, 0xbd, 0xe2, 0xbe, 0xf6,
]);

async function decodeAll(chunks: Uint8Array[]): Promise<string> {
  async function* source() {
    for (const c of chunks) yield c;
  }
  let text = "";
  for await (const t of decodeStream(source())) text += t;
  return text;
}

describe("encoding detection", () => {
  it("reads GBK (as GB18030) when the bytes are not UTF-8", async () => {
    expect(detectEncoding(GBK, true)).toBe("gb18030");
    expect(await decodeAll([GBK.subarray(0, 7), GBK.subarray(7)])).toBe("工单号,状态\n1,已解决");
  });

  it("reads UTF-8 with a BOM (dropped) and a character cut between two chunks", async () => {
    const bytes = new TextEncoder().encode("\uFEFFid,主题\n1,发票");
    expect(detectEncoding(bytes, true)).toBe("utf-8");
    expect(await decodeAll([bytes.subarray(0, 9), bytes.subarray(9)])).toBe("id,主题\n1,发票");
  });

  it("does not mistake UTF-8 cut mid-character at the end of the sample for GBK", () => {
    const bytes = new TextEncoder().encode("状态");
    expect(detectEncoding(bytes.subarray(0, 4), false)).toBe("utf-8");
  });
});
