"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DrillPanel, type DrillRequest } from "@/components/drilldown/DrillPanel";
import { useLocale } from "@/components/i18n/locale";
import { FilterBar } from "@/components/overview/FilterBar";
import { filterToSearchParams } from "@/components/overview/url-filter";
import { useTRPC } from "@/components/trpc/client";
import { FigureButton } from "@/components/ui/FigureButton";
import type { DashboardFilter } from "@/server/kpi/filters";

type By = "team" | "agent";

/** Agents & teams: KPIs per team or agent; any cell opens the records behind it. */
export function PeopleScreen({ initialFilter, lastDay, timezone }: { initialFilter: DashboardFilter; lastDay: string; timezone: string }) {
  const trpc = useTRPC();
  const { t, pick } = useLocale();
  const [filter, setFilter] = useState(initialFilter);
  const [by, setBy] = useState<By>("team");
  const [sort, setSort] = useState<{ key: string; direction: 1 | -1 }>({ key: "name", direction: 1 });
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  const table = useQuery({ ...trpc.people.table.queryOptions({ filter, by }), placeholderData: keepPreviousData });
  const cards = useQuery({ ...trpc.overview.kpis.queryOptions(filter), placeholderData: keepPreviousData });
  const definitions = new Map((cards.data?.kpis ?? []).map((k) => [k.id, k]));

  const rows = [...(table.data?.rows ?? [])].sort((a, b) => {
    if (sort.key === "name") return a.key.localeCompare(b.key) * sort.direction;
    const va = a.cells[sort.key]?.value ?? Number.NEGATIVE_INFINITY;
    const vb = b.cells[sort.key]?.value ?? Number.NEGATIVE_INFINITY;
    return (va - vb) * sort.direction;
  });
  const toggle = (key: string) => setSort((s) => ({ key, direction: s.key === key ? ((-s.direction) as 1 | -1) : -1 }));

  return (
    <main className="overview">
      <header className="page-header">
        <h1>{t.people}</h1>
        <p className="muted">
          {filter.from} → {filter.to} · {t.timesIn} {timezone}
        </p>
      </header>
      <FilterBar
        filter={filter}
        lastDay={lastDay}
        onChange={(next) => {
          setFilter(next);
          setDrill(null);
          window.history.replaceState(null, "", `?${filterToSearchParams(next)}`);
        }}
      />
      <div className="presets" role="group" aria-label={t.people}>
        {(["team", "agent"] as const).map((b) => (
          <button key={b} type="button" aria-pressed={by === b} onClick={() => setBy(b)}>
            {t[b]}
          </button>
        ))}
      </div>
      {table.error && <p className="error" role="alert">{t.couldNotLoad}: {table.error.message}</p>}
      {drill && <DrillPanel key={JSON.stringify(drill)} request={drill} timezone={timezone} onClose={() => setDrill(null)} />}
      <section className="panel drill" aria-label={t.people} data-testid="people-table">
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th aria-sort={sort.key === "name" ? (sort.direction === 1 ? "ascending" : "descending") : "none"}>
                  <button type="button" onClick={() => toggle("name")}>
                    {t[by]}
                  </button>
                </th>
                {(table.data?.kpis ?? []).map((id) => (
                  <th key={id} aria-sort={sort.key === id ? (sort.direction === 1 ? "ascending" : "descending") : "none"}>
                    <button type="button" onClick={() => toggle(id)} title={definitions.get(id) ? pick(definitions.get(id)!.formula) : id}>
                      {definitions.get(id) ? pick(definitions.get(id)!.label) : id}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <td>{row.key}</td>
                  {(table.data?.kpis ?? []).map((id) => {
                    const cell = row.cells[id];
                    const kpi = definitions.get(id);
                    return (
                      <td key={id}>
                        {kpi ? (
                          <FigureButton
                            className="cell-link"
                            unit={kpi.unit}
                            value={cell?.value ?? null}
                            n={cell?.n ?? 0}
                            onOpen={() => setDrill({ target: id, filter: { ...filter, [by]: [row.key] }, title: `${pick(kpi.label)} · ${row.key}` })}
                          />
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
