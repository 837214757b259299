"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { DrillRequest } from "@/components/drilldown/DrillPanel";
import { useLocale } from "@/components/i18n/locale";
import { useTRPC } from "@/components/trpc/client";
import type { DashboardFilter } from "@/server/kpi/filters";
import { formatCount } from "./format";

/** Topics ranked by growth against the four periods before the range; a row opens its tickets. */
export function HotspotPanel({ filter, onDrill }: { filter: DashboardFilter; onDrill: (request: DrillRequest) => void }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const hotspots = useQuery({ ...trpc.overview.hotspots.queryOptions(filter), placeholderData: keepPreviousData });
  const rows = hotspots.data?.byGrowth.slice(0, 10) ?? [];
  return (
    <section className="panel" aria-label="Hotspots" data-testid="hotspots">
      <h2>{t.hotspots}</h2>
      {hotspots.error && <p className="error" role="alert">{t.couldNotLoad}: {hotspots.error.message}</p>}
      {hotspots.data && rows.length === 0 && <p className="empty">{t.noTickets}</p>}
      {rows.length > 0 && (
        <table className="hotspots">
          <thead>
            <tr>
              <th>{t.topic}</th>
              <th>{t.tickets}</th>
              <th>{t.baseline}</th>
              <th>{t.change}</th>
              <th title="(tickets − baseline mean) ÷ max(baseline spread, √mean, 1)">z</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((h) => (
              <tr
                key={h.topic}
                className={h.spike ? "spike" : ""}
                tabIndex={0}
                onClick={() => onDrill({ target: "tickets", filter: { ...filter, category: [h.topic] }, title: `${t.ticketsOn} ${h.topic}` })}
                onKeyDown={(e) => {
                  if (e.key === "Enter") onDrill({ target: "tickets", filter: { ...filter, category: [h.topic] }, title: `${t.ticketsOn} ${h.topic}` });
                }}
              >
                <td>
                  {h.topic} {h.spike && <span className="badge">{t.spike}</span>}
                </td>
                <td>{formatCount(h.current)}</td>
                <td>{h.baselineMean.toFixed(1)}</td>
                <td>{h.growth === null ? t.new : `${h.growth >= 0 ? "+" : "−"}${Math.abs(h.growth * 100).toFixed(0)}%`}</td>
                <td>{h.z.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
