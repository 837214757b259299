import { describe, expect, it } from "vitest";
import { frtBucketsOption } from "../../components/charts/frt-option";
import { sparklineShape } from "../../components/charts/sparkline";
import { heatCellFromClick, heatCellLabel, heatmapOption, trendOption } from "../../components/charts/trend-option";

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

describe("heatmap weekday labels", () => {
  it("are Monday first in English and in Chinese", () => {
    expect((heatmapOption([]).yAxis as { data: string[] }).data).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect((heatmapOption([], "zh").yAxis as { data: string[] }).data).toEqual(["周一", "周二", "周三", "周四", "周五", "周六", "周日"]);
  });
});

describe("heatmap cells", () => {
  it("name a cell by weekday and hour, in English and in Chinese", () => {
    expect(heatCellLabel(2, 14)).toBe("Tue 14:00–15:00");
    expect(heatCellLabel(1, 0, "en")).toBe("Mon 00:00–01:00");
    expect(heatCellLabel(7, 23, "en")).toBe("Sun 23:00–24:00");
    expect(heatCellLabel(2, 14, "zh")).toBe("周二 14:00–15:00");
  });

  it("map a clicked data item back to its weekday, hour and count", () => {
    const option = heatmapOption([{ weekday: 2, hour: 14, tickets: 9 }]);
    const [series] = option.series as { data: [number, number, number][]; cursor: string }[];
    expect(series!.cursor).toBe("pointer");
    const item = series!.data.find((d) => d[2] === 9)!;
    expect(heatCellFromClick(item)).toEqual({ weekday: 2, hour: 14, tickets: 9 });
    expect(heatCellFromClick([0, 6, 0])).toEqual({ weekday: 7, hour: 0, tickets: 0 });
    for (const bad of [undefined, null, 3, "x", [1, 2], [24, 0, 1], [0, 7, 1], [-1, 0, 1], [1.5, 0, 1], ["1", 0, 1]]) {
      expect(heatCellFromClick(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it("the tooltip names the cell and its count, in the reader's language", () => {
    const option = heatmapOption([{ weekday: 2, hour: 14, tickets: 9 }], "zh", "工单数");
    const formatter = (option.tooltip as { formatter: (p: { value: unknown }) => string }).formatter;
    expect(formatter({ value: [14, 1, 9] })).toBe("周二 14:00–15:00<br/>工单数: 9");
    expect((option.series as { name: string }[])[0]!.name).toBe("工单数");
    expect((heatmapOption([]).series as { name: string }[])[0]!.name).toBe("tickets");
  });
});

describe("FRT distribution option", () => {
  it("draws one bar per bucket in order, empty buckets as an invisible 0, each labelled with its count", () => {
    const option = frtBucketsOption(
      [
        { id: "lt15m", label: "< 15 min", n: 4 },
        { id: "15m-1h", label: "15–60 min", n: 0 },
        { id: "gt3d", label: "> 3 d", n: 2 },
      ],
      "Tickets",
    );
    expect((option.xAxis as { data: string[] }).data).toEqual(["< 15 min", "15–60 min", "> 3 d"]);
    const [bars] = option.series as { type: string; data: (number | { value: number })[]; label: { show: boolean } }[];
    expect(bars!.type).toBe("bar");
    expect(bars!.data.map((d) => (typeof d === "number" ? d : d.value))).toEqual([4, 0, 2]);
    expect(bars!.data[1]).toMatchObject({ itemStyle: { opacity: 0 } });
    expect(bars!.label.show).toBe(true);
  });
});

describe("sparkline shape", () => {
  it("scales values into the box, lowest at the bottom, and breaks the line at empty buckets", () => {
    const shape = sparklineShape([1, 3, null, 2, 2, null, 5], 62, 22, 1);
    // x: 1 + i * 10; y: 21 − (v − 1) * 5.
    expect(shape.d).toBe("M1 21 L11 11 M31 16 L41 16");
    expect(shape.dots).toEqual([{ x: 61, y: 1 }]);
    expect(shape.last).toEqual({ x: 61, y: 1 });
  });

  it("puts a flat series in the middle, a single value as a dot, and nothing without values", () => {
    expect(sparklineShape([7, 7, 7], 20, 10, 0).d).toBe("M0 5 L10 5 L20 5");
    expect(sparklineShape([4], 20, 10)).toEqual({ d: "", dots: [{ x: 10, y: 5 }], last: { x: 10, y: 5 } });
    expect(sparklineShape([null, null], 20, 10)).toEqual({ d: "", dots: [], last: null });
  });
});
