/**
 * Timestamps from foreign exports: ISO 8601 (the canonical form), epoch seconds / milliseconds,
 * or a pattern such as `MM/DD/YYYY hh:mm:ss A`. A wall-clock time without an offset is read in
 * the given IANA timezone (UTC unless a mapping says otherwise).
 */

export type DateFormat = string; // "iso" | "unix" | "unix_ms" | a pattern of the tokens below

export class TimestampError extends Error {}

export const DAY_MS = 86_400_000;

const ISO =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  offsetMinutes: number | null;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    offsetFormatters.set(timeZone, f);
  }
  return f;
}

/** Throws a TimestampError when the zone is not a known IANA name. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch {
    throw new TimestampError(`unknown timezone ${JSON.stringify(timeZone)} (use an IANA name such as Asia/Shanghai)`);
  }
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms. */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : DAYS[month - 1]!;
}

function toEpochMs(w: WallTime, timeZone: string): number {
  if (w.month < 1 || w.month > 12 || w.day < 1 || w.day > daysInMonth(w.year, w.month)) throw new TimestampError("not a calendar date");
  if (w.hour > 23 || w.minute > 59 || w.second > 59) throw new TimestampError("not a time of day");
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  if (w.offsetMinutes !== null) return wall - w.offsetMinutes * 60_000;
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return wall;
  // Two passes settle the offset around DST changes (a wall time in a gap moves forward).
  const first = zoneOffsetMs(wall, timeZone);
  const second = zoneOffsetMs(wall - first, timeZone);
  return wall - second;
}

function parseOffset(text: string | undefined): number | null {
  if (!text) return null;
  if (text.toUpperCase() === "Z") return 0;
  const sign = text.startsWith("-") ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

function fraction(text: string | undefined): number {
  return text ? Math.floor(Number(`0.${text}`) * 1000) : 0;
}

/** Two digits at `i`, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SSZ` in UTC, as exports and our own files write
 * them, read without the regular expression (a load parses millions). Anything else, or a value
 * out of range, is left to the full parser, which also says what is wrong.
 */
function fastIso(s: string, timeZone: string): number | null {
  const zulu = s.length === 20 && (s[19] === "Z" || s[19] === "z");
  if (s.length !== 19 && !zulu) return null;
  if (!zulu && timeZone !== "UTC" && timeZone !== "Etc/UTC") return null;
  const t = s[10];
  if (s[4] !== "-" || s[7] !== "-" || (t !== "T" && t !== "t" && t !== " ") || s[13] !== ":" || s[16] !== ":") return null;
  const century = twoDigits(s, 0);
  const yy = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  if (century < 0 || yy < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || month < 1 || month > 12) return null;
  const year = century * 100 + yy;
  if (day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function parseIso(text: string, timeZone: string): number {
  const fast = fastIso(text, timeZone);
  if (fast !== null) return fast;
  const m = ISO.exec(text);
  if (!m) throw new TimestampError("expected an ISO 8601 timestamp such as 2025-03-01T08:30:00Z");
  return toEpochMs(
    {
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour: Number(m[4] ?? 0),
      minute: Number(m[5] ?? 0),
      second: Number(m[6] ?? 0),
      ms: fraction(m[7]),
      offsetMinutes: parseOffset(m[8]),
    },
    timeZone,
  );
}

type Token = "YYYY" | "YY" | "MM" | "M" | "DD" | "D" | "HH" | "H" | "hh" | "h" | "mm" | "m" | "ss" | "s" | "SSS" | "A" | "a" | "Z";
const TOKENS: Token[] = ["YYYY", "SSS", "YY", "MM", "DD", "HH", "hh", "mm", "ss", "M", "D", "H", "h", "m", "s", "A", "a", "Z"];
const TOKEN_RE: Record<Token, string> = {
  YYYY: "(\\d{4})",
  YY: "(\\d{2})",
  MM: "(\\d{2})",
  M: "(\\d{1,2})",
  DD: "(\\d{2})",
  D: "(\\d{1,2})",
  HH: "(\\d{2})",
  H: "(\\d{1,2})",
  hh: "(\\d{2})",
  h: "(\\d{1,2})",
  mm: "(\\d{2})",
  m: "(\\d{1,2})",
  ss: "(\\d{2})",
  s: "(\\d{1,2})",
  SSS: "(\\d{1,9})",
  A: "(AM|PM|am|pm|上午|下午)",
  a: "(AM|PM|am|pm|上午|下午)",
  Z: "(Z|[+-]\\d{2}:?\\d{2})",
};

interface CompiledPattern {
  re: RegExp;
  tokens: Token[];
}

const compiled = new Map<string, CompiledPattern>();

function compilePattern(pattern: string): CompiledPattern {
  let cached = compiled.get(pattern);
  if (cached) return cached;
  let source = "";
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const token = TOKENS.find((t) => pattern.startsWith(t, i));
    if (token) {
      source += TOKEN_RE[token];
      tokens.push(token);
      i += token.length;
    } else {
      source += pattern[i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      i++;
    }
  }
  cached = { re: new RegExp(`^${source}$`), tokens };
  compiled.set(pattern, cached);
  return cached;
}

function parsePattern(text: string, pattern: string, timeZone: string): number {
  const { re, tokens } = compilePattern(pattern);
  const m = re.exec(text);
  if (!m) throw new TimestampError(`does not match the date format ${pattern}`);
  const w: WallTime = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0, offsetMinutes: null };
  let meridiem: "am" | "pm" | null = null;
  tokens.forEach((token, index) => {
    const v = m[index + 1]!;
    switch (token) {
      case "YYYY": w.year = Number(v); break;
      case "YY": w.year = 2000 + Number(v); break;
      case "MM": case "M": w.month = Number(v); break;
      case "DD": case "D": w.day = Number(v); break;
      case "HH": case "H": case "hh": case "h": w.hour = Number(v); break;
      case "mm": case "m": w.minute = Number(v); break;
      case "ss": case "s": w.second = Number(v); break;
      case "SSS": w.ms = fraction(v); break;
      case "A": case "a": meridiem = /^(pm|下午)$/i.test(v) ? "pm" : "am"; break;
      case "Z": w.offsetMinutes = parseOffset(v); break;
    }
  });
  if (meridiem !== null) {
    if (w.hour < 1 || w.hour > 12) throw new TimestampError("hour must be 1–12 with AM/PM");
    w.hour = (w.hour % 12) + (meridiem === "pm" ? 12 : 0);
  }
  return toEpochMs(w, timeZone);
}

/** Parses one timestamp to epoch milliseconds; throws TimestampError with a reason. */
export function parseTimestamp(text: string, format: DateFormat = "iso", timeZone = "UTC"): number {
  const value = text.trim();
  if (format === "unix" || format === "unix_ms") {
    if (!/^\d+(\.\d+)?$/.test(value)) throw new TimestampError(`expected ${format === "unix" ? "seconds" : "milliseconds"} since 1970`);
    return Math.floor(Number(value) * (format === "unix" ? 1000 : 1));
  }
  if (format === "iso") return parseIso(value, timeZone);
  return parsePattern(value, format, timeZone);
}
