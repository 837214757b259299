import { describe, expect, it } from "vitest";
import { volumeByDayOption } from "../../components/charts/volume-option";
import { formatChange, formatDuration, formatKpiValue } from "../../components/overview/format";
import { filterFromSearchParams, filterToSearchParams } from "../../components/overview/url-filter";
import { previousPeriod } from "../../server/kpi/filters";
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
