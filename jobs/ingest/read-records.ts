import { CsvParser, type CsvRecord } from "./csv";
import { JsonArraySplitter, type JsonElement } from "./json-stream";

export type InputFormat = "csv" | "jsonl" | "json";
export const INPUT_FORMATS: readonly InputFormat[] = ["csv", "jsonl", "json"];

/** The header of a CSV file: column name → position (the first of equal names wins). */
export class CsvHeader {
  readonly index = new Map<string, number>();
  constructor(readonly names: readonly string[]) {
    names.forEach((name, i) => {
      if (!this.index.has(name)) this.index.set(name, i);
    });
  }
}

/**
 * One record of the input as found there: a JSON object, or a CSV row with its header (kept
 * as an array: building an object per row costs more than reading the whole line), or why
 * it is unreadable.
 */
export interface SourceRecord {
  line: number;
  raw: string;
  value?: Record<string, unknown>;
  row?: { fields: string[]; header: CsvHeader };
  error?: { reason: "parse_error" | "column_count"; message: string };
}

export function formatFromName(file: string): InputFormat | null {
  const name = file.toLowerCase().replace(/\.gz$/, "");
  if (name.endsWith(".csv") || name.endsWith(".tsv")) return "csv";
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return "jsonl";
  if (name.endsWith(".json")) return "json";
  return null;
}

/** `[` starts a JSON array, `{` JSON Lines, anything else is CSV. */
function sniffFormat(text: string): InputFormat {
  const first = /\S/.exec(text.replace(/^\uFEFF/, ""))?.[0];
  return first === "[" ? "json" : first === "{" ? "jsonl" : "csv";
}

function parseObject(text: string, line: number, raw: string): SourceRecord {
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { line, raw, error: { reason: "parse_error", message: "expected a JSON object" } };
    }
    return { line, raw, value: value as Record<string, unknown> };
  } catch (error) {
    return { line, raw, error: { reason: "parse_error", message: `not valid JSON: ${(error as Error).message}` } };
  }
}

class CsvRecords {
  private readonly parser: CsvParser;
  private header: CsvHeader | null = null;
  private readonly rows: CsvRecord[] = [];

  constructor(delimiter: string) {
    this.parser = new CsvParser(delimiter);
  }

  private convert(out: SourceRecord[]): void {
    for (const r of this.rows) {
      if (r.error) {
        out.push({ line: r.line, raw: r.raw, error: { reason: "parse_error", message: r.error } });
        continue;
      }
      if (!this.header) {
        this.header = new CsvHeader(r.fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, "") : f).trim()));
        continue;
      }
      const width = this.header.names.length;
      const fields = r.fields;
      // Trailing empty cells (a stray delimiter at the end of a line) are harmless.
      let count = fields.length;
      while (count > width && fields[count - 1] === "") count--;
      if (count !== width) {
        out.push({
          line: r.line,
          raw: r.raw,
          error: { reason: "column_count", message: `expected ${width} fields as in the header, found ${fields.length}` },
        });
        continue;
      }
      out.push({ line: r.line, raw: r.raw, row: { fields, header: this.header } });
    }
    this.rows.length = 0;
  }

  push(text: string, out: SourceRecord[]): void {
    this.parser.push(text, this.rows);
    this.convert(out);
  }

  end(out: SourceRecord[]): void {
    this.parser.end(this.rows);
    this.convert(out);
  }
}

class JsonLinesRecords {
  private rest = "";
  private line = 0;

  private take(lineText: string, out: SourceRecord[]): void {
    this.line++;
    const text = lineText.endsWith("\r") ? lineText.slice(0, -1) : lineText;
    if (text.trim() === "") return;
    out.push(parseObject(text, this.line, text));
  }

  push(text: string, out: SourceRecord[]): void {
    let nl = text.indexOf("\n");
    if (nl === -1) {
      this.rest += text;
      return;
    }
    // Only the line cut by the previous chunk needs joining; the rest is sliced from this chunk.
    this.take(this.rest + text.slice(0, nl), out);
    let start = nl + 1;
    for (nl = text.indexOf("\n", start); nl !== -1; nl = text.indexOf("\n", start)) {
      this.take(text.slice(start, nl), out);
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  end(out: SourceRecord[]): void {
    if (this.rest !== "") this.take(this.rest, out);
    this.rest = "";
  }
}

class JsonArrayRecords {
  private readonly splitter = new JsonArraySplitter();
  private readonly elements: JsonElement[] = [];

  private convert(out: SourceRecord[]): void {
    for (const e of this.elements) {
      const raw = e.text.trim();
      if (e.error) out.push({ line: e.line, raw, error: { reason: "parse_error", message: e.error } });
      else out.push(parseObject(raw, e.line, raw));
    }
    this.elements.length = 0;
  }

  push(text: string, out: SourceRecord[]): void {
    this.splitter.push(text, this.elements);
    this.convert(out);
  }

  end(out: SourceRecord[]): void {
    this.splitter.end(this.elements);
    this.convert(out);
  }
}

/** Reads records from text chunks; yields them a chunk's worth at a time. */
export async function* readRecords(
  text: AsyncIterable<string>,
  format: InputFormat | "auto",
  options: { delimiter?: string; onFormat?: (format: InputFormat) => void } = {},
): AsyncGenerator<SourceRecord[]> {
  let reader: CsvRecords | JsonLinesRecords | JsonArrayRecords | null = null;
  for await (const chunk of text) {
    if (!reader) {
      if (chunk.trim() === "" && format === "auto") continue;
      const chosen = format === "auto" ? sniffFormat(chunk) : format;
      options.onFormat?.(chosen);
      reader = chosen === "csv" ? new CsvRecords(options.delimiter ?? ",") : chosen === "jsonl" ? new JsonLinesRecords() : new JsonArrayRecords();
    }
    const out: SourceRecord[] = [];
    reader.push(chunk, out);
    if (out.length) yield out;
  }
  if (!reader) return;
  const out: SourceRecord[] = [];
  reader.end(out);
  if (out.length) yield out;
}
