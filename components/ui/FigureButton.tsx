import { formatCount, formatKpiValue } from "@/components/overview/format";
import type { KpiUnit } from "@/server/kpi/definitions";

/** A figure with its sample size that opens the records behind it; a dash when there are none. */
export function FigureButton({
  unit,
  value,
  n,
  onOpen,
  className,
}: {
  unit: KpiUnit;
  value: number | null;
  n: number;
  onOpen: () => void;
  className?: string;
}) {
  if (n === 0) return <span className="muted">—</span>;
  return (
    <button type="button" className={className} onClick={onOpen}>
      {formatKpiValue(unit, value)}
      <span className="muted"> n = {formatCount(n)}</span>
    </button>
  );
}
