"use client";

import { useQuery } from "@tanstack/react-query";
import type { Comparison, DashboardFilter } from "@/server/kpi/filters";
import { addDays, daysBetween, DIMENSIONS } from "@/server/kpi/filters";
import { useLocale } from "@/components/i18n/locale";
import { useTRPC } from "@/components/trpc/client";

const PRESETS = [7, 30, 90, 365] as const;

export function FilterBar({
  filter,
  lastDay,
  onChange,
  comparison,
}: {
  filter: DashboardFilter;
  lastDay: string;
  onChange: (next: DashboardFilter) => void;
  /** The KPI cards' comparison period; the bar offers the choice only where it is given. */
  comparison?: { value: Comparison; onChange: (next: Comparison) => void };
}) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const dimensions = useQuery(trpc.meta.dimensionValues.queryOptions());
  const span = daysBetween(filter.from, filter.to) + 1;
  const setDate = (key: "from" | "to", value: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    const next = { ...filter, [key]: value };
    if (next.from <= next.to) onChange(next);
  };
  return (
    <form className="filter-bar" aria-label={t.filters} onSubmit={(e) => e.preventDefault()}>
      <div className="presets" role="group" aria-label="Date presets">
        {PRESETS.map((days) => (
          <button
            key={days}
            type="button"
            aria-pressed={filter.to === lastDay && span === days}
            onClick={() => onChange({ ...filter, from: addDays(lastDay, -(days - 1)), to: lastDay })}
          >
            {days === 365 ? t.months12 : `${t.last} ${days} ${t.days}`}
          </button>
        ))}
      </div>
      <label>
        {t.from} <input type="date" name="from" value={filter.from} max={filter.to} onChange={(e) => setDate("from", e.target.value)} />
      </label>
      <label>
        {t.to} <input type="date" name="to" value={filter.to} min={filter.from} onChange={(e) => setDate("to", e.target.value)} />
      </label>
      {comparison && (
        <label>
          {t.compareWith}{" "}
          <select name="compare" value={comparison.value} onChange={(e) => comparison.onChange(e.target.value as Comparison)}>
            <option value="previous">{t.comparePrevious}</option>
            <option value="lastYear">{t.compareLastYear}</option>
          </select>
        </label>
      )}
      {DIMENSIONS.map((key) => (
        // Queue is only recorded on conversations: say so where it is chosen.
        <label key={key} title={key === "queue" ? t.queueNote : undefined}>
          {t[key]}
          {key === "queue" && (
            <span className="info" aria-hidden="true">
              i
            </span>
          )}{" "}
          <select
            name={key}
            value={filter[key]?.[0] ?? ""}
            onChange={(e) => onChange({ ...filter, [key]: e.target.value ? [e.target.value] : undefined })}
          >
            <option value="">{t.all}</option>
            {(dimensions.data?.[key] ?? []).map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
          {key === "queue" && filter.queue?.length ? <span className="filter-note"> ({t.queueApplies})</span> : null}
        </label>
      ))}
    </form>
  );
}
