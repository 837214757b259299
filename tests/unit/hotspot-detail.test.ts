import { describe, expect, it } from "vitest";
import { hotspotTrendOption, keywordSize, type HotspotTrendPoint } from "../../components/charts/hotspot-trend-option";
import { fillTrend, SNIPPET_CHARS, snippetOf, trendBuckets } from "../../server/kpi/hotspot-detail";
import { addDays } from "../../server/kpi/filters";
import { loadTopicNames } from "../../server/kpi/topic-names";
import { findPii } from "../../server/text/pii";

describe("hotspot trend buckets", () => {
  it("are days for a range of up to 31 days: the 4 baseline periods, then the range", () => {
    const { grain, buckets } = trendBuckets("2026-06-01", "2026-06-07");
    expect(grain).toBe("day");
    expect(buckets).toHaveLength(35);
    expect(buckets[0]).toEqual({ start: "2026-05-04", end: "2026-05-04", days: 1, part: "baseline" });
    expect(buckets.filter((b) => b.part === "range").map((b) => b.start)).toEqual(
      Array.from({ length: 7 }, (_, i) => addDays("2026-06-01", i)),
    );
    expect(trendBuckets("2026-05-01", "2026-05-31").grain).toBe("day");
  });

  it("are 7-day buckets from the range's first day beyond 31 days; none straddles the range's start", () => {
    // 45 days: the range is 6 buckets of 7 days and one of 3; the baseline (180 days) 25 of 7 and one of 5.
    const { grain, buckets } = trendBuckets("2026-04-01", "2026-05-15");
    expect(grain).toBe("week");
    const range = buckets.filter((b) => b.part === "range");
    const baseline = buckets.filter((b) => b.part === "baseline");
    expect(range[0]).toMatchObject({ start: "2026-04-01", end: "2026-04-07", days: 7 });
    expect(range.at(-1)).toMatchObject({ start: "2026-05-13", end: "2026-05-15", days: 3 });
    expect(range.reduce((a, b) => a + b.days, 0)).toBe(45);
    expect(baseline.at(-1)).toMatchObject({ end: "2026-03-31", days: 7 });
    expect(baseline[0]).toMatchObject({ start: addDays("2026-04-01", -180), days: 5 });
    expect(baseline.reduce((a, b) => a + b.days, 0)).toBe(180);
    // Contiguous, in order.
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.start).toBe(addDays(buckets[i - 1]!.end, 1));
  });

  it("fill: the range's buckets add up to the range, and the periods are the ranking's", () => {
    const daily = new Map<string, number>([
      ["2026-03-01", 4], // before the baseline (2026-03-04 … 2026-03-31): ignored
      ["2026-03-04", 2],
      ["2026-03-10", 1],
      ["2026-03-31", 3],
      ["2026-04-01", 5],
      ["2026-04-07", 6],
      ["2026-04-08", 1], // after the range: ignored
    ]);
    const { series, periods } = fillTrend("2026-04-01", "2026-04-07", daily);
    expect(periods).toEqual([3, 0, 0, 3, 11]);
    expect(series.filter((b) => b.part === "range").reduce((a, b) => a + b.count, 0)).toBe(11);
    expect(series.filter((b) => b.part === "baseline").reduce((a, b) => a + b.count, 0)).toBe(6);
  });
});

describe("example snippets", () => {
  it("mask personal data before cutting, so a number at the cut is never half shown", () => {
    const phone = "13812345678";
    const text = `${"服务器无法访问".repeat(19)}，请回电 ${phone} 谢谢`; // the number straddles character 140
    const snippet = snippetOf(text, "");
    expect(snippet).not.toContain(phone);
    expect(snippet).not.toMatch(/1381/);
    expect([...snippet].length).toBeLessThanOrEqual(SNIPPET_CHARS);
    expect(findPii(snippet)).toEqual([]);
  });

  it("use the description when there is no subject, and fold whitespace", () => {
    expect(snippetOf("  ", "line one\n\nmail me at a.b@example.com")).toBe("line one mail me at [EMAIL]");
    expect(snippetOf("Subject", "description")).toBe("Subject");
  });
});

describe("hotspot trend option", () => {
  const points: HotspotTrendPoint[] = [
    { start: "2026-03-04", end: "2026-03-10", days: 7, part: "baseline", count: 7 },
    { start: "2026-03-11", end: "2026-03-17", days: 7, part: "baseline", count: 9 },
    { start: "2026-03-18", end: "2026-03-24", days: 7, part: "range", count: 30 },
    { start: "2026-03-25", end: "2026-03-27", days: 3, part: "range", count: 12 },
  ];

  it("draws the counts, the baseline mean scaled to each bucket's days, and shades the range", () => {
    const option = hotspotTrendOption(points, 10, 10, { count: "tickets", baseline: "baseline mean" });
    expect((option.xAxis as { data: string[] }).data).toEqual(points.map((p) => p.start));
    const series = option.series as { name: string; data: number[]; markArea?: { data: [{ xAxis: string }, { xAxis: string }][] } }[];
    expect(series[0]!.data).toEqual([7, 9, 30, 12]);
    expect(series[1]!.data).toEqual([7, 7, 7, 3]);
    expect(series[0]!.markArea!.data[0]!.map((edge) => edge.xAxis)).toEqual(["2026-03-18", "2026-03-25"]);
  });

  it("has no shading without range points, and keyword sizes grow with the count", () => {
    const option = hotspotTrendOption(points.slice(0, 2), 0, 7, { count: "a", baseline: "b" });
    expect((option.series as { markArea?: unknown }[])[0]!.markArea).toBeUndefined();
    expect(keywordSize(10, 10)).toBe(18);
    expect(keywordSize(0, 10)).toBe(12);
    expect(keywordSize(5, 10)).toBe(15);
    expect(keywordSize(3, 0)).toBe(12);
  });
});

describe("topic names", () => {
  it("come from config/taxonomy.yaml; a missing file means none", () => {
    const names = loadTopicNames();
    expect(names.get("network_latency")).toEqual({ zh: "网络延迟", en: "Network latency" });
    expect(loadTopicNames("/nonexistent/taxonomy.yaml").size).toBe(0);
  });
});
