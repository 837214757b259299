import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sql, SqlValueError, formatDateTime, type Sql } from "../../server/clickhouse/sql";
import { withTestDb } from "../helpers/test-db";

/**
 * Property test of the one SQL value helper against the real server: arbitrary values come back
 * identical, and no value changes the query's shape (column set, row count, sentinel column).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = 10_000;
const BATCH = 100;

const hostile = fc.constantFrom(
  "'", "\\", "\\'", "''", "\0", "\n", "\r\n", "\t", "\b", "\f", "\x1a", "\x7f", "--", "/*", "*/", ";", "`", '"',
  "' OR 1=1 --", "'); DROP TABLE tickets; --", "{name:String}", "$1", "?", "\\x41", "\\N", "\u2028", "\u00a0",
  "😀", "👨‍👩‍👧", "工单号", "é", "\uFEFF", "\u0000\u0001",
);
const loneSurrogate = fc.constantFrom("\uD800", "\uDBFF", "\uDC00", "\uDFFF");
const pieces = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 24 }) },
  { weight: 3, arbitrary: hostile },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  { weight: 1, arbitrary: loneSurrogate },
);
const stringArb = fc.array(pieces, { maxLength: 6 }).map((parts) => parts.join(""));

const db = withTestDb("fuzz");

async function roundTrip(values: readonly unknown[], render: (index: number) => Sql): Promise<Record<string, unknown>> {
  const columns = values.map((_, i) => sql`${render(i)} AS ${sql.identifier(`c${i}`)}`);
  const statement = sql`SELECT ${sql.join(columns)}, 'end' AS sentinel`;
  const rows = await db.get().query("test.fuzz", statement);
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  expect(Object.keys(row)).toEqual([...values.map((_, i) => `c${i}`), "sentinel"]);
  expect(row.sentinel).toBe("end");
  return row;
}

describe("sql helper round-trips through ClickHouse", () => {
  it(`returns ${RUNS} random strings unchanged and never changes the query shape (seed ${SEED})`, async () => {
    const all = fc.sample(stringArb, { numRuns: Math.ceil(RUNS * 1.5), seed: SEED });
    const wellFormed = all.filter((s) => s.isWellFormed()).slice(0, RUNS);
    const malformed = all.filter((s) => !s.isWellFormed());
    // Lone surrogates cannot be UTF-8: the helper refuses them explicitly rather than altering them.
    for (const s of malformed) expect(() => sql`SELECT ${s}`, JSON.stringify(s)).toThrow(SqlValueError);
    expect(malformed.length).toBeGreaterThan(50);
    expect(wellFormed.length).toBe(RUNS);

    for (let start = 0; start < wellFormed.length; start += BATCH) {
      const batch = wellFormed.slice(start, start + BATCH);
      const row = await roundTrip(batch, (i) => sql`${batch[i]!}`);
      batch.forEach((value, i) => expect(row[`c${i}`], `seed ${SEED}, value ${JSON.stringify(value)}`).toBe(value));
    }
  });

  it("keeps WHERE semantics: a hostile value compares equal to itself and matches nothing else", async () => {
    const samples = fc.sample(stringArb.filter((s) => s.isWellFormed()), { numRuns: 200, seed: SEED + 1 });
    const rows = await db.get().query(
      "test.fuzz",
      sql`SELECT x FROM (SELECT arrayJoin(${samples}) AS x) WHERE x = ${samples[7]!}`,
    );
    expect(rows.length).toBe(samples.filter((s) => s === samples[7]).length);
    for (const r of rows) expect(r.x).toBe(samples[7]);
  });

  it("returns numbers, dates and arrays unchanged", async () => {
    const doubles = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { numRuns: 1000, seed: SEED + 2 });
    for (let start = 0; start < doubles.length; start += BATCH) {
      const batch = doubles.slice(start, start + BATCH);
      const row = await roundTrip(batch, (i) => sql`toFloat64(${batch[i]!})`);
      batch.forEach((value, i) => expect(Number(row[`c${i}`]), `seed ${SEED}, ${value}`).toBe(value));
    }

    const ints = fc.sample(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { numRuns: 500, seed: SEED + 3 });
    const intRow = await roundTrip(ints, (i) => sql`toString(toInt64(${ints[i]!}))`);
    ints.forEach((value, i) => expect(intRow[`c${i}`]).toBe(value.toString()));

    const dates = fc.sample(
      fc.integer({ min: 0, max: 4_291_747_199 }).map((s) => new Date(s * 1000)),
      { numRuns: 500, seed: SEED + 4 },
    );
    // Compared as epoch seconds: 18.16 prints the epoch itself as the "zero" date 0000-00-00 00:00:00.
    const dateRow = await roundTrip(dates, (i) => sql`toString(toUnixTimestamp(${dates[i]!}))`);
    dates.forEach((value, i) => expect(dateRow[`c${i}`]).toBe(String(value.getTime() / 1000)));
    const textRow = await roundTrip(dates.slice(1, 50), (i) => sql`toString(${dates[i + 1]!}, 'UTC')`);
    dates.slice(1, 50).forEach((value, i) => expect(textRow[`c${i}`]).toBe(value.getTime() === 0 ? "0000-00-00 00:00:00" : formatDateTime(value)));

    const arrays = fc.sample(fc.array(stringArb.filter((s) => s.isWellFormed()), { maxLength: 5 }), {
      numRuns: 300,
      seed: SEED + 5,
    });
    for (let start = 0; start < arrays.length; start += BATCH) {
      const batch = arrays.slice(start, start + BATCH);
      const row = await roundTrip(batch, (i) => (batch[i]!.length ? sql`${batch[i]!}` : sql`emptyArrayString()`));
      batch.forEach((value, i) => expect(row[`c${i}`]).toEqual(value));
    }
  });

  it("stores and reads back hostile strings through a real table", async () => {
    const values = fc.sample(stringArb.filter((s) => s.isWellFormed()), { numRuns: 300, seed: SEED + 6 });
    await db.get().exec("test.fuzz", sql`CREATE TABLE fuzz_store (i UInt32, s String) ENGINE = MergeTree ORDER BY i`);
    const tuples = values.map((v, i) => sql`(${i}, ${v})`);
    await db.get().exec("test.fuzz", sql`INSERT INTO fuzz_store VALUES ${sql.join(tuples)}`);
    const rows = await db.get().query("test.fuzz", sql`SELECT i, s FROM fuzz_store ORDER BY i`);
    expect(rows).toHaveLength(values.length);
    rows.forEach((r, i) => expect(r.s, JSON.stringify(values[i])).toBe(values[i]));
  });
});
