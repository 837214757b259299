import type { KpiId } from "./definitions";

export interface KpiTarget {
  /** The value that meets the target (direction comes from the KPI: higher or lower is better). */
  value: number;
  /** Within this distance of the target the KPI shows as "near" rather than "missed". */
  tolerance: number;
}

/** Default targets, as in the product's seeds (FCR ≥ 85 %, CSAT share ≥ 85 %). Configurable in a later issue. */
export const DEFAULT_TARGETS: Record<KpiId, KpiTarget> = {
  nps: { value: 30, tolerance: 10 },
  csat: { value: 85, tolerance: 5 },
  ces: { value: 3, tolerance: 0.5 },
  fcr: { value: 85, tolerance: 5 },
  frt: { value: 3600, tolerance: 900 },
  resolution: { value: 8 * 3600, tolerance: 4 * 3600 },
  sla: { value: 90, tolerance: 5 },
  asa: { value: 30, tolerance: 15 },
  answerRate: { value: 95, tolerance: 3 },
  abandonRate: { value: 5, tolerance: 2 },
  aht: { value: 480, tolerance: 60 },
  reopenRate: { value: 5, tolerance: 2 },
  escalationRate: { value: 25, tolerance: 5 },
  transferRate: { value: 10, tolerance: 5 },
  selfService: { value: 10, tolerance: 3 },
  sentiment: { value: 0.1, tolerance: 0.1 },
};

export type TargetStatus = "met" | "near" | "missed" | "unknown";

export function targetStatus(value: number | null, target: KpiTarget, better: "higher" | "lower"): TargetStatus {
  if (value === null) return "unknown";
  const gap = better === "higher" ? target.value - value : value - target.value;
  if (gap <= 0) return "met";
  return gap <= target.tolerance ? "near" : "missed";
}
