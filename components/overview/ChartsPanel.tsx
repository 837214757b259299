"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { EChart, type ChartClick } from "@/components/charts/EChart";
import { frtBucketsOption } from "@/components/charts/frt-option";
import { heatCellFromClick, heatCellLabel, heatmapOption, trendOption } from "@/components/charts/trend-option";
import type { DrillRequest } from "@/components/drilldown/DrillPanel";
import { useLocale } from "@/components/i18n/locale";
import { useTRPC } from "@/components/trpc/client";
import { FigureButton } from "@/components/ui/FigureButton";
import type { KpiId } from "@/server/kpi/definitions";
import { addDays, type DashboardFilter } from "@/server/kpi/filters";
import { frtBucketTarget } from "@/server/kpi/frt-buckets";
import { heatCellTarget, isHeatHour, isHeatWeekday } from "@/server/kpi/heat-cells";
import { formatCount } from "./format";
import type { KpiCardData } from "./KpiCard";

type Grain = "day" | "week" | "month";

/** The last day of a bucket, clipped to the filter's range. */
function bucketEnd(bucket: string, grain: Grain, rangeEnd: string): string {
  let end = bucket;
  if (grain === "week") end = addDays(bucket, 6);
  if (grain === "month") {
    const d = new Date(`${bucket}T00:00:00Z`);
    end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  }
  return end < rangeEnd ? end : rangeEnd;
}

