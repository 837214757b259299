import { describe, expect, it } from "vitest";
import { DAMAGED, decodeStream, detectEncoding } from "../../jobs/ingest/decode";

// "工单号,状态\n1,已解决" in GBK, written out by hand so the test needs no encoder.
const GBK = Uint8Array.from([
  0xb9, 0xa4, 0xb5, 0xa5, 0xba, 0xc5, 0x2c, 0xd7, 0xb4, 0xcc, 0xac, 0x0a, 0x31, 0x2c, 0xd2, 0xd1, 0xbd, 0xe2, 0xbe, 0xf6,
]);

async function decodeAll(chunks: Uint8Array[], encoding: "auto" | "utf-8" = "auto"): Promise<string> {
  async function* source() {
    for (const c of chunks) yield c;
  }
  let text = "";
  for await (const t of decodeStream(source(), encoding)) text += t;
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

describe("bytes not valid in the encoding", () => {
  const utf8 = (s: string) => Buffer.from(s, "utf8");

  it("marks each stray byte in UTF-8 (DAMAGED), also far into a long file", async () => {
    const big = utf8("id,subject\n1," + "发票".repeat(100_000) + "\n");
    const bytes = Buffer.concat([big, Buffer.from([0x32, 0x2c, 0xff, 0x0a])]);
    const text = await decodeAll([bytes.subarray(0, 300_000), bytes.subarray(300_000)]);
    expect(text.endsWith(`2,${DAMAGED}\n`)).toBe(true);
    expect(text.slice(0, -4)).toBe(big.toString("utf8"));
  });

  it("keeps a U+FFFD the file really holds, also when a chunk boundary cuts it", async () => {
    const bytes = utf8("id,subject\n1,a\uFFFDb\n2,\uFFFD\n");
    const cut = bytes.indexOf(0xbf); // inside the first EF BF BD
    expect(await decodeAll([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe("id,subject\n1,a\uFFFDb\n2,\uFFFD\n");
  });

  it("tells a literal U+FFFD from the damaged bytes beside it; an overlong form and a cut sequence at the end are damage", async () => {
    const bytes = Buffer.concat([utf8("1,\uFFFD,"), Buffer.from([0xc3, 0x28]), utf8(",ok,"), Buffer.from([0xc0, 0xaf]), utf8(",票"), Buffer.from([0xe5, 0x8f])]);
    expect(await decodeAll([bytes], "utf-8")).toBe(`1,\uFFFD,${DAMAGED}(,ok,${DAMAGED}${DAMAGED},票${DAMAGED}${DAMAGED}`);
  });

  it("marks undecodable GBK bytes the same way", async () => {
    expect(await decodeAll([Buffer.concat([Buffer.from(GBK), Buffer.from([0x2c, 0xff])])])).toBe(`工单号,状态\n1,已解决,${DAMAGED}`);
  });
});

describe("detection with a damaged byte", () => {
  it("a UTF-8 file with one bad byte stays UTF-8; a GBK file with one stays GB18030", () => {
    const utf8 = Buffer.concat([Buffer.from("id,主题\n1,发票金额不对\n2,", "utf8"), Buffer.from([0xff]), Buffer.from("\n")]);
    expect(detectEncoding(utf8, true)).toBe("utf-8");
    expect(detectEncoding(Buffer.concat([Buffer.from(GBK), Buffer.from([0xff])]), true)).toBe("gb18030");
  });
});
