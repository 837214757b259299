import type { EChartsOption } from "echarts";

export interface VolumeRow {
  day: string;
  channel: string;
  tickets: number;
}

/** Rows (day × channel) → a stacked bar chart with one series per channel and every day on the axis. */
export function volumeByDayOption(rows: readonly VolumeRow[]): EChartsOption {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const channels = [...new Set(rows.map((r) => r.channel))].sort();
  const index = new Map(days.map((d, i) => [d, i]));
  const series = channels.map((channel) => {
    const data = new Array<number>(days.length).fill(0);
    for (const r of rows) if (r.channel === channel) data[index.get(r.day)!] = r.tickets;
    return { name: channel, type: "bar" as const, stack: "tickets", data, emphasis: { focus: "series" as const } };
  });
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: "category", data: days },
    yAxis: { type: "value", name: "tickets" },
    series,
  };
}
