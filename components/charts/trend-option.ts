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

/** A cell's weekday and hour as the reader sees them: "Tue 14:00–15:00" (weekday 1 = Monday). */
export function heatCellLabel(weekday: number, hour: number, locale: "en" | "zh" = "en"): string {
  const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
  return `${WEEKDAYS[locale][weekday - 1] ?? weekday} ${hh(hour)}–${hh(hour + 1)}`;
}

/** The cell a click on the heatmap hit (its data item is [hour, weekday − 1, tickets]); null for anything else. */
export function heatCellFromClick(value: unknown): HeatCell | null {
  if (!Array.isArray(value) || value.length < 3) return null;
  const [hour, row, tickets] = value as unknown[];
  if (!Number.isInteger(hour) || !Number.isInteger(row) || typeof tickets !== "number") return null;
  const weekday = (row as number) + 1;
  if ((hour as number) < 0 || (hour as number) > 23 || weekday < 1 || weekday > 7) return null;
  return { weekday, hour: hour as number, tickets };
}

/**
 * Weekday (rows, Monday first) × hour (columns) heatmap of ticket counts; missing cells are 0.
 * Every cell is clickable (its tickets' drill-down); the tooltip names the cell and its count.
 */
export function heatmapOption(cells: readonly HeatCell[], locale: "en" | "zh" = "en", valueName = "tickets"): EChartsOption {
  const data: [number, number, number][] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const cell = cells.find((c) => c.weekday === weekday && c.hour === hour);
      data.push([hour, weekday - 1, cell?.tickets ?? 0]);
    }
  }
  const max = Math.max(1, ...data.map((d) => d[2]));
  return {
    tooltip: {
      position: "top",
      formatter: (params) => {
        const cell = heatCellFromClick((Array.isArray(params) ? params[0] : params)?.value);
        return cell ? `${heatCellLabel(cell.weekday, cell.hour, locale)}<br/>${valueName}: ${cell.tickets}` : "";
      },
    },
    grid: { left: 48, right: 16, top: 8, bottom: 64 },
    xAxis: { type: "category", data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0")), splitArea: { show: true } },
    yAxis: { type: "category", data: [...WEEKDAYS[locale]], inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max, calculable: true, orient: "horizontal", left: "center", bottom: 0 },
    series: [{ name: valueName, type: "heatmap", data, cursor: "pointer", emphasis: { itemStyle: { borderColor: "#1e293b", borderWidth: 1 } } }],
  };
}
