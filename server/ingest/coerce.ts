/**
 * How text from files and JSON becomes typed values, shared by the full schema (validate.ts)
 * and its fast path (prepare.ts): both must convert exactly alike.
 */

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** An id may hold no control characters, line breaks or tabs. */
export const isCleanId = (s: string) => !CONTROL.test(s) && !/[\r\n\t]/.test(s);
const TRUE_WORDS = new Set(["true", "t", "yes", "y", "1", "是", "对"]);
const FALSE_WORDS = new Set(["false", "f", "no", "n", "0", "否", "不"]);

export function numberFrom(value: unknown): unknown {
  if (typeof value === "string" && /^[-+]?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return value;
}

export function boolFrom(value: unknown): unknown {
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : value;
  if (typeof value === "string") {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return value;
}

export function enumFrom(values: readonly string[]) {
  const byLower = new Map(values.map((v) => [v.toLowerCase(), v]));
  return (value: unknown) => (typeof value === "string" ? (byLower.get(value.toLowerCase()) ?? value) : value);
}

/** Tags arrive as a JSON array, or in CSV as one cell separated by `;`, `,` or `|`. */
export function tagsFrom(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (text === "[]") return [];
  if (text.startsWith("[")) {
    // ClickHouse's own array text, ['a','b'], as clickhouse-client and CSV exports of it write.
    // Told apart up front: a thrown JSON error per row costs more than the parse.
    if (/^\[\s*'/.test(text)) {
      if (!/^\[\s*('(?:[^'\\]|\\.)*'\s*,\s*)*('(?:[^'\\]|\\.)*')?\s*\]$/.test(text)) return value;
      return [...text.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\(.)/g, "$1"));
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return value;
    }
  }
  return text.split(/[;,|]/).map((t) => t.trim()).filter(Boolean);
}

export function jsonFrom(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

