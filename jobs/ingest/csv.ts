/**
 * A streaming CSV reader (RFC 4180 plus what exports do in practice: CRLF or LF, quoted fields
 * holding delimiters, quotes and line breaks). It keeps the line where each record starts and
 * the record's raw text, which rejects need, and it never holds more than one record.
 */

export interface CsvRecord {
  fields: string[];
  line: number;
  raw: string;
  /** Set when the record could not be read to its end (an unterminated quote). */
  error?: string;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/** A record this long is almost certainly an unterminated quote swallowing the file. */
const MAX_RECORD_CHARS = 16 * 1024 * 1024;

export class CsvError extends Error {}

export class CsvParser {
  private state = State.FieldStart;
  private fields: string[] = [];
  private field = "";
  private rawPrefix = "";
  private line = 1;
  private recordLine = 1;
  private readonly delimiter: number;

  constructor(delimiter = ",") {
    this.delimiter = delimiter.charCodeAt(0);
  }

  private emit(out: CsvRecord[], raw: string): void {
    this.fields.push(this.field);
    const blank = this.fields.length === 1 && this.fields[0] === "" && raw.trim() === "";
    if (!blank) out.push({ fields: this.fields, line: this.recordLine, raw });
    this.fields = [];
    this.field = "";
    this.rawPrefix = "";
    this.state = State.FieldStart;
  }

  /** Parses a chunk of text; complete records are appended to `out`. */
  push(s: string, out: CsvRecord[]): void {
    const delimiter = this.delimiter;
    let seg = 0;
    let recStart = 0;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      switch (this.state) {
        case State.Quoted:
          if (c === QUOTE) {
            this.field += s.slice(seg, i);
            this.state = State.QuoteInQuoted;
          } else if (c === LF) this.line++;
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            seg = i + 1;
            this.state = State.Quoted;
            break;
          }
          // The quote closed the field; anything up to the delimiter is kept as it is.
          this.state = State.Unquoted;
          seg = i;
          i--;
          break;
        default:
          if (c === delimiter) {
            this.fields.push(this.field + s.slice(seg, i));
            this.field = "";
            this.state = State.FieldStart;
            seg = i + 1;
          } else if (c === LF) {
            this.field += s.slice(seg, i);
            if (this.field.charCodeAt(this.field.length - 1) === CR) this.field = this.field.slice(0, -1);
            let raw = this.rawPrefix + s.slice(recStart, i);
            if (raw.charCodeAt(raw.length - 1) === CR) raw = raw.slice(0, -1);
            this.emit(out, raw);
            this.line++;
            this.recordLine = this.line;
            seg = recStart = i + 1;
          } else if (c === QUOTE && this.state === State.FieldStart) {
            this.state = State.Quoted;
            seg = i + 1;
          } else this.state = State.Unquoted;
      }
    }
    if (this.state !== State.QuoteInQuoted) this.field += s.slice(seg);
    this.rawPrefix += s.slice(recStart);
    if (this.rawPrefix.length > MAX_RECORD_CHARS) {
      throw new CsvError(`line ${this.recordLine}: a record longer than 16 MB; probably a quote that is never closed`);
    }
  }

  /** Ends the input: a last record without a line break, or one cut by an unterminated quote. */
  end(out: CsvRecord[]): void {
    if (this.state === State.Quoted) {
      out.push({
        fields: [],
        line: this.recordLine,
        raw: this.rawPrefix,
        error: `a quoted field opened on line ${this.recordLine} is never closed`,
      });
      this.rawPrefix = "";
      return;
    }
    if (this.rawPrefix !== "" || this.fields.length) {
      let raw = this.rawPrefix;
      if (raw.charCodeAt(raw.length - 1) === CR) {
        raw = raw.slice(0, -1);
        if (this.field.charCodeAt(this.field.length - 1) === CR) this.field = this.field.slice(0, -1);
      }
      this.emit(out, raw);
    }
  }
}