export function ChartsPanel({
  filter,
  kpis,
  onDrill,
}: {
  filter: DashboardFilter;
  kpis: readonly KpiCardData[];
  onDrill: (request: DrillRequest) => void;
}) {
  const trpc = useTRPC();
  const { t, pick, locale } = useLocale();
  const [kpiId, setKpiId] = useState<KpiId>("csat");
  const [grain, setGrain] = useState<Grain>("day");
  const kpi = kpis.find((k) => k.id === kpiId);
  const series = useQuery({ ...trpc.overview.series.queryOptions({ filter, kpi: kpiId, grain }), placeholderData: keepPreviousData });
  const matrix = useQuery({ ...trpc.overview.slaMatrix.queryOptions(filter), placeholderData: keepPreviousData });
  const heat = useQuery({ ...trpc.overview.heatmap.queryOptions(filter), placeholderData: keepPreviousData });
  const frt = useQuery({ ...trpc.overview.frtBuckets.queryOptions(filter), placeholderData: keepPreviousData });
  const trend = useMemo(() => trendOption(series.data ?? [], kpi ? pick(kpi.label) : kpiId), [series.data, kpi, kpiId, pick]);
  const heatmap = useMemo(() => heatmapOption(heat.data ?? [], locale, t.tickets), [heat.data, locale, t.tickets]);
  const frtBars = useMemo(() => (frt.data ?? []).map((b) => ({ id: b.id, label: pick(b.label), n: b.n })), [frt.data, pick]);
  const frtOption = useMemo(() => frtBucketsOption(frtBars, t.tickets), [frtBars, t.tickets]);
  const frtKpi = kpis.find((k) => k.id === "frt");

  const frtClick = (event: ChartClick) => {
    const bar = frtBars[event.dataIndex ?? -1] ?? frtBars.find((b) => b.label === event.name);
    if (!bar || bar.n === 0 || !frt.data) return;
    const bucket = frt.data.find((b) => b.id === bar.id)!;
    onDrill({
      target: frtBucketTarget(bucket.id),
      filter,
      title: `${frtKpi ? pick(frtKpi.label) : t.frtDistribution} ${bar.label}: ${formatCount(bar.n)} ${frtKpi ? pick(frtKpi.sampleLabel) : ""}`.trim(),
    });
  };

  // A cell lists the tickets created in that weekday and hour (configured timezone) within the filter.
  const heatClick = (event: ChartClick) => {
    const cell = heatCellFromClick(event.value);
    if (!cell || !isHeatWeekday(cell.weekday) || !isHeatHour(cell.hour)) return;
    onDrill({ target: heatCellTarget(cell.weekday, cell.hour), filter, title: `${t.ticketsOn} ${heatCellLabel(cell.weekday, cell.hour, locale)}` });
  };

  const trendClick = (event: ChartClick) => {
    if (!kpi || !/^\d{4}-\d{2}-\d{2}$/.test(event.name)) return;
    const from = event.name < filter.from ? filter.from : event.name;
    onDrill({ target: kpi.id, filter: { ...filter, from, to: bucketEnd(event.name, grain, filter.to) }, title: `${pick(kpi.label)} · ${t[grain]} ${event.name}` });
  };

  return (
    <div className="chart-grid">
      <section className="panel" aria-label="KPI trend">
        <h2>
          {t.trendOf}{" "}
          <select name="trend-kpi" value={kpiId} onChange={(e) => setKpiId(e.target.value as KpiId)}>
            {kpis.map((k) => (
              <option key={k.id} value={k.id}>
                {pick(k.label)}
              </option>
            ))}
          </select>{" "}
          {t.by}{" "}
          <select name="trend-grain" value={grain} onChange={(e) => setGrain(e.target.value as Grain)}>
            <option value="day">{t.day}</option>
            <option value="week">{t.week}</option>
            <option value="month">{t.month}</option>
          </select>
        </h2>
        {series.error && <p className="error" role="alert">{t.couldNotLoad}: {series.error.message}</p>}
        <EChart option={trend} label={`${kpi ? pick(kpi.label) : kpiId} / ${t[grain]}`} onClick={trendClick} />
      </section>
      <section className="panel" aria-label="SLA compliance by priority and tier" data-testid="sla-matrix">
        <h2>{t.slaByPriority}</h2>
        {matrix.error && <p className="error" role="alert">{t.couldNotLoad}: {matrix.error.message}</p>}
        {matrix.data && (
          <table className="matrix">
            <thead>
              <tr>
                <th />
                {["basic", "advanced", "enterprise"].map((tier) => (
                  <th key={tier}>{tier}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {["P0", "P1", "P2", "P3"].map((priority) => (
                <tr key={priority}>
                  <th>{priority}</th>
                  {["basic", "advanced", "enterprise"].map((tier) => {
                    const cell = matrix.data.find((c) => c.priority === priority && c.tier === tier);
                    const value = cell?.value ?? null;
                    const tone = value === null ? "" : value >= 90 ? "met" : value >= 85 ? "near" : "missed";
                    return (
                      <td key={tier} className={`cell ${tone}`}>
                        <FigureButton
                          unit="percent"
                          value={value}
                          n={cell?.n ?? 0}
                          onOpen={() =>
                            onDrill({ target: "sla", filter: { ...filter, priority: [priority], slaTier: [tier] }, title: `SLA, ${priority} ${tier}` })
                          }
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-label="Tickets by weekday and hour" data-testid="heatmap">
        <h2>{t.heatmap}</h2>
        {heat.error && <p className="error" role="alert">{t.couldNotLoad}: {heat.error.message}</p>}
        <EChart
          option={heatmap}
          height={300}
          label="Heatmap of tickets by weekday and hour of day; click a cell for its tickets"
          onClick={heatClick}
        />
      </section>
      <section className="panel" aria-label="First response time distribution" data-testid="frt-buckets">
        <h2>{t.frtDistribution}</h2>
        {frt.error && <p className="error" role="alert">{t.couldNotLoad}: {frt.error.message}</p>}
        {frt.data && frtBars.every((b) => b.n === 0) ? (
          <p className="empty">{t.noResponded}</p>
        ) : (
          <EChart
            option={frtOption}
            label="Bars of tickets per first response time bucket; click a bar for its tickets"
            onClick={frtClick}
          />
        )}
      </section>
    </div>
  );
}
