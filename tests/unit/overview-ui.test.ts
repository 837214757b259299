import { describe, expect, it } from "vitest";
import { volumeByDayOption } from "../../components/charts/volume-option";
import { formatChange, formatDuration, formatKpiValue } from "../../components/overview/format";
import {
  comparisonFromSearchParams,
  filterFromSearchParams,
  filterToSearchParams,
  kpisInput,
  urlNotice,
  viewToSearchParams,
} from "../../components/overview/url-filter";
import { MESSAGES } from "../../components/i18n/messages";
import { bucketsInRange, sparklineGrain } from "../../server/kpi/buckets";
import { comparisonPeriod, previousPeriod, sameDayLastYear } from "../../server/kpi/filters";
import { targetStatus } from "../../server/kpi/targets";

describe("KPI formatting", () => {
  it("formats durations by their two largest units", () => {
    expect(formatDuration(45)).toBe("45s");
    expect(formatDuration(252)).toBe("4m 12s");
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe("3h 05m");
    expect(formatDuration(2 * 86_400 + 4 * 3600)).toBe("2d 4h");
  });

  it("formats values and changes in the KPI's unit, with a dash for no data", () => {
    expect(formatKpiValue("percent", 87.349)).toBe("87.3%");
    expect(formatKpiValue("points", -12)).toBe("-12.0");
    expect(formatKpiValue("seconds", null)).toBe("—");
    expect(formatChange("percent", -1.25)).toBe("−1.3 pp");
    expect(formatChange("seconds", 65)).toBe("+1m 05s");
    expect(formatChange("points", 0)).toBe("±0.0");
  });
});

describe("targets", () => {
  it("respects the KPI's direction and tolerance", () => {
    expect(targetStatus(90, { value: 85, tolerance: 5 }, "higher")).toBe("met");
    expect(targetStatus(82, { value: 85, tolerance: 5 }, "higher")).toBe("near");
    expect(targetStatus(70, { value: 85, tolerance: 5 }, "higher")).toBe("missed");
    expect(targetStatus(500, { value: 480, tolerance: 60 }, "lower")).toBe("near");
    expect(targetStatus(null, { value: 1, tolerance: 0 }, "lower")).toBe("unknown");
  });
});

describe("filters in the URL", () => {
  it("round-trips a filter through search params", () => {
    const filter = { from: "2026-01-01", to: "2026-01-31", channel: ["phone", "chat"], region: ["cn-east-2"] };
    const params = Object.fromEntries(new URLSearchParams(filterToSearchParams(filter)));
    expect(filterFromSearchParams(params, "2026-06-30")).toEqual({ filter, problem: null });
  });

  it("falls back to the last 30 days of data and reports what was wrong", () => {
    const { filter, problem } = filterFromSearchParams({ from: "2026-02-31", to: "2026-03-01" }, "2026-06-30");
    expect(filter).toEqual({ from: "2026-06-01", to: "2026-06-30" });
    expect(problem).toMatch(/^from: /);
    expect(filterFromSearchParams({}, "2026-06-30")).toEqual({ filter: { from: "2026-06-01", to: "2026-06-30" }, problem: null });
  });

  it("the previous period has the same length and ends the day before", () => {
    expect(previousPeriod({ from: "2026-03-01", to: "2026-03-31" })).toEqual({ from: "2026-01-29", to: "2026-02-28" });
  });

  it("keeps the queue filter and the comparison in the URL; the default comparison is left out", () => {
    const filter = { from: "2026-01-01", to: "2026-01-31", queue: ["zh-vip"] };
    const url = viewToSearchParams(filter, "lastYear");
    expect(url).toBe("from=2026-01-01&to=2026-01-31&queue=zh-vip&compare=lastYear");
    const params = Object.fromEntries(new URLSearchParams(url));
    expect(filterFromSearchParams(params, "2026-06-30")).toEqual({ filter, problem: null });
    expect(comparisonFromSearchParams(params)).toEqual({ comparison: "lastYear", problem: null });
    expect(viewToSearchParams(filter, "previous")).toBe("from=2026-01-01&to=2026-01-31&queue=zh-vip");
    expect(comparisonFromSearchParams({})).toEqual({ comparison: "previous", problem: null });
    expect(comparisonFromSearchParams({ compare: "lastWeek" })).toEqual({
      comparison: "previous",
      problem: "compare: expected one of previous, lastYear",
    });
  });

  it("the notice says what each invalid part of a link fell back to: only a bad filter resets the range", () => {
    const comparison = comparisonFromSearchParams({ from: "2026-01-01", to: "2026-01-31", compare: "lastWeek" });
    const { filter, problem } = filterFromSearchParams({ from: "2026-01-01", to: "2026-01-31", compare: "lastWeek" }, "2026-06-30");
    // The link's range is kept; only the comparison fell back.
    expect(filter).toEqual({ from: "2026-01-01", to: "2026-01-31" });
    const onlyCompare = urlNotice({ filter: problem, comparison: comparison.problem }, MESSAGES.en)!;
    expect(onlyCompare).toBe(
      "Ignored an invalid comparison in the link (compare: expected one of previous, lastYear); comparing with the previous period instead.",
    );
    expect(onlyCompare).not.toMatch(/default range/);
    expect(urlNotice({ filter: null, comparison: comparison.problem }, MESSAGES.zh)).toBe(
      "已忽略链接中的无效对比周期 (compare: expected one of previous, lastYear); 改为与上一周期对比。",
    );

    expect(urlNotice({ filter: "from: not a calendar date", comparison: null }, MESSAGES.en)).toBe(
      "Ignored an invalid filter in the link (from: not a calendar date); showing the default range.",
    );
    const both = urlNotice({ filter: "from: not a calendar date", comparison: "compare: expected one of previous, lastYear" }, MESSAGES.en)!;
    expect(both).toMatch(/^Ignored an invalid filter in the link \(from: not a calendar date\); showing the default range\. Ignored an invalid comparison/);
    expect(both).toMatch(/comparing with the previous period instead\.$/);
    expect(urlNotice({ filter: null, comparison: null }, MESSAGES.en)).toBeNull();
  });

  it("asks overview.kpis without the default comparison, so the server prefetch and the client share a query key", () => {
    const filter = { from: "2026-01-01", to: "2026-01-31" };
    expect(kpisInput(filter, "previous")).toBe(filter);
    expect(kpisInput(filter, "lastYear")).toEqual({ ...filter, compare: "lastYear" });
  });
});

