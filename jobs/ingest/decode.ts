import { StringDecoder } from "node:string_decoder";

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

/** Guesses the encoding from the first bytes: a BOM decides; valid UTF-8 is UTF-8; otherwise GB18030. */
export function detectEncoding(sample: Uint8Array, complete: boolean): Encoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf-8";
  if (sample[0] === 0xff && sample[1] === 0xfe) return "utf-16le";
  if (sample[0] === 0xfe && sample[1] === 0xff) return "utf-16be";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(complete ? sample : trimPartialUtf8(sample));
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

const SAMPLE_BYTES = 256 * 1024;

interface ChunkDecoder {
  decode(bytes: Uint8Array): string;
  end(): string;
}

/** Node's StringDecoder is several times faster than TextDecoder for UTF-8 (which most files are). */
function decoderFor(encoding: Encoding): ChunkDecoder {
  if (encoding === "utf-8") {
    const d = new StringDecoder("utf8");
    let first = true;
    return {
      decode(bytes) {
        let text = d.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        if (first && text.length > 0) {
          first = false;
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        }
        return text;
      },
      end: () => d.end(),
    };
  }
  const d = new TextDecoder(encoding);
  return { decode: (bytes) => d.decode(bytes, { stream: true }), end: () => d.decode() };
}

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
