import type { EChartsOption } from "echarts";

export interface HotspotTrendPoint {
  start: string;
  end: string;
  days: number;
  part: "baseline" | "range";
  count: number;
}

/**
 * One hotspot topic's counts per bucket as a line, the baseline mean as a dashed line and the
 * range shaded. The baseline mean is per period of `periodDays` days; each bucket's expected count
 * is that mean scaled to the bucket's days (a shorter edge bucket expects less).
 */
export function hotspotTrendOption(
  points: readonly HotspotTrendPoint[],
  baselineMean: number,
  periodDays: number,
  names: { count: string; baseline: string },
): EChartsOption {
  const labels = points.map((p) => p.start);
  const range = points.filter((p) => p.part === "range");
  const expected = points.map((p) => Math.round(((baselineMean * p.days) / Math.max(1, periodDays)) * 10) / 10);
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: [names.count, names.baseline] },
    grid: { left: 40, right: 12, top: 28, bottom: 24 },
    xAxis: { type: "category", data: labels, boundaryGap: false },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        name: names.count,
        type: "line",
        data: points.map((p) => p.count),
        symbolSize: 4,
        lineStyle: { width: 2, color: "#1d4ed8" },
        itemStyle: { color: "#1d4ed8" },
        markArea:
          range.length > 0
            ? { silent: true, itemStyle: { color: "rgba(29, 78, 216, 0.08)" }, data: [[{ xAxis: range[0]!.start }, { xAxis: range[range.length - 1]!.start }]] }
            : undefined,
      },
      {
        name: names.baseline,
        type: "line",
        data: expected,
        symbol: "none",
        lineStyle: { type: "dashed", width: 1, color: "#64748b" },
        itemStyle: { color: "#64748b" },
      },
    ],
  };
}

/** Font size of a keyword chip: 12 px for the rarest up to 18 px for the most frequent. */
export function keywordSize(count: number, max: number): number {
  if (max <= 0) return 12;
  return Math.round(12 + (6 * Math.min(count, max)) / max);
}
