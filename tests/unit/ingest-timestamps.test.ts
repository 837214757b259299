import { describe, expect, it } from "vitest";
import { parseTimestamp, TimestampError } from "../../server/ingest/timestamps";

const iso = (ms: number) => new Date(ms).toISOString();

describe("parseTimestamp", () => {
  it("reads ISO 8601 with Z, offsets, fractions, a space, slashes and one-digit parts", () => {
    expect(iso(parseTimestamp("2025-03-01T08:30:00Z"))).toBe("2025-03-01T08:30:00.000Z");
    expect(iso(parseTimestamp("2025-03-01T16:30:00+08:00"))).toBe("2025-03-01T08:30:00.000Z");
    expect(iso(parseTimestamp("2025-03-01 08:30:00.250"))).toBe("2025-03-01T08:30:00.250Z");
    expect(iso(parseTimestamp("2025/3/1 8:30", "iso", "Asia/Shanghai"))).toBe("2025-03-01T00:30:00.000Z");
  });

  it("reads patterns with AM/PM in a timezone, across a DST change", () => {
    expect(iso(parseTimestamp("06/26/2018 10:58:54 AM", "MM/DD/YYYY hh:mm:ss A", "America/New_York"))).toBe("2018-06-26T14:58:54.000Z");
    expect(iso(parseTimestamp("01/31/2019 12:05:00 AM", "MM/DD/YYYY hh:mm:ss A", "America/New_York"))).toBe("2019-01-31T05:05:00.000Z");
    expect(iso(parseTimestamp("2025年3月1日 下午2:05", "YYYY年M月D日 Ah:mm", "Asia/Shanghai"))).toBe("2025-03-01T06:05:00.000Z");
  });

  it("reads epoch seconds and milliseconds", () => {
    expect(parseTimestamp("1740817800", "unix")).toBe(1740817800000);
    expect(parseTimestamp("1740817800123", "unix_ms")).toBe(1740817800123);
  });

  it("refuses dates that do not exist and text that does not match", () => {
    expect(() => parseTimestamp("2025-02-30T00:00:00Z")).toThrow(TimestampError);
    expect(() => parseTimestamp("2025-03-01T25:00:00Z")).toThrow(/time of day/);
    expect(() => parseTimestamp("yesterday")).toThrow(/ISO 8601/);
    expect(() => parseTimestamp("13/01/2025", "DD/MM/YYYY hh")).toThrow(/format/);
  });

  it("reads the plain forms (YYYY-MM-DD HH:MM:SS, …THH:MM:SSZ) exactly as Date.parse does, and refuses what does not exist", () => {
    let seed = 11;
    const next = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const two = (n: number) => String(n).padStart(2, "0");
    for (let i = 0; i < 3000; i++) {
      const [y, mo, d, h, mi, s] = [1970 + next(130), 1 + next(12), 1 + next(31), next(24), next(60), next(60)];
      const text = `${y}-${two(mo)}-${two(d)}`;
      const time = `${two(h)}:${two(mi)}:${two(s)}`;
      const reference = Date.parse(`${text}T${time}Z`);
      const exists = new Date(reference).getUTCDate() === d && !Number.isNaN(reference);
      for (const form of [`${text} ${time}`, `${text}T${time}Z`, `${text}t${time}z`]) {
        if (exists) expect(parseTimestamp(form)).toBe(reference);
        else expect(() => parseTimestamp(form)).toThrow(/calendar date/);
      }
    }
    expect(() => parseTimestamp("2025-03-01 24:00:00")).toThrow(/time of day/);
    expect(() => parseTimestamp("2025-13-01 00:00:00")).toThrow(/calendar date/);
    // Without Z the wall time is read in the mapping's timezone, not as UTC.
    expect(iso(parseTimestamp("2025-03-01 08:00:00", "iso", "Asia/Shanghai"))).toBe("2025-03-01T00:00:00.000Z");
    expect(iso(parseTimestamp("2025-03-01T08:00:00Z", "iso", "Asia/Shanghai"))).toBe("2025-03-01T08:00:00.000Z");
  });
});
