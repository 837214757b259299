import type { Messages } from "@/components/i18n/messages";
import { addDays, COMPARISONS, DashboardFilterSchema, DIMENSIONS, type Comparison, type DashboardFilter } from "@/server/kpi/filters";

export const LIST_PARAMS = DIMENSIONS;

export function defaultFilter(lastDay: string, days = 30): DashboardFilter {
  return { from: addDays(lastDay, -(days - 1)), to: lastDay };
}

/**
 * URL search params → a valid filter. Anything invalid falls back to the default range and is
 * reported, so a hand-edited or stale link still opens and says what it ignored.
 */
export function filterFromSearchParams(
  params: Record<string, string | string[] | undefined>,
  lastDay: string,
): { filter: DashboardFilter; problem: string | null } {
  const one = (key: string) => (Array.isArray(params[key]) ? params[key]![0] : params[key]);
  const fallback = defaultFilter(lastDay);
  const candidate: Record<string, unknown> = { from: one("from") ?? fallback.from, to: one("to") ?? fallback.to };
  for (const key of LIST_PARAMS) {
    const raw = one(key);
    if (raw) candidate[key] = raw.split(",").filter(Boolean);
  }
  const parsed = DashboardFilterSchema.safeParse(candidate);
  if (parsed.success) return { filter: parsed.data, problem: null };
  const issue = parsed.error.issues[0]!;
  return { filter: fallback, problem: `${issue.path.join(".") || "filter"}: ${issue.message}` };
}

export function filterToSearchParams(filter: DashboardFilter): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to });
  for (const key of LIST_PARAMS) {
    const values = filter[key];
    if (values?.length) params.set(key, values.join(","));
  }
  return params.toString();
}

/** `?compare=lastYear` → the cards' comparison period; absent means the previous period, anything else is reported. */
export function comparisonFromSearchParams(params: Record<string, string | string[] | undefined>): {
  comparison: Comparison;
  problem: string | null;
} {
  const raw = Array.isArray(params.compare) ? params.compare[0] : params.compare;
  if (raw === undefined || raw === "") return { comparison: "previous", problem: null };
  if ((COMPARISONS as readonly string[]).includes(raw)) return { comparison: raw as Comparison, problem: null };
  return { comparison: "previous", problem: `compare: expected one of ${COMPARISONS.join(", ")}` };
}

/** What a link got wrong, by part: the filter (the default range is shown) and the comparison (the previous period is used). */
export interface UrlProblems {
  filter: string | null;
  comparison: string | null;
}

/**
 * The overview's notice about an invalid link, or null when nothing was ignored. Each part says
 * what it fell back to: an invalid filter → the default range; an invalid comparison alone keeps
 * the link's range and compares with the previous period.
 */
export function urlNotice(
  problems: UrlProblems,
  t: Pick<Messages, "ignoredLink" | "showingDefault" | "ignoredComparison" | "comparingPrevious">,
): string | null {
  const parts: string[] = [];
  if (problems.filter) parts.push(`${t.ignoredLink} (${problems.filter}); ${t.showingDefault}`);
  if (problems.comparison) parts.push(`${t.ignoredComparison} (${problems.comparison}); ${t.comparingPrevious}`);
  return parts.length > 0 ? parts.join(" ") : null;
}

/** The overview's view as search params: the filter, plus the comparison when it is not the default. */
export function viewToSearchParams(filter: DashboardFilter, comparison: Comparison): string {
  const params = filterToSearchParams(filter);
  return comparison === "previous" ? params : `${params}&compare=${comparison}`;
}

/**
 * overview.kpis input. The default comparison is left out, so the page's server-side prefetch
 * and the client ask with the same query key.
 */
export function kpisInput(filter: DashboardFilter, comparison: Comparison): DashboardFilter & { compare?: Comparison } {
  return comparison === "previous" ? filter : { ...filter, compare: comparison };
}
