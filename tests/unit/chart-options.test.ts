import { describe, expect, it } from "vitest";
import { heatmapOption, trendOption } from "../../components/charts/trend-option";

describe("trend option", () => {
  it("plots values as a line with gaps where there is no data, and n as bars", () => {
    const option = trendOption(
      [
        { bucket: "2026-01-05", n: 10, value: 81.234 },
        { bucket: "2026-01-12", n: 0, value: null },
      ],
      "CSAT",
    );
    const [bars, line] = option.series as { name: string; data: (number | null)[] }[];
    expect(bars!.data).toEqual([10, 0]);
    expect(line!.data).toEqual([81.23, null]);
    expect((option.xAxis as { data: string[] }).data).toEqual(["2026-01-05", "2026-01-12"]);
  });
});

describe("heatmap option", () => {
  it("fills all 7 × 24 cells, Monday first, with missing cells as 0", () => {
    const option = heatmapOption([{ weekday: 1, hour: 10, tickets: 5 }, { weekday: 7, hour: 23, tickets: 2 }]);
    const data = (option.series as { data: [number, number, number][] }[])[0]!.data;
    expect(data).toHaveLength(168);
    expect(data).toContainEqual([10, 0, 5]);
    expect(data).toContainEqual([23, 6, 2]);
    expect(data.filter((d) => d[2] === 0)).toHaveLength(166);
    expect((option.visualMap as { max: number }).max).toBe(5);
  });
});
