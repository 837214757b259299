import { describe, expect, it } from "vitest";
import { sql, SqlValueError, formatDateTime } from "../../server/clickhouse/sql";

describe("sql helper rendering", () => {
  it("escapes quotes, backslashes and control characters in strings", () => {
    expect(sql`SELECT ${"it's"}`.text).toBe("SELECT 'it\\'s'");
    expect(sql`SELECT ${"a\\b"}`.text).toBe("SELECT 'a\\\\b'");
    expect(sql`SELECT ${"x\ny\0z\t"}`.text).toBe("SELECT 'x\\x0ay\\x00z\\x09'");
    expect(sql`SELECT ${"\u007f"}`.text).toBe("SELECT '\\x7f'");
  });

  it("keeps CJK and emoji as they are", () => {
    expect(sql`SELECT ${"工单😀"}`.text).toBe("SELECT '工单😀'");
  });

  it("rejects lone surrogates with a clear error instead of writing replacement characters", () => {
    expect(() => sql`SELECT ${"ab\uD800"}`).toThrow(SqlValueError);
    expect(() => sql`SELECT ${"\uDC00x"}`).toThrow(/lone UTF-16 surrogate at code point 0/);
  });

  it("wraps negative numbers so `x-${-1}` cannot become a `--` comment", () => {
    expect(sql`SELECT 1-${-1}`.text).toBe("SELECT 1-(-1)");
    expect(sql`SELECT ${-2n}`.text).toBe("SELECT (-2)");
    expect(sql`SELECT ${-0}`.text).toBe("SELECT (-0.)");
  });

  it("rejects non-finite numbers and invalid dates", () => {
    expect(() => sql`SELECT ${Number.NaN}`).toThrow(SqlValueError);
    expect(() => sql`SELECT ${Infinity}`).toThrow(SqlValueError);
    expect(() => sql`SELECT ${new Date("nope")}`).toThrow(SqlValueError);
    expect(() => sql`SELECT ${new Date("1960-01-01T00:00:00Z")}`).toThrow(/outside/);
    expect(() => sql.date("2024-02-30x")).toThrow(SqlValueError);
    expect(() => sql.date("2024-02-30")).toThrow(SqlValueError);
  });

  it("renders dates, booleans, null, arrays and nested fragments", () => {
    expect(sql`${new Date("2024-03-05T07:08:09.999Z")}`.text).toBe("toDateTime('2024-03-05 07:08:09', 'UTC')");
    expect(sql`${sql.date("2024-03-05")}`.text).toBe("toDate('2024-03-05')");
    expect(sql`${true},${false},${null}`.text).toBe("1,0,NULL");
    expect(sql`${["a", "b'"]}`.text).toBe("['a', 'b\\'']");
    expect(sql`${[]}`.text).toBe("[]");
    const inner = sql`x = ${1}`;
    expect(sql`WHERE ${inner} AND ${sql.join([sql`a`, sql`b`], sql` OR `)}`.text).toBe("WHERE x = 1 AND a OR b");
    expect(formatDateTime(new Date(0))).toBe("1970-01-01 00:00:00");
  });

  it("renders a list of literals for IN (…), each escaped like any value", () => {
    expect(sql`id IN (${sql.list(["a'b", "c\\", 3])})`.text).toBe("id IN ('a\\'b', 'c\\\\', 3)");
    expect(() => sql.list(["ok", "\uD800"])).toThrow();
  });

  it("accepts identifiers only from the allow-list", () => {
    expect(sql.ident("team", ["team", "agent"]).text).toBe("`team`");
    expect(() => sql.ident("team; DROP TABLE x" as "team", ["team"])).toThrow(SqlValueError);
  });
});

describe("sql helper numbers", () => {
  it("passes subnormal doubles as exact bytes, which the 18.16 parser cannot read as literals", () => {
    expect(sql`${5e-324}`.text).toBe("reinterpretAsFloat64(unhex('0100000000000000'))");
    expect(sql`${2.5}`.text).toBe("2.5");
  });
});

describe("sql.identifier", () => {
  it("backquotes plain identifiers and refuses anything else", () => {
    expect(sql.identifier("si_test_ab12").text).toBe("`si_test_ab12`");
    expect(() => sql.identifier("db`; DROP TABLE x")).toThrow(SqlValueError);
    expect(() => sql.identifier("")).toThrow(SqlValueError);
  });
});

describe("secrets in messages", () => {
  it("a ClickHouse URL with credentials is shown masked", async () => {
    const { displayUrl } = await import("../../server/clickhouse/client");
    expect(displayUrl("http://alice:s3cret@ch.internal:8123/")).toBe("http://***:***@ch.internal:8123/");
    expect(displayUrl("http://ch.internal:8123")).toBe("http://ch.internal:8123");
    expect(displayUrl("not a url")).toBe("(malformed URL)");
  });
});
