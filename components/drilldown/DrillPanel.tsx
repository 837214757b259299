"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { filterToSearchParams } from "@/components/overview/url-filter";
import { useCan } from "@/components/auth/permissions-context";
import { useLocale } from "@/components/i18n/locale";
import { formatCount } from "@/components/overview/format";
import { recordHref } from "@/components/records/links";
import { useTRPC } from "@/components/trpc/client";
import type { DrillTarget } from "@/server/kpi/drilldown";
import type { DashboardFilter, Source } from "@/server/kpi/filters";

const PAGE_SIZE = 50;

export interface DrillRequest {
  target: DrillTarget;
  filter: DashboardFilter;
  title: string;
  /** A card's list follows the page's filters; a chart element's list keeps its own slice. */
  followsPageFilter?: boolean;
}

/** The records behind a figure: sortable, paged, exportable (CSV / XLSX, every record). */
export function DrillPanel({ request, timezone, onClose }: { request: DrillRequest; timezone: string; onClose: () => void }) {
  const trpc = useTRPC();
  const { t, pick } = useLocale();
  const canExport = useCan("dashboard.export");
  const [sort, setSort] = useState<{ key?: string; direction: "asc" | "desc" }>({ direction: "desc" });
  const [page, setPage] = useState(0);
  const list = useQuery({
    ...trpc.drilldown.list.queryOptions({
      target: request.target,
      filter: request.filter,
      sort: sort.key,
      direction: sort.direction,
      page,
      pageSize: PAGE_SIZE,
    }),
    placeholderData: keepPreviousData,
  });
  const exportHref = (format: "csv" | "xlsx") =>
    `/api/export?${filterToSearchParams(request.filter)}&target=${encodeURIComponent(request.target)}&format=${format}`;
  const total = list.data?.total ?? 0;
  const first = page * PAGE_SIZE;

  const toggleSort = (key: string) => {
    setPage(0);
    setSort((s) => ({ key, direction: s.key === key && s.direction === "desc" ? "asc" : "desc" }));
  };

  return (
    <section className="panel drill" aria-label={`Records behind ${request.title}`} data-testid="drill-panel">
      <header className="drill-header">
        <h2>
          {request.title} <span className="muted">· {request.filter.from} → {request.filter.to}</span>
        </h2>
        <div className="drill-actions">
          {canExport && (
            <>
              <a href={exportHref("csv")} download data-testid="export-csv">
                {t.exportCsv}
              </a>
              <a href={exportHref("xlsx")} download data-testid="export-xlsx">
                {t.exportXlsx}
              </a>
            </>
          )}
          <button type="button" onClick={onClose} aria-label={t.close}>
            ✕
          </button>
        </div>
      </header>
      {list.error && <p className="error" role="alert">{t.couldNotLoad}: {list.error.message}</p>}
      {list.data && (
        <>
          <p className="muted" data-testid="drill-total">
            {formatCount(total)} {t.records} · {t.timesIn} {timezone}
            {list.isFetching && <span role="status"> · {t.loading}</span>}
          </p>
          {total === 0 ? (
            <p className="empty">{t.noRecords}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    {list.data.columns.map((c) => (
                      <th
                        key={c.key}
                        aria-sort={sort.key === c.key ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}
                      >
                        <button type="button" onClick={() => toggleSort(c.key)}>
                          {pick(c.label)}
                          {sort.key === c.key ? (sort.direction === "asc" ? " ▲" : " ▼") : ""}
                        </button>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {list.data.rows.map((row) => (
                    <tr key={String(row.id)}>
                      {list.data.columns.map((c) => (
                        <td key={c.key}>
                          <DrillCell source={list.data.source} column={c.key} value={row[c.key]} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {total > PAGE_SIZE && (
            <nav className="pager" aria-label="Pages">
              <button type="button" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
                {t.previousPage}
              </button>
              <span>
                {formatCount(first + 1)}–{formatCount(Math.min(first + PAGE_SIZE, total))} {t.of} {formatCount(total)}
              </span>
              <button type="button" disabled={first + PAGE_SIZE >= total} onClick={() => setPage((p) => p + 1)}>
                {t.nextPage}
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}

/** A cell of the list: a record's id (and a ticket id on a conversation or survey) links to its page, in the same tab. */
function DrillCell({ source, column, value }: { source: Source; column: string; value: string | number | null | undefined }) {
  if (value === null || value === undefined || value === "") return null;
  const id = String(value);
  if (column === "id") {
    return (
      <Link href={recordHref(source, id)} data-testid="drill-record-link" prefetch={false}>
        {id}
      </Link>
    );
  }
  if (column === "ticket_id" && source !== "tickets") {
    return (
      <Link href={recordHref("tickets", id)} prefetch={false}>
        {id}
      </Link>
    );
  }
  return <>{value}</>;
}
