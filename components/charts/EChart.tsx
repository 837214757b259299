"use client";

import { useEffect, useRef } from "react";
import type { EChartsOption } from "echarts";

/** The one echarts wrapper: mounts a chart, updates its option, resizes with its box. */
export interface ChartClick {
  name: string;
  seriesName?: string;
  value: unknown;
  /** Position of the clicked item in its series' data (a bar's category index). */
  dataIndex?: number;
}

export function EChart({
  option,
  height = 280,
  label,
  onClick,
}: {
  option: EChartsOption;
  height?: number;
  label: string;
  onClick?: (event: ChartClick) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<import("echarts").ECharts | null>(null);
  const clickHandler = useRef(onClick);
  // The chart library loads lazily; data may arrive first, so init reads the latest option.
  const latestOption = useRef(option);
  useEffect(() => {
    clickHandler.current = onClick;
    latestOption.current = option;
  }, [onClick, option]);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import("echarts").then((echarts) => {
      if (disposed || !ref.current) return;
      chart.current = echarts.init(ref.current);
      chart.current.setOption(latestOption.current);
      chart.current.on("click", (params) =>
        clickHandler.current?.({ name: String(params.name), seriesName: params.seriesName, value: params.value, dataIndex: params.dataIndex }),
      );
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
    // The chart is created once; option changes are applied by the effect below.
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: "100%", height }} />;
}
