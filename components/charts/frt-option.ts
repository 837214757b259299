import type { EChartsOption } from "echarts";

export interface FrtBar {
  id: string;
  /** Already in the reader's language. */
  label: string;
  n: number;
}

/** Tickets per first-response-time bucket as bars, fastest first; each bar's label shows its count. */
export function frtBucketsOption(bars: readonly FrtBar[], valueName: string): EChartsOption {
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: { left: 48, right: 16, top: 24, bottom: 40 },
    // Every bucket's label, wrapped onto two lines where the panel is narrow.
    xAxis: { type: "category", data: bars.map((b) => b.label), axisLabel: { interval: 0, fontSize: 11, width: 44, overflow: "break" } },
    yAxis: { type: "value", name: valueName, minInterval: 1 },
    series: [
      {
        name: valueName,
        type: "bar",
        // barMinHeight would draw empty buckets too: theirs is made invisible (the tooltip still says 0).
        data: bars.map((b) => (b.n > 0 ? b.n : { value: 0, itemStyle: { opacity: 0 } })),
        itemStyle: { color: "#3b82f6" },
        // A bucket of a few tickets next to one of hundreds stays visible and clickable.
        barMinHeight: 3,
        label: { show: true, position: "top", fontSize: 11 },
        cursor: "pointer",
      },
    ],
  };
}
