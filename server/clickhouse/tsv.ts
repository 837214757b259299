/**
 * ClickHouse's TabSeparated text. Rows go in as TabSeparated (the server parses it about twice
 * as fast as JSONEachRow) and stored rows come back in it, so a record's text is also its
 * fingerprint: ClickHouse writes back byte for byte what we send, with the same escapes.
 */

/** The characters ClickHouse escapes in TabSeparated, in plain values and inside arrays alike. */
const SPECIAL = /[\\\t\n\r\0\b\f']/;
const SPECIAL_ALL = /[\\\t\n\r\0\b\f']/g;
const ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "\t": "\\t",
  "\n": "\\n",
  "\r": "\\r",
  "\0": "\\0",
  "\b": "\\b",
  "\f": "\\f",
  "'": "\\'",
};

export type TsvValue = string | number | null | readonly string[] | readonly number[];

export class TsvValueError extends Error {}

export function tsvString(s: string): string {
  return SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : s;
}

function tsvNumber(n: number): string {
  if (!Number.isSafeInteger(n)) throw new TsvValueError(`${n} is not an integer`);
  return String(n);
}

/**
 * A float, or an array of floats, as TabSeparated text to pass to tsvLine like any string:
 * tsvValue takes numbers as integers only, so that a fraction never slips into an integer column.
 */
export function tsvFloat(value: number | readonly number[]): string {
  return typeof value === "number" ? floatText(value) : `[${value.map(floatText).join(",")}]`;
}

function floatText(n: number): string {
  if (!Number.isFinite(n)) throw new TsvValueError(`${n} is not a finite number`);
  return String(n);
}

/** One value: \N for NULL, arrays as ['a','b'] or [1,2]. */
export function tsvValue(value: TsvValue): string {
  if (value === null) return "\\N";
  if (typeof value === "string") return tsvString(value);
  if (typeof value === "number") return tsvNumber(value);
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const e = value[i] as unknown;
      if (i) out += ",";
      if (typeof e === "string") out += `'${tsvString(e)}'`;
      else if (typeof e === "number") out += tsvNumber(e);
      else throw new TsvValueError(`an array element of type ${typeof e}`);
    }
    return out + "]";
  }
  throw new TsvValueError(`a value of type ${typeof value}`);
}

/**
 * A row's values as one line of TabSeparated text, without the line break. `join` makes one
 * flat string: `+=` would keep a tree of pieces alive for as long as the line is kept.
 */
export function tsvLine(values: readonly unknown[]): string {
  return values.map((v) => tsvValue(v as TsvValue)).join("\t");
}
