import { isUtf8 } from "node:buffer";

/**
 * Bytes → text for files from anywhere: UTF-8 with or without BOM, UTF-16 with BOM, and
 * GB18030 (a superset of GBK and GB2312, what Chinese Excel and helpdesk exports write).
 */

export type Encoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";
export const ENCODING_NAMES: Record<string, Encoding> = {
  auto: "utf-8",
  utf8: "utf-8",
  "utf-8": "utf-8",
  gbk: "gb18030",
  gb2312: "gb18030",
  gb18030: "gb18030",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
};

const REPLACEMENT = "\uFFFD";
const REPLACEMENT_UTF8 = Buffer.from(REPLACEMENT, "utf8");

function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** Drops the bytes of a multi-byte sequence cut by the end of the sample. */
function trimPartialUtf8(sample: Uint8Array): Uint8Array {
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = sample[end - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (back < need) end -= back;
    }
    break;
  }
  return sample.subarray(0, end);
}

const replacements = (text: string) => countOf(text, REPLACEMENT);

function literalReplacements(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let i = buf.indexOf(REPLACEMENT_UTF8); i !== -1; i = buf.indexOf(REPLACEMENT_UTF8, i + 3)) n++;
  return n;
}

/**
 * Guesses the encoding from the first bytes: a BOM decides; valid UTF-8 is UTF-8. A sample that
 * is not valid UTF-8 is GBK unless it looks like UTF-8 with a few damaged bytes, so one bad byte
 * does not turn all of a UTF-8 file's Chinese into mojibake. GB18030 accepts almost any byte
 * pair, so its own errors are only the tie-breaker.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): Encoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf-8";
  if (sample[0] === 0xff && sample[1] === 0xfe) return "utf-16le";
  if (sample[0] === 0xfe && sample[1] === 0xff) return "utf-16be";
  const utf8Sample = complete ? sample : trimPartialUtf8(sample);
  const asUtf8 = new TextDecoder("utf-8").decode(utf8Sample);
  const utf8Bad = replacements(asUtf8) - literalReplacements(utf8Sample);
  if (utf8Bad === 0) return "utf-8";
  let nonAscii = 0;
  for (let i = 0; i < asUtf8.length; i++) if (asUtf8.charCodeAt(i) > 0x7f) nonAscii++;
  // GBK read as UTF-8 decodes almost none of its characters; damaged UTF-8 most of them.
  if (nonAscii - utf8Bad >= utf8Bad) return "utf-8";
  const gbBad = replacements(new TextDecoder("gb18030").decode(sample));
  return gbBad < utf8Bad ? "gb18030" : "utf-8";
}

const SAMPLE_BYTES = 256 * 1024;

interface ChunkDecoder {
  decode(bytes: Uint8Array): string;
  end(): string;
}

/**
 * What a byte that is not valid in the file's encoding becomes: an unpaired surrogate, which no
 * valid input decodes to, so validation refuses exactly the damaged records (invalid_text) while
 * a U+FFFD that the file really holds (some public exports do) is kept as text.
 */
export const DAMAGED = "\uDCFF";

/** Length of the valid UTF-8 sequence at i, or 0 (WHATWG decoder rules: no overlongs, surrogates or > U+10FFFF). */
function utf8SequenceAt(buf: Buffer, i: number): number {
  const b = buf[i]!;
  if (b < 0x80) return 1;
  const cont = (j: number, lo = 0x80, hi = 0xbf) => j < buf.length && buf[j]! >= lo && buf[j]! <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

/** The slow path, only for chunks that are not valid UTF-8: valid runs decoded, each bad byte marked. */
function decodeDamagedUtf8(buf: Buffer): string {
  let out = "";
  let run = 0;
  for (let i = 0; i < buf.length; ) {
    const n = utf8SequenceAt(buf, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += buf.toString("utf8", run, i) + DAMAGED;
    i += 1;
    run = i;
  }
  return out + buf.toString("utf8", run);
}

/**
 * UTF-8 chunk by chunk: a sequence cut by the chunk's end waits for the next chunk; valid chunks
 * (nearly all) take the fast path of isUtf8 + toString.
 */
function utf8Decoder(): ChunkDecoder {
  let carry: Buffer = Buffer.alloc(0);
  let first = true;
  return {
    decode(bytes) {
      const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const complete = buf.subarray(0, trimPartialUtf8(buf).length);
      carry = Buffer.from(buf.subarray(complete.length));
      let text = isUtf8(complete) ? complete.toString("utf8") : decodeDamagedUtf8(complete);
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      return text;
    },
    // A sequence still cut at the end of the file is damage.
    end: () => DAMAGED.repeat(carry.length),
  };
}

/**
 * GB18030 and UTF-16 through TextDecoder, whose U+FFFD marks damage (GBK cannot encode U+FFFD;
 * a GB18030 or UTF-16 file that holds one literally is vanishingly rare).
 */
function textDecoder(encoding: Encoding): ChunkDecoder {
  const d = new TextDecoder(encoding);
  const mark = (text: string) => (text.includes(REPLACEMENT) ? text.replaceAll(REPLACEMENT, DAMAGED) : text);
  return { decode: (bytes) => mark(d.decode(bytes, { stream: true })), end: () => mark(d.decode()) };
}

const decoderFor = (encoding: Encoding): ChunkDecoder => (encoding === "utf-8" ? utf8Decoder() : textDecoder(encoding));

/** Decodes a byte stream to text chunks, detecting the encoding from its start unless one is given. */
export async function* decodeStream(
  bytes: AsyncIterable<Uint8Array>,
  encoding: Encoding | "auto" = "auto",
  onEncoding?: (encoding: Encoding) => void,
): AsyncGenerator<string> {
  let decoder: ChunkDecoder | null = encoding === "auto" ? null : decoderFor(encoding);
  if (decoder) onEncoding?.(encoding as Encoding);
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for await (const chunk of bytes) {
    if (!decoder) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < SAMPLE_BYTES) continue;
      const sample = Buffer.concat(pending);
      const detected = detectEncoding(sample, false);
      onEncoding?.(detected);
      decoder = decoderFor(detected);
      pending.length = 0;
      const text = decoder.decode(sample);
      if (text) yield text;
      continue;
    }
    const text = decoder.decode(chunk);
    if (text) yield text;
  }
  if (!decoder) {
    const sample = Buffer.concat(pending);
    const detected = detectEncoding(sample, true);
    onEncoding?.(detected);
    decoder = decoderFor(detected);
    const text = decoder.decode(sample);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
