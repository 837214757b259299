/**
 * A KPI's values over time as an SVG path for a tiny inline chart (an echarts instance per card
 * would cost 16 canvases for a few pixels each). Buckets without data (null) break the line;
 * a value with no neighbour is returned as a dot so it is not lost.
 */
export interface SparklineShape {
  /** SVG path data: one "M … L …" run per stretch of consecutive values. */
  d: string;
  /** Isolated values (no value before or after them). */
  dots: { x: number; y: number }[];
  /** Where the last value is drawn, if there is one. */
  last: { x: number; y: number } | null;
}

const round = (v: number) => Math.round(v * 10) / 10;

export function sparklineShape(values: readonly (number | null)[], width: number, height: number, pad = 2): SparklineShape {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return { d: "", dots: [], last: null };
  const min = Math.min(...present);
  const max = Math.max(...present);
  const x = (i: number) => round(values.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (values.length - 1));
  // A flat series sits in the middle rather than on an edge.
  const y = (v: number) => round(max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / (max - min));
  const parts: string[] = [];
  const dots: { x: number; y: number }[] = [];
  let last: SparklineShape["last"] = null;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    const point = { x: x(i), y: y(v) };
    const before = i > 0 && values[i - 1] !== null && Number.isFinite(values[i - 1]);
    const after = i < values.length - 1 && values[i + 1] !== null && Number.isFinite(values[i + 1]);
    if (!before && !after) dots.push(point);
    else parts.push(`${before ? "L" : "M"}${point.x} ${point.y}`);
    last = point;
  });
  return { d: parts.join(" "), dots, last };
}
