"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useLocale } from "@/components/i18n/locale";
import type { Messages } from "@/components/i18n/messages";
import { useTRPC } from "@/components/trpc/client";
import { AUDIT_PAGE_SIZE, auditQuery, NO_AUDIT_FILTERS, type AuditFilters } from "./audit-query";
import { errorText } from "./error-text";

/** `{"role":{"before":"manager","after":"qa"},"password":"reset"}` → `role: manager → qa · password: reset`. */
function formatDetail(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return text;
  const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  return Object.entries(parsed)
    .map(([key, value]) => {
      if (value && typeof value === "object" && "before" in value && "after" in value) {
        return `${key}: ${show((value as { before: unknown }).before)} → ${show((value as { after: unknown }).after)}`;
      }
      return `${key}: ${show(value)}`;
    })
    .join(" · ");
}

/** The audit log: filters, newest first, 100 a page with the total. */
export function AuditScreen({ actions }: { actions: readonly string[] }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const [draft, setDraft] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const [applied, setApplied] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const [page, setPage] = useState(0);
  const list = useQuery({ ...trpc.admin.audit.list.queryOptions(auditQuery(applied, page)), placeholderData: keepPreviousData });
  const total = list.data?.total ?? 0;
  const first = page * AUDIT_PAGE_SIZE;
  const roleName = (role: string) => (`role_${role}` in t ? t[`role_${role}` as keyof Messages] : role);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
    setPage(0);
  };

  return (
    <main className="overview admin">
      <header className="page-header">
        <h1>{t.auditTitle}</h1>
      </header>

      <form className="admin-form filter-bar" onSubmit={apply} data-testid="audit-filters">
        <label>
          {t.action}
          <select value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} data-testid="audit-action">
            <option value="">{t.anyAction}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.actorId}
          <input value={draft.actor} maxLength={200} size={14} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} data-testid="audit-actor" />
        </label>
        <label>
          {t.targetContains}
          <input value={draft.target} maxLength={300} size={18} onChange={(e) => setDraft({ ...draft, target: e.target.value })} data-testid="audit-target" />
        </label>
        <label>
          {t.from}
          <input type="date" value={draft.from} max={draft.to || undefined} onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="audit-from" />
        </label>
        <label>
          {t.to}
          <input type="date" value={draft.to} min={draft.from || undefined} onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="audit-to" />
        </label>
        <button type="submit" className="btn primary" data-testid="audit-apply">
          {t.apply}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setDraft(NO_AUDIT_FILTERS);
            setApplied(NO_AUDIT_FILTERS);
            setPage(0);
          }}
          data-testid="audit-clear"
        >
          {t.clearFilters}
        </button>
      </form>

      <section className="panel" aria-label={t.auditTitle}>
        {list.isPending && <p className="muted" role="status">{t.loading}</p>}
        {list.error && (
          <p className="error" role="alert" data-testid="audit-error">
            {t.couldNotLoad}: {errorText(list.error)}
          </p>
        )}
        {list.data && (
          <>
            <p className="muted" data-testid="audit-total">
              {total === 0 ? 0 : `${first + 1}–${first + list.data.rows.length}`} {t.of} {total} {t.entries}
              {list.isFetching && <span role="status"> · {t.loading}</span>}
            </p>
            {total === 0 ? (
              <p className="empty">{t.noEntries}</p>
            ) : (
              <div className="table-wrap">
                <table className="admin-table" data-testid="audit-table">
                  <thead>
                    <tr>
                      <th>{t.timeUtc}</th>
                      <th>{t.actor}</th>
                      <th>{t.action}</th>
                      <th>{t.auditTarget}</th>
                      <th>{t.detail}</th>
                      <th>{t.ip}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.rows.map((row, i) => {
                      const detail = formatDetail(row.detail);
                      return (
                        <tr key={`${first + i}-${row.at}`} data-testid="audit-row">
                          <td>{row.at}</td>
                          <td>
                            {row.actor_id ? (
                              <button
                                type="button"
                                className="cell-link"
                                title={`${t.actorId}: ${row.actor_id}`}
                                onClick={() => {
                                  const next = { ...applied, actor: row.actor_id };
                                  setDraft(next);
                                  setApplied(next);
                                  setPage(0);
                                }}
                              >
                                {row.actor_id}
                              </button>
                            ) : (
                              <span className="muted">—</span>
                            )}
                            {row.actor_role && <span className="muted"> · {roleName(row.actor_role)}</span>}
                          </td>
                          <td>{row.action}</td>
                          <td className="clip" title={row.target}>
                            {row.target}
                          </td>
                          <td className="clip wide" title={detail}>
                            {detail}
                          </td>
                          <td>{row.ip}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {total > AUDIT_PAGE_SIZE && (
              <div className="pager">
                <button type="button" className="btn" disabled={page === 0} onClick={() => setPage((p) => p - 1)} data-testid="audit-prev">
                  {t.previousPage}
                </button>
                <span>
                  {page + 1} / {Math.ceil(total / AUDIT_PAGE_SIZE)}
                </span>
                <button type="button" className="btn" disabled={first + AUDIT_PAGE_SIZE >= total} onClick={() => setPage((p) => p + 1)} data-testid="audit-next">
                  {t.nextPage}
                </button>
              </div>
            )}
          </>
        )}
      </section>
    </main>
  );
}
