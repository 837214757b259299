import type { EChartsOption } from "echarts";

export interface SeriesPoint {
  bucket: string;
  n: number;
  value: number | null;
}

/** A KPI per bucket as a line (value, left axis) over bars (n, right axis); gaps where n = 0. */
export function trendOption(points: readonly SeriesPoint[], valueName: string): EChartsOption {
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: [valueName, "n"] },
    grid: { left: 56, right: 56, top: 36, bottom: 28 },
    xAxis: { type: "category", data: points.map((p) => p.bucket) },
    yAxis: [
      { type: "value", name: valueName, scale: true },
      { type: "value", name: "n", splitLine: { show: false } },
    ],
    series: [
      { name: "n", type: "bar", yAxisIndex: 1, data: points.map((p) => p.n), itemStyle: { color: "#cbd5e1" } },
      { name: valueName, type: "line", data: points.map((p) => (p.value === null ? null : Math.round(p.value * 100) / 100)), connectNulls: false },
    ],
  };
}

export interface HeatCell {
  weekday: number;
  hour: number;
  tickets: number;
}

/** Weekday names, Monday first (ClickHouse toDayOfWeek: 1 = Monday). */
export const WEEKDAYS: Record<"en" | "zh", readonly string[]> = {
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
  zh: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
};

/** Weekday (rows, Monday first) × hour (columns) heatmap of ticket counts; missing cells are 0. */
export function heatmapOption(cells: readonly HeatCell[], locale: "en" | "zh" = "en"): EChartsOption {
  const data: [number, number, number][] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const cell = cells.find((c) => c.weekday === weekday && c.hour === hour);
      data.push([hour, weekday - 1, cell?.tickets ?? 0]);
    }
  }
  const max = Math.max(1, ...data.map((d) => d[2]));
  return {
    tooltip: { position: "top" },
    grid: { left: 48, right: 16, top: 8, bottom: 64 },
    xAxis: { type: "category", data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0")), splitArea: { show: true } },
    yAxis: { type: "category", data: [...WEEKDAYS[locale]], inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: true, orient: "horizontal", left: "center", bottom: 0 },
    series: [{ name: "tickets", type: "heatmap", data }],
  };
}
