"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { EChart, type ChartClick } from "@/components/charts/EChart";
import { DrillPanel, type DrillRequest } from "@/components/drilldown/DrillPanel";
import { volumeByDayOption } from "@/components/charts/volume-option";
import { useLocale } from "@/components/i18n/locale";
import { useTRPC } from "@/components/trpc/client";
import { daysBetween, type Comparison, type DashboardFilter } from "@/server/kpi/filters";
import { FilterBar } from "./FilterBar";
import { formatCount } from "./format";
import { ChartsPanel } from "./ChartsPanel";
import { HotspotPanel } from "./HotspotPanel";
import { KpiCard } from "./KpiCard";
import { kpisInput, urlNotice, viewToSearchParams, type UrlProblems } from "./url-filter";

function urlFor(filter: DashboardFilter, comparison: Comparison, drill: DrillRequest | null): string {
  const params = viewToSearchParams(filter, comparison);
  return `?${params}${drill?.followsPageFilter ? `&drill=${drill.target}` : ""}`;
}

export function OverviewScreen({
  initialFilter,
  initialComparison = "previous",
  lastDay,
  timezone,
  urlProblems,
  initialDrill,
}: {
  initialFilter: DashboardFilter;
  initialComparison?: Comparison;
  lastDay: string;
  timezone: string;
  urlProblems: UrlProblems;
  initialDrill: string | null;
}) {
  const trpc = useTRPC();
  const { t, pick } = useLocale();
  const [filter, setFilter] = useState(initialFilter);
  const [comparison, setComparison] = useState<Comparison>(initialComparison);
  // undefined until the user opens or closes a list: until then a shared ?drill= link decides.
  const [drill, setDrill] = useState<DrillRequest | null | undefined>(undefined);
  const kpis = useQuery({ ...trpc.overview.kpis.queryOptions(kpisInput(filter, comparison)), placeholderData: keepPreviousData });
  const volume = useQuery({ ...trpc.overview.volumeByDay.queryOptions(filter), placeholderData: keepPreviousData });
  const volumeOption = useMemo(() => volumeByDayOption(volume.data?.rows ?? []), [volume.data]);

  const openDrill = (next: DrillRequest | null) => {
    setDrill(next);
    window.history.replaceState(null, "", urlFor(filter, comparison, next));
  };

  const change = (next: DashboardFilter) => {
    setFilter(next);
    // Keep the view in the URL so it can be shared; no server round trip needed.
    window.history.replaceState(null, "", urlFor(next, comparison, shownDrill));
  };

  const changeComparison = (next: Comparison) => {
    setComparison(next);
    window.history.replaceState(null, "", urlFor(filter, next, shownDrill));
  };

  const kpiDrill = (id: string): DrillRequest | null => {
    const kpi = kpis.data?.kpis.find((k) => k.id === id);
    return kpi
      ? { target: kpi.id, filter, title: `${pick(kpi.label)}: ${formatCount(kpi.n)} ${pick(kpi.sampleLabel)}`, followsPageFilter: true }
      : null;
  };
  // A shared link with ?drill=<kpi> opens that list once the cards are known.
  const chosen = drill !== undefined ? drill : initialDrill ? kpiDrill(initialDrill) : null;
  // A card's list follows the current filters (and its title the current n); a chart element's keeps its slice.
  const shownDrill = chosen?.followsPageFilter ? kpiDrill(chosen.target) : chosen;

  const volumeClick = (event: ChartClick) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(event.name) || !event.seriesName) return;
    openDrill({
      target: "tickets",
      filter: { ...filter, from: event.name, to: event.name, channel: [event.seriesName] },
      title: `${t.ticketsOn} ${event.name} · ${t.via} ${event.seriesName}`,
    });
  };

  const previous = kpis.data?.previousRange;
  const notice = urlNotice(urlProblems, t);
  return (
    <main className="overview">
      <header className="page-header">
        <h1>{t.overview}</h1>
        <p className="muted">
          {filter.from} → {filter.to} · {t.timesIn} {timezone}
          {kpis.isFetching && <span className="loading" role="status"> · {t.updating}</span>}
        </p>
      </header>
      {notice && (
        <p className="notice" role="alert">
          {notice}
        </p>
      )}
      <FilterBar filter={filter} lastDay={lastDay} onChange={change} comparison={{ value: comparison, onChange: changeComparison }} />
      {kpis.error && <p className="error" role="alert">{t.couldNotLoad}: {kpis.error.message}</p>}
      <section className="kpi-grid" aria-label="KPI cards" aria-busy={kpis.isPending}>
        {kpis.isPending && !kpis.data
          ? Array.from({ length: 6 }, (_, i) => <div key={i} className="kpi-card skeleton" />)
          : kpis.data?.kpis.map((kpi) => (
              <KpiCard
                key={kpi.id}
                kpi={kpi}
                onDrill={() => openDrill(kpiDrill(kpi.id))}
                previousLabel={
                  kpis.data?.comparison === "lastYear" ? t.compareLastYear : `${t.previous} ${daysBetween(filter.from, filter.to) + 1} ${t.days}`
                }
                previousRange={previous ? `${previous.from} → ${previous.to}` : ""}
                sparklineLabel={kpis.data?.sparklineGrain === "week" ? t.perWeek : t.perDay}
              />
            ))}
      </section>
      {shownDrill && (
        <DrillPanel key={JSON.stringify(shownDrill)} request={shownDrill} timezone={timezone} onClose={() => openDrill(null)} />
      )}
      {kpis.data && <ChartsPanel filter={filter} kpis={kpis.data.kpis} onDrill={openDrill} />}
      <HotspotPanel filter={filter} onDrill={openDrill} />
      <section className="panel" aria-label="Ticket volume by day and channel">
        <h2>{t.volume}</h2>
        {volume.error && <p className="error" role="alert">{t.couldNotLoad}: {volume.error.message}</p>}
        {volume.data && volume.data.rows.length === 0 ? (
          <p className="empty">{t.noTickets}</p>
        ) : (
          <EChart
            option={volumeOption}
            label="Stacked bars of tickets per day, one colour per channel; click a bar for its tickets"
            onClick={volumeClick}
          />
        )}
      </section>
    </main>
  );
}
