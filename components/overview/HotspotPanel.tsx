"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { EChart } from "@/components/charts/EChart";
import { hotspotTrendOption, keywordSize } from "@/components/charts/hotspot-trend-option";
import type { DrillRequest } from "@/components/drilldown/DrillPanel";
import { useLocale } from "@/components/i18n/locale";
import { recordHref } from "@/components/records/links";
import { formatSentiment, sentimentColor } from "@/components/records/parts";
import { useTRPC } from "@/components/trpc/client";
import type { DashboardFilter } from "@/server/kpi/filters";
import { formatCount } from "./format";

/**
 * Topics ranked by growth against the four periods before the range. A row selects its topic
 * (trend, keywords, example tickets below the table); its "Tickets" button opens the topic's tickets.
 */
export function HotspotPanel({ filter, onDrill }: { filter: DashboardFilter; onDrill: (request: DrillRequest) => void }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const [selected, setSelected] = useState<string | null>(null);
  const hotspots = useQuery({ ...trpc.overview.hotspots.queryOptions(filter), placeholderData: keepPreviousData });
  const rows = hotspots.data?.byGrowth.slice(0, 10) ?? [];
  const drill = (topic: string) => onDrill({ target: "tickets", filter: { ...filter, category: [topic] }, title: `${t.ticketsOn} ${topic}` });
  const select = (topic: string) => setSelected((current) => (current === topic ? null : topic));
  return (
    <section className="panel" aria-label="Hotspots" data-testid="hotspots">
      <h2>{t.hotspots}</h2>
      {hotspots.error && <p className="error" role="alert">{t.couldNotLoad}: {hotspots.error.message}</p>}
      {hotspots.data && rows.length === 0 && <p className="empty">{t.noTickets}</p>}
      {rows.length > 0 && (
        <>
          <table className="hotspots">
            <thead>
              <tr>
                <th>{t.topic}</th>
                <th>{t.tickets}</th>
                <th>{t.baseline}</th>
                <th>{t.change}</th>
                <th title="(tickets − baseline mean) ÷ max(baseline spread, √mean, 1)">z</th>
                <th aria-label={t.hotspotViewTicketsTitle} />
              </tr>
            </thead>
            <tbody>
              {rows.map((h) => (
                <tr
                  key={h.topic}
                  className={`${h.spike ? "spike" : ""}${selected === h.topic ? " selected" : ""}`}
                  aria-selected={selected === h.topic}
                  data-topic={h.topic}
                  tabIndex={0}
                  onClick={() => select(h.topic)}
                  onKeyDown={(e) => {
                    if (e.target === e.currentTarget && (e.key === "Enter" || e.key === " ")) {
                      e.preventDefault();
                      select(h.topic);
                    }
                  }}
                >
                  <td>
                    {h.topic} {h.spike && <span className="badge">{t.spike}</span>}
                  </td>
                  <td>{formatCount(h.current)}</td>
                  <td>{h.baselineMean.toFixed(1)}</td>
                  <td>{h.growth === null ? t.new : `${h.growth >= 0 ? "+" : "−"}${Math.abs(h.growth * 100).toFixed(0)}%`}</td>
                  <td>{h.z.toFixed(1)}</td>
                  <td className="hotspot-actions">
                    <button
                      type="button"
                      className="cell-link"
                      data-testid="hotspot-tickets"
                      title={t.hotspotViewTicketsTitle}
                      onClick={(e) => {
                        e.stopPropagation();
                        drill(h.topic);
                      }}
                    >
                      {t.hotspotViewTickets} →
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {selected === null ? (
            <p className="muted hotspot-hint">{t.hotspotHint}</p>
          ) : (
            <HotspotDetail filter={filter} topic={selected} onClose={() => setSelected(null)} />
          )}
        </>
      )}
    </section>
  );
}

/** One topic: its trend against the baseline mean, its keywords and its most recent tickets. */
function HotspotDetail({ filter, topic, onClose }: { filter: DashboardFilter; topic: string; onClose: () => void }) {
  const trpc = useTRPC();
  const { t, locale } = useLocale();
  const detail = useQuery({ ...trpc.overview.hotspotDetail.queryOptions({ filter, topic }), placeholderData: keepPreviousData });
  const data = detail.data?.topic === topic ? detail.data : undefined;
  const option = useMemo(
    () => (data ? hotspotTrendOption(data.series, data.score.baselineMean, data.periodDays, { count: t.hotspotCount, baseline: t.hotspotBaselineMean }) : null),
    [data, t],
  );
  const name = data?.name?.[locale] ?? null;
  const maxKeyword = Math.max(0, ...(data?.keywords.map((k) => k.count) ?? []));
  return (
    <div className="hotspot-detail" data-testid="hotspot-detail" aria-busy={detail.isFetching} aria-label={`${t.hotspotDetailOf}: ${topic}`} role="region">
      <header>
        <h3>
          {name ? `${name} · ` : ""}
          <code>{topic}</code>
        </h3>
        {data && (
          <span className="muted">
            {formatCount(data.score.current)} {t.hotspotCount} {t.hotspotVsBaseline} {data.score.baselineMean.toFixed(1)} · z {data.score.z.toFixed(1)}
          </span>
        )}
        {detail.isFetching && <span className="loading muted" role="status">{t.loading}</span>}
        <button type="button" className="hotspot-close" onClick={onClose} aria-label={t.hotspotCloseDetail}>
          ×
        </button>
      </header>
      {detail.error && <p className="error" role="alert">{t.couldNotLoad}: {detail.error.message}</p>}
      {!data && !detail.error && <div className="hotspot-detail-grid skeleton" style={{ height: 200 }} />}
      {data && option && (
        <div className="hotspot-detail-grid">
          <div>
            <h4>{data.grain === "day" ? t.hotspotTrendDay : t.hotspotTrendWeek}</h4>
            <EChart option={option} height={200} label={`${data.grain === "day" ? t.hotspotTrendDay : t.hotspotTrendWeek}: ${topic}`} />
          </div>
          <div>
            <h4>
              {t.hotspotKeywords} <span className="muted">({formatCount(data.tagged)} {t.hotspotKeywordsFrom})</span>
            </h4>
            {data.keywords.length === 0 ? (
              <p className="muted">{t.hotspotNoKeywords}</p>
            ) : (
              <ul className="keyword-chips" data-testid="hotspot-keywords">
                {data.keywords.map((k) => (
                  <li key={k.keyword} style={{ fontSize: keywordSize(k.count, maxKeyword) }} title={`${k.keyword}: ${formatCount(k.count)}`}>
                    {k.keyword} <span className="muted">{formatCount(k.count)}</span>
                  </li>
                ))}
              </ul>
            )}
            <h4>{t.hotspotExamples}</h4>
            {data.examples.length === 0 ? (
              <p className="muted">{t.hotspotNoExamples}</p>
            ) : (
              <ul className="hotspot-examples" data-testid="hotspot-examples">
                {data.examples.map((e) => (
                  <li key={e.id}>
                    <Link href={recordHref("tickets", e.id)} prefetch={false} data-testid="hotspot-example-link">
                      {e.id}
                    </Link>{" "}
                    <span className="muted">
                      {e.time} · {e.channel}
                    </span>{" "}
                    <span
                      className="sentiment-dot"
                      title={`${t.hotspotSentiment} ${formatSentiment(e.sentiment)}`}
                      style={{ background: sentimentColor(e.sentiment) }}
                    />
                    <span className="muted">{formatSentiment(e.sentiment)}</span>
                    <div className="snippet">{e.snippet}</div>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