describe("comparison periods", () => {
  it("the same period last year: same calendar days, 29 February becoming 28 February", () => {
    expect(comparisonPeriod({ from: "2026-03-01", to: "2026-03-31" }, "lastYear")).toEqual({ from: "2025-03-01", to: "2025-03-31" });
    expect(comparisonPeriod({ from: "2024-02-01", to: "2024-02-29", channel: ["chat"] }, "lastYear")).toEqual({
      from: "2023-02-01",
      to: "2023-02-28",
      channel: ["chat"],
    });
    expect(sameDayLastYear("2025-02-28")).toBe("2024-02-28");
    expect(comparisonPeriod({ from: "2026-03-01", to: "2026-03-31" })).toEqual(previousPeriod({ from: "2026-03-01", to: "2026-03-31" }));
  });
});

describe("sparkline buckets", () => {
  it("one a day up to 62 days, then one a week from the Monday of the first week", () => {
    expect(sparklineGrain("2026-01-01", "2026-03-03")).toBe("day");
    expect(sparklineGrain("2026-01-01", "2026-03-04")).toBe("week");
    expect(bucketsInRange("2026-01-30", "2026-02-02", "day")).toEqual(["2026-01-30", "2026-01-31", "2026-02-01", "2026-02-02"]);
    // 2026-01-01 is a Thursday.
    expect(bucketsInRange("2026-01-01", "2026-01-19", "week")).toEqual(["2025-12-29", "2026-01-05", "2026-01-12", "2026-01-19"]);
    expect(bucketsInRange("2025-11-15", "2026-02-01", "month")).toEqual(["2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"]);
  });
});

describe("volume chart option", () => {
  it("stacks one series per channel over every day, filling missing days with 0", () => {
    const option = volumeByDayOption([
      { day: "2026-01-02", channel: "phone", tickets: 5 },
      { day: "2026-01-01", channel: "chat", tickets: 3 },
      { day: "2026-01-02", channel: "chat", tickets: 1 },
    ]);
    expect((option.xAxis as { data: string[] }).data).toEqual(["2026-01-01", "2026-01-02"]);
    const series = option.series as { name: string; data: number[]; stack: string }[];
    expect(series.map((s) => [s.name, s.data, s.stack])).toEqual([
      ["chat", [3, 1], "tickets"],
      ["phone", [0, 5], "tickets"],
    ]);
  });
});
