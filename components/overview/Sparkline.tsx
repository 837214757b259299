"use client";

import { useMemo } from "react";
import { sparklineShape } from "@/components/charts/sparkline";
import type { KpiUnit } from "@/server/kpi/definitions";
import { formatKpiValue } from "./format";

const WIDTH = 160;
const HEIGHT = 28;

/** A KPI's per-day (or per-week) values as a tiny inline SVG line; empty buckets break the line. */
export function Sparkline({
  points,
  unit,
  label,
}: {
  points: readonly { bucket: string; n: number; value: number | null }[];
  unit: KpiUnit;
  /** What the line shows, e.g. "CSAT per day". */
  label: string;
}) {
  const shape = useMemo(() => sparklineShape(points.map((p) => p.value), WIDTH, HEIGHT), [points]);
  const withData = points.filter((p) => p.value !== null);
  const first = points[0]?.bucket;
  const last = points[points.length - 1]?.bucket;
  const values = withData.map((p) => p.value as number);
  const summary =
    values.length === 0
      ? `${label}: —`
      : `${label}, ${first} → ${last}: min ${formatKpiValue(unit, Math.min(...values))}, max ${formatKpiValue(unit, Math.max(...values))}, ` +
        `last ${formatKpiValue(unit, values[values.length - 1]!)}`;
  return (
    <svg
      className="sparkline"
      data-testid="sparkline"
      data-points={withData.length}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={summary}
    >
      <title>{summary}</title>
      {shape.d && <path d={shape.d} fill="none" stroke="currentColor" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />}
      {shape.dots.map((p) => (
        <circle key={`${p.x},${p.y}`} cx={p.x} cy={p.y} r={1.5} fill="currentColor" />
      ))}
      {shape.last && <circle className="sparkline-last" cx={shape.last.x} cy={shape.last.y} r={2} />}
    </svg>
  );
}
