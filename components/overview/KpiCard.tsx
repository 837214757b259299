"use client";

import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/root";
import { useLocale } from "@/components/i18n/locale";
import { formatChange, formatCount, formatKpiValue } from "./format";
import { Sparkline } from "./Sparkline";

export type KpiCardData = inferRouterOutputs<AppRouter>["overview"]["kpis"]["kpis"][number];

export function KpiCard({
  kpi,
  previousLabel,
  previousRange,
  sparklineLabel,
  onDrill,
}: {
  kpi: KpiCardData;
  previousLabel: string;
  previousRange: string;
  /** "per day" or "per week", for the sparkline's label. */
  sparklineLabel: string;
  onDrill: () => void;
}) {
  const { t, pick } = useLocale();
  const targetText = `${kpi.better === "higher" ? "≥" : "≤"} ${formatKpiValue(kpi.unit, kpi.target)}`;
  const improved = kpi.change === null || kpi.change === 0 ? null : (kpi.change > 0) === (kpi.better === "higher");
  return (
    <article
      className={`kpi-card status-${kpi.status}`}
      data-testid={`kpi-card-${kpi.id}`}
      aria-label={pick(kpi.label)}
      onClick={(e) => {
        // The whole card opens the records; the info marker and the n button handle themselves.
        if (kpi.n > 0 && !(e.target as HTMLElement).closest("button, .info")) onDrill();
      }}
    >
      <header>
        <h3>{pick(kpi.label)}</h3>
        <span className="info" tabIndex={0} title={pick(kpi.formula)} aria-label={pick(kpi.formula)}>
          i
        </span>
      </header>
      <div className="kpi-value" data-testid="kpi-value">
        {formatKpiValue(kpi.unit, kpi.value)}
      </div>
      <button type="button" className="kpi-n" data-testid="kpi-n" onClick={onDrill} disabled={kpi.n === 0} title={t.showRecords}>
        n = {formatCount(kpi.n)} {pick(kpi.sampleLabel)}
      </button>
      <div className={`kpi-change ${improved === null ? "" : improved ? "better" : "worse"}`} title={previousRange}>
        {formatChange(kpi.unit, kpi.change)} {t.vs} {previousLabel}
        <span className="muted"> ({formatKpiValue(kpi.unit, kpi.previousValue)}, n = {formatCount(kpi.previousN)})</span>
      </div>
      <Sparkline points={kpi.sparkline} unit={kpi.unit} label={`${pick(kpi.label)} ${sparklineLabel}`} />
      <div className="kpi-target">
        {t.target} {targetText} · <strong>{t[kpi.status]}</strong>
      </div>
      {kpi.ignoredFilters.length > 0 && (
        <div className="kpi-note" title={kpi.ignoredFilters.includes("queue") ? t.queueNote : undefined}>
          {t.notFilteredBy} {kpi.ignoredFilters.map((f) => t[f]).join(", ")} {t.notRecorded}
        </div>
      )}
    </article>
  );
}
