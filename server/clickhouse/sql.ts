/**
 * The one place where values become SQL text.
 *
 * ClickHouse 18.16 (our development and CI server) has no server-side query parameters, so
 * values are rendered as literals. Everything that builds SQL goes through the `sql` tagged
 * template: interpolated values are escaped by type, nested `Sql` fragments are spliced as they
 * are, and identifiers only come from allow-lists through `ident`.
 */

export class Sql {
  /** Private by convention: only this module creates fragments from raw text. */
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export class SqlValueError extends Error {}

/** A date (no time) rendered as ClickHouse `Date`. */
class DateOnly {
  constructor(readonly iso: string) {}
}

export type SqlValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Date
  | DateOnly
  | Sql
  | readonly SqlValue[];

const HEX = "0123456789abcdef";

/** Escapes a JS string into a ClickHouse single-quoted literal body. */
function escapeString(value: string): string {
  if (!value.isWellFormed()) {
    const at = [...value].findIndex((ch) => !ch.isWellFormed());
    throw new SqlValueError(
      `string value contains a lone UTF-16 surrogate at code point ${at}; it cannot be stored as UTF-8`,
    );
  }
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = value.charCodeAt(i);
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (code < 0x20 || code === 0x7f) out += `\\x${HEX[code >> 4]}${HEX[code & 15]}`;
    else out += ch;
  }
  return out;
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `YYYY-MM-DD hh:mm:ss` in UTC, the text form of our `DateTime('UTC')` columns. */
export function formatDateTime(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new SqlValueError("invalid Date value");
  const year = d.getUTCFullYear();
  if (year < 1970 || year > 2105) throw new SqlValueError(`date ${d.toISOString()} is outside ClickHouse's DateTime range (1970–2105)`);
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Milliseconds since the epoch of a `YYYY-MM-DD hh:mm:ss` UTC text (formatDateTime's inverse). */
export function parseDateTime(text: string): number {
  return Date.parse(`${text.replace(" ", "T")}Z`);
}

/** The exact bits of a double, for values the SQL parser cannot read back (subnormals). */
function float64Bits(n: number): string {
  const bytes = new Uint8Array(new Float64Array([n]).buffer);
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function renderNumber(n: number): string {
  if (!Number.isFinite(n)) throw new SqlValueError(`number ${n} cannot be used in SQL (only finite numbers)`);
  if (Object.is(n, -0)) return "(-0.)";
  // ClickHouse 18.16's parser rejects subnormal literals such as 5e-324; pass their bytes instead.
  if (n !== 0 && Math.abs(n) < 2.2250738585072014e-308) return `reinterpretAsFloat64(unhex('${float64Bits(n)}'))`;
  const text = String(n);
  // Parentheses keep a minus sign from forming `--` (a comment) with a preceding operator.
  return n < 0 ? `(${text})` : text;
}

function render(value: SqlValue): string {
  if (value instanceof Sql) return value.text;
  if (value === null) return "NULL";
  if (typeof value === "string") return `'${escapeString(value)}'`;
  if (typeof value === "number") return renderNumber(value);
  if (typeof value === "bigint") return value < 0n ? `(${value.toString()})` : value.toString();
  if (typeof value === "boolean") return value ? "1" : "0";
  if (value instanceof Date) return `toDateTime('${formatDateTime(value)}', 'UTC')`;
  if (value instanceof DateOnly) return `toDate('${value.iso}')`;
  if (Array.isArray(value)) return `[${value.map(render).join(", ")}]`;
  throw new SqlValueError(`unsupported SQL value of type ${typeof value}`);
}

/** Tagged template: sql`SELECT ${value}` → a safe fragment. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): Sql {
  let text = strings[0]!;
  for (let i = 0; i < values.length; i++) text += render(values[i]!) + strings[i + 1]!;
  return new Sql(text);
}

/** A value rendered as ClickHouse `Date` (calendar day, no time zone). */
sql.date = (value: Date | string): DateOnly => {
  const iso = typeof value === "string" ? value : value.toISOString().slice(0, 10);
  const parsed = Date.parse(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== iso) {
    throw new SqlValueError(`invalid date ${JSON.stringify(value)} (expected YYYY-MM-DD)`);
  }
  return new DateOnly(iso);
};

/** Values as a comma-separated list of literals, for `IN (…)` (an array literal would be one Array value there). */
sql.list = (values: readonly SqlValue[]): Sql => new Sql(values.map(render).join(", "));

/** Joins fragments with a separator (default `, `). */
sql.join = (parts: readonly Sql[], separator: Sql = new Sql(", ")): Sql =>
  new Sql(parts.map((p) => p.text).join(separator.text));

/** An identifier, accepted only when it is in the given allow-list. */
sql.ident = <T extends string>(name: T, allowed: readonly T[]): Sql => {
  if (!allowed.includes(name)) throw new SqlValueError(`identifier ${JSON.stringify(name)} is not allowed here`);
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) throw new SqlValueError(`identifier ${JSON.stringify(name)} is not a plain name`);
  return new Sql(name.split(".").map((part) => `\`${part}\``).join("."));
};

/**
 * A database, cluster or generated name that is not from a fixed allow-list (configured in the
 * environment, or made up by a test): accepted only as a plain identifier, and backquoted.
 */
sql.identifier = (name: string): Sql => {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new SqlValueError(`name ${JSON.stringify(name)} is not a plain identifier`);
  return new Sql(`\`${name}\``);
};

/** The empty fragment, for optional clauses. */
sql.empty = new Sql("");

/**
 * Trusted SQL text written by this project (migration files, fixed snippets). Never pass
 * anything that came from a user, a file being loaded, or the network.
 */
sql.trusted = (text: string): Sql => new Sql(text);
