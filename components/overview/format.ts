import type { KpiUnit } from "@/server/kpi/definitions";

/** Seconds as the two largest units: 45s, 4m 12s, 3h 05m, 2d 4h. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.round(Math.abs(totalSeconds));
  const sign = totalSeconds < 0 ? "−" : "";
  if (s < 60) return `${sign}${s}s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  if (s < 86_400) return `${sign}${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  return `${sign}${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

export function formatKpiValue(unit: KpiUnit, value: number | null): string {
  if (value === null) return "—";
  if (unit === "percent") return `${value.toFixed(1)}%`;
  if (unit === "seconds") return formatDuration(value);
  if (unit === "score") return value.toFixed(2);
  return value.toFixed(1);
}

/** The change against the previous period, in the KPI's unit (percentage points for shares). */
export function formatChange(unit: KpiUnit, change: number | null): string {
  if (change === null) return "—";
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  const magnitude = Math.abs(change);
  if (unit === "percent") return `${sign}${magnitude.toFixed(1)} pp`;
  if (unit === "seconds") return `${sign}${formatDuration(magnitude)}`;
  return `${sign}${magnitude.toFixed(unit === "score" ? 2 : 1)}`;
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}
