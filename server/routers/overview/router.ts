import { z } from "zod";
import { computeKpisWithPrevious } from "../../kpi/compute";
import { KPIS, type KpiQueryContext } from "../../kpi/definitions";
import { ComparisonSchema, comparisonPeriod, DashboardFilterSchema, type DashboardFilter } from "../../kpi/filters";
import { frtBuckets, GRAINS, kpiSeries, slaMatrix, volumeByDay, volumeHeatmap } from "../../kpi/breakdowns";
import { sparklineGrain } from "../../kpi/buckets";
import { KPI_IDS } from "../../kpi/definitions";
import { hotspots } from "../../kpi/hotspots";
import { hotspotDetail, TopicSchema } from "../../kpi/hotspot-detail";
import { DEFAULT_TARGETS, targetStatus } from "../../kpi/targets";
import type { Caller } from "../../auth/caller";
import { procedure, router, type Context } from "../../trpc/init";
import { queryContext } from "../../trpc/query-context";

function kpiContext(ctx: Context & { caller: Caller }, filter: DashboardFilter): KpiQueryContext {
  return queryContext(ctx, ctx.caller, filter);
}

/** The cards' input: the filters, and what their change is measured against (default: the previous period). */
export const KpisInputSchema = DashboardFilterSchema.extend({ compare: ComparisonSchema.optional() });

export const overviewRouter = router({
  /**
   * The KPI cards: value, sample size, the compared period (the previous one, or the same days a
   * year earlier), target status and a sparkline (per day, or per week beyond 62 days) for each KPI.
   */
  kpis: procedure("dashboard.view")
    .input(KpisInputSchema)
    .query(async ({ ctx, input: { compare: comparison = "previous", ...input } }) => {
      const previous = comparisonPeriod(input, comparison);
      const values = await computeKpisWithPrevious(ctx.db, kpiContext(ctx, input), { comparison });
      return {
        timezone: ctx.timezone,
        range: { from: input.from, to: input.to },
        comparison,
        previousRange: { from: previous.from, to: previous.to },
        sparklineGrain: sparklineGrain(input.from, input.to),
        kpis: KPIS.map((definition, index) => {
          const { current: now, previous: then, sparkline } = values[index]!;
          const target = DEFAULT_TARGETS[definition.id];
          return {
            id: definition.id,
            label: definition.label,
            formula: definition.formula({ fcrWindowDays: ctx.fcrWindowDays }),
            sampleLabel: definition.sampleLabel,
            unit: definition.unit,
            better: definition.better,
            value: now.value,
            n: now.n,
            extras: now.extras,
            ignoredFilters: now.ignoredFilters,
            previousValue: then.value,
            previousN: then.n,
            change: now.value !== null && then.value !== null ? now.value - then.value : null,
            target: target.value,
            status: targetStatus(now.value, target, definition.better),
            sparkline,
          };
        }),
      };
    }),

  /** One KPI per day, week or month (configured timezone), each point with its n. */
  series: procedure("dashboard.view")
    .input(z.object({ filter: DashboardFilterSchema, kpi: z.enum(KPI_IDS), grain: z.enum(GRAINS) }))
    .query(({ ctx, input }) => kpiSeries(ctx.db, kpiContext(ctx, input.filter), input.kpi, input.grain)),

  /** Tickets per first-response-time bucket (the FRT card's population and metric); bars add up to its n. */
  frtBuckets: procedure("dashboard.view")
    .input(DashboardFilterSchema)
    .query(({ ctx, input }) => frtBuckets(ctx.db, kpiContext(ctx, input))),

  /** SLA compliance per priority × tier. */
  slaMatrix: procedure("dashboard.view")
    .input(DashboardFilterSchema)
    .query(({ ctx, input }) => slaMatrix(ctx.db, kpiContext(ctx, input))),

  /** Ticket volume by weekday × hour. */
  heatmap: procedure("dashboard.view")
    .input(DashboardFilterSchema)
    .query(({ ctx, input }) => volumeHeatmap(ctx.db, kpiContext(ctx, input))),

  /** Topics ranked by growth against the four periods before the range, and by volume. */
  hotspots: procedure("dashboard.view")
    .input(DashboardFilterSchema)
    .query(({ ctx, input }) => hotspots(ctx.db, kpiContext(ctx, input))),

  /** One hotspot topic: its trend over the baseline and the range, its keywords and its most recent tickets (redacted). */
  hotspotDetail: procedure("dashboard.view")
    .input(z.object({ filter: DashboardFilterSchema, topic: TopicSchema }))
    .query(({ ctx, input }) => hotspotDetail(ctx.db, kpiContext(ctx, input.filter), input.topic)),

  /** Tickets per day (configured timezone) and channel, for the volume chart. */
  volumeByDay: procedure("dashboard.view")
    .input(DashboardFilterSchema)
    .query(async ({ ctx, input }) => ({ rows: await volumeByDay(ctx.db, kpiContext(ctx, input)) })),
});
