import { sql, type Sql } from "../clickhouse/sql";
import type { Bilingual } from "./definitions";

/**
 * First-response-time buckets of the FRT distribution chart. Each bucket holds the tickets whose
 * FRT metric (seconds, the card's own expression) is below its upper bound and not below the
 * previous one; the first also takes anything below 0 (a response stamped before creation), so
 * the buckets partition the FRT card's population.
 */
export const FRT_BUCKETS = [
  { id: "lt15m", below: 15 * 60, label: { en: "< 15 min", zh: "< 15 分钟" } },
  { id: "15m-1h", below: 3600, label: { en: "15–60 min", zh: "15–60 分钟" } },
  { id: "1h-4h", below: 4 * 3600, label: { en: "1–4 h", zh: "1–4 小时" } },
  { id: "4h-8h", below: 8 * 3600, label: { en: "4–8 h", zh: "4–8 小时" } },
  { id: "8h-24h", below: 24 * 3600, label: { en: "8–24 h", zh: "8–24 小时" } },
  { id: "1d-3d", below: 3 * 86_400, label: { en: "1–3 d", zh: "1–3 天" } },
  { id: "gt3d", below: null, label: { en: "> 3 d", zh: "> 3 天" } },
] as const satisfies readonly { id: string; below: number | null; label: Bilingual }[];

export type FrtBucketId = (typeof FRT_BUCKETS)[number]["id"];
export const FRT_BUCKET_IDS = FRT_BUCKETS.map((b) => b.id) as FrtBucketId[];

/** The bucket's index (0 … 6) of an FRT metric in seconds. */
export function frtBucketExpression(metric: Sql): Sql {
  const branches = FRT_BUCKETS.flatMap((b, index) => (b.below === null ? [] : [sql`${metric} < ${b.below}, ${index}`]));
  return sql`multiIf(${sql.join(branches)}, ${FRT_BUCKETS.length - 1})`;
}

export function frtBucketIndex(id: FrtBucketId): number {
  return FRT_BUCKETS.findIndex((b) => b.id === id);
}

/** The drill-down target listing one bucket's tickets (see server/kpi/drilldown.ts). */
export function frtBucketTarget(id: FrtBucketId): `frt.${FrtBucketId}` {
  return `frt.${id}`;
}
