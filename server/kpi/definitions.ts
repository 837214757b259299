import { sql, type Sql } from "../clickhouse/sql";
import { latestRows, type DedupState, type RecordTable } from "../clickhouse/latest-rows";
import { storedFollowUps, type FollowUpState } from "./follow-ups";
import { addDays, dimensionClauses, timeRange, type DashboardFilter, type Source } from "./filters";
import { businessSeconds, DEFAULT_SCHEDULE, type BusinessSchedule } from "./business-hours";
import { DEFAULT_SLA_CLOCKS, SLA_TIERS, slaTargetExpression, type Clock, type SlaTier } from "./sla-policies";
import type { RollupState } from "./rollup-state";

/**
 * The semantic layer: each KPI's formula lives here once, as SQL and as the tooltip text.
 *
 * A KPI is a *population* (the records behind the figure, each with the one `metric` the KPI
 * looks at) and *aggregates* over it. The card's sample size `n` is count() of the population
 * and the drill-down lists the same population, so the two always agree.
 */

export type KpiId =
  | "nps"
  | "csat"
  | "ces"
  | "fcr"
  | "frt"
  | "resolution"
  | "sla"
  | "asa"
  | "answerRate"
  | "abandonRate"
  | "aht"
  | "reopenRate"
  | "escalationRate"
  | "transferRate"
  | "selfService"
  | "sentiment";
export type KpiUnit = "points" | "percent" | "seconds" | "score";

export interface KpiQueryContext {
  filter: DashboardFilter;
  timezone: string;
  fcrWindowDays: number;
  /** Open tickets are judged against SLA targets as of this instant. */
  asOf: Date;
  /** Business-hours schedule and the clock of each SLA tier (default: all calendar). */
  schedule?: BusinessSchedule;
  clocks?: Record<SlaTier, Clock>;
  /** Months that can be read without FINAL (none known: FINAL everywhere). */
  dedup?: DedupState;
  /** FCR follow-ups computed ahead (none: searched for in the query). */
  followUps?: FollowUpState;
  /** Daily rollups ready to read (none: every figure from the records). */
  rollups?: RollupState;
}

/**
 * Seconds a ticket's clock ran between its creation and `until` (epoch seconds): business
 * seconds for tiers on the business clock, calendar seconds otherwise.
 */
function ticketElapsed(until: Sql, ctx: KpiQueryContext): Sql {
  const calendar = sql`(${until} - toInt64(created_at))`;
  const clocks = ctx.clocks ?? DEFAULT_SLA_CLOCKS;
  const businessTiers = SLA_TIERS.filter((tier) => clocks[tier] === "business");
  if (businessTiers.length === 0) return calendar;
  const business = businessSeconds(sql`toInt64(created_at)`, until, ctx.schedule ?? DEFAULT_SCHEDULE);
  return sql`if(has(${businessTiers}, sla_tier), ${business}, ${calendar})`;
}

export interface Bilingual {
  en: string;
  zh: string;
}

export interface KpiDefinition {
  id: KpiId;
  source: Source;
  unit: KpiUnit;
  better: "higher" | "lower";
  label: Bilingual;
  /** What `n` counts. */
  sampleLabel: Bilingual;
  /** What the drill-down's metric column shows for each record. */
  metricLabel: Bilingual;
  formula: (ctx: Pick<KpiQueryContext, "fcrWindowDays">) => Bilingual;
  extras: readonly string[];
  /** All columns of the source's records behind the figure, plus `metric`. */
  population: (ctx: KpiQueryContext) => Sql;
  /** Aggregates over the population defining `value` and each extra; `n` (count()) may be used. */
  aggregates: (ctx: KpiQueryContext) => Sql;
  /** The same figure from the daily rollup of the population (server/kpi/rollups.ts). */
  rollup: KpiRollup;
}

/**
 * A KPI's daily rollup: per-record `measures` summed per day into c_a, c_b (counts) and s_1…s_3
 * (sums), and `q` kept value by value (see quantiles in rollup-state.ts); `figure` gives the
 * card's value and extras back from the summed measures. Counts, shares and means come out
 * exact; the median and p90 exact to three significant figures (rounded down).
 */
export interface KpiRollup {
  measures: Partial<Record<RollupMeasure, Sql>>;
  figure: (sums: RolledSums) => { value: number | null; extras: Record<string, number | null> };
}
export type RollupMeasure = "c_a" | "c_b" | "s_1" | "s_2" | "s_3" | "q";

/** A rolled-up KPI's measures summed over some days; q: lower middle, upper middle and p90 of its metric (null when it keeps none). */
export interface RolledSums {
  n: number;
  c_a: number;
  c_b: number;
  s_1: number;
  s_2: number;
  s_3: number;
  q: readonly [number, number, number] | null;
}

/** The same shares, means and percentiles as the aggregates over records compute. */
const rolled = {
  share: (count: number, s: RolledSums) => (count * 100) / s.n,
  mean: (sum: number, s: RolledSums) => sum / s.n,
  median: (s: RolledSums) => (s.q ? (s.q[0] + s.q[1]) / 2 : null),
  p90: (s: RolledSums) => (s.q ? s.q[2] : null),
};

/** The time column each source is filtered and bucketed by. */
export const TIME_COLUMN: Record<Source, string> = {
  tickets: "created_at",
  conversations: "started_at",
  surveys: "responded_at",
};

/** A source's time column as an identifier. */
export function timeColumn(source: Source): Sql {
  return sql.ident(TIME_COLUMN[source], Object.values(TIME_COLUMN));
}

/** The table each source's records live in. */
export const SOURCE_TABLE: Record<Source, RecordTable> = {
  tickets: "tickets",
  conversations: "conversations",
  surveys: "survey_responses",
};

/**
 * Latest version of each record of `source` in the filter's range (see
 * server/clickhouse/latest-rows.ts). `keyCondition` may only name sorting-key columns, which
 * every version of a record shares, so it can be applied before versions are merged; there it
 * lets ClickHouse skip by the primary index (survey kind).
 */
export function recordsInRange(source: Source, ctx: Pick<KpiQueryContext, "filter" | "timezone" | "dedup">, keyCondition: Sql = sql`1`): Sql {
  const { filter, timezone } = ctx;
  const time = timeColumn(source);
  return latestRows(
    SOURCE_TABLE[source],
    sql`${keyCondition} AND ${timeRange(time, filter.from, filter.to, timezone)}${dimensionClauses(filter, source)}`,
    ctx.dedup,
    daysInAnyTimezone(filter.from, filter.to),
  );
}

/** Instants that hold the days `from`…`to` in every timezone (UTC−12 to UTC+14). */
export function daysInAnyTimezone(from: string, toInclusive: string): [Date, Date] {
  const HOUR = 3_600_000;
  return [new Date(Date.parse(`${from}T00:00:00Z`) - 14 * HOUR), new Date(Date.parse(`${addDays(toInclusive, 1)}T00:00:00Z`) + 12 * HOUR)];
}

function withMetric(source: Source, ctx: KpiQueryContext, metric: Sql, where: Sql = sql`1`, keyCondition?: Sql): Sql {
  return sql`SELECT *, ${metric} AS metric FROM (${recordsInRange(source, ctx, keyCondition)}) WHERE ${where}`;
}

function surveys(ctx: KpiQueryContext, kind: "nps" | "csat" | "ces", min: number, max: number): Sql {
  return withMetric("surveys", ctx, sql`score`, sql`score >= ${min} AND score <= ${max}`, sql`kind = ${kind}`);
}

/** A share of the population in percent, NULL when there is none. */
function share(condition: Sql): Sql {
  return sql`if(n = 0, NULL, countIf(${condition}) * 100 / n) AS value`;
}

/** Exact median: the mean of the two middle values for an even count (quantileExact alone takes the upper one). */
function exactMedian(expr: Sql): Sql {
  return sql`if(n = 0, NULL, (quantileExact(0.5)(${expr}) - quantileExact(0.5)(-(${expr}))) / 2)`;
}

/** Calls abandoned within this many seconds are not counted as offered (misdials, instant hang-ups). */
export const SHORT_ABANDON_SECONDS = 5;

/** Inbound conversations offered to an agent: bot-only sessions and short abandons are not offered. */
const OFFERED = sql`direction = 'inbound' AND handled_by != 'bot' AND NOT (abandoned = 1 AND wait_seconds < ${SHORT_ABANDON_SECONDS})`;
const HANDLED = sql`answered_at IS NOT NULL AND abandoned = 0 AND handled_by = 'agent'`;

const nps: KpiDefinition = {
  id: "nps",
  source: "surveys",
  unit: "points",
  better: "higher",
  label: { en: "NPS", zh: "净推荐值 NPS" },
  sampleLabel: { en: "responses", zh: "份答卷" },
  metricLabel: { en: "score (0–10)", zh: "评分（0–10）" },
  formula: () => ({
    en: "% promoters (9–10) − % detractors (0–6) among 0–10 NPS responses; −100…100",
    zh: "0–10 分 NPS 答卷中推荐者（9–10 分）占比 − 贬损者（0–6 分）占比；范围 −100…100",
  }),
  extras: ["promoters", "detractors"],
  population: (ctx) => surveys(ctx, "nps", 0, 10),
  aggregates: () =>
    sql`countIf(metric >= 9) AS promoters, countIf(metric <= 6) AS detractors, if(n = 0, NULL, (promoters - detractors) * 100 / n) AS value`,
  rollup: {
    measures: { c_a: sql`metric >= 9`, c_b: sql`metric <= 6` },
    figure: (s) => ({ value: ((s.c_a - s.c_b) * 100) / s.n, extras: { promoters: s.c_a, detractors: s.c_b } }),
  },
};

const csat: KpiDefinition = {
  id: "csat",
  source: "surveys",
  unit: "percent",
  better: "higher",
  label: { en: "CSAT", zh: "满意度 CSAT" },
  sampleLabel: { en: "responses", zh: "份答卷" },
  metricLabel: { en: "score (1–5)", zh: "评分（1–5）" },
  formula: () => ({
    en: "Share of 1–5 CSAT responses that are 4 or 5; the mean score is shown beside it",
    zh: "1–5 分 CSAT 答卷中 4 分或 5 分的占比；同时显示平均分",
  }),
  extras: ["mean"],
  population: (ctx) => surveys(ctx, "csat", 1, 5),
  aggregates: () => sql`${share(sql`metric >= 4`)}, if(n = 0, NULL, avg(metric)) AS mean`,
  rollup: { measures: { c_a: sql`metric >= 4`, s_1: sql`metric` }, figure: (s) => ({ value: rolled.share(s.c_a, s), extras: { mean: rolled.mean(s.s_1, s) } }) },
};

const ces: KpiDefinition = {
  id: "ces",
  source: "surveys",
  unit: "score",
  better: "lower",
  label: { en: "Customer effort (CES)", zh: "客户费力度 CES" },
  sampleLabel: { en: "responses", zh: "份答卷" },
  metricLabel: { en: "effort (1–7)", zh: "费力度（1–7）" },
  formula: () => ({
    en: "Mean of 1–7 customer effort scores (1 = very easy, 7 = very hard)",
    zh: "1–7 分客户费力度评分的平均值（1 = 非常容易，7 = 非常费力）",
  }),
  extras: [],
  population: (ctx) => surveys(ctx, "ces", 1, 7),
  aggregates: () => sql`if(n = 0, NULL, avg(metric)) AS value`,
  rollup: { measures: { s_1: sql`metric` }, figure: (s) => ({ value: rolled.mean(s.s_1, s), extras: {} }) },
};

/**
 * Tickets followed within the window by another ticket of the same customer in the same
 * category. Follow-ups are looked for in all channels and beyond the range's end, so the last
 * days of a range are judged fairly; tickets without a customer id stand alone.
 */
function followedUpTicketIds(ctx: KpiQueryContext): Sql {
  const { filter, timezone, fcrWindowDays } = ctx;
  if (ctx.followUps?.windowDays === fcrWindowDays) return storedFollowUps(ctx.followUps, timeRange(sql`created_at`, filter.from, filter.to, timezone));
  const windowSeconds = fcrWindowDays * 86_400;
  return sql`
    SELECT (s[i]).2 AS id
    FROM (
      SELECT arraySort(groupArray((toInt64(created_at), id))) AS s
      FROM (${latestRows("tickets", sql`customer_id != '' AND ${timeRange(sql`created_at`, filter.from, addDays(filter.to, fcrWindowDays), timezone)}`, ctx.dedup)})
      GROUP BY customer_id, category
      HAVING length(s) > 1
    )
    ARRAY JOIN arrayFilter(j -> j < length(s) AND (s[j + 1]).1 - (s[j]).1 <= ${windowSeconds}, arrayEnumerate(s)) AS i`;
}

const fcr: KpiDefinition = {
  id: "fcr",
  source: "tickets",
  unit: "percent",
  better: "higher",
  label: { en: "FCR", zh: "首次解决率 FCR" },
  sampleLabel: { en: "tickets", zh: "个工单" },
  metricLabel: { en: "resolved first time (1 = yes)", zh: "首次解决（1 = 是）" },
  formula: ({ fcrWindowDays }) => ({
    en: `Share of tickets not reopened and not followed by another ticket from the same customer in the same category within ${fcrWindowDays} days`,
    zh: `未被重开、且同一客户在 ${fcrWindowDays} 天内未就同一类别再次来单的工单占比`,
  }),
  extras: ["windowDays"],
  population: (ctx) => withMetric("tickets", ctx, sql`reopen_count = 0 AND id NOT IN (${followedUpTicketIds(ctx)})`),
  aggregates: (ctx) => sql`${share(sql`metric = 1`)}, ${ctx.fcrWindowDays} AS windowDays`,
  rollup: { measures: { c_a: sql`metric = 1` }, figure: (s) => ({ value: rolled.share(s.c_a, s), extras: {} }) },
};

const frt: KpiDefinition = {
  id: "frt",
  source: "tickets",
  unit: "seconds",
  better: "lower",
  label: { en: "First response time", zh: "首次响应时长 FRT" },
  sampleLabel: { en: "tickets responded", zh: "个已响应工单" },
  metricLabel: { en: "first response (s)", zh: "首次响应（秒）" },
  formula: () => ({
    en: "Median of (first response − created) over tickets with a first response, in business hours for SLA tiers on a business-hours clock, calendar time otherwise; p90 and mean beside it. Read from daily rollups, the median and p90 are exact to three significant figures (e.g. 9,074 s shows as 9,070 s); the drill-down lists the exact times",
    zh: "已有首次响应的工单的（首次响应时间 − 创建时间）中位数；按营业时间计时的 SLA 等级只计营业时间，其余按自然时间；同时显示 P90 与平均值。由日汇总读出时，中位数与 P90 精确到三位有效数字（如 9,074 秒显示为 9,070 秒），明细列出精确时长",
  }),
  extras: ["p90", "mean"],
  population: (ctx) =>
    withMetric("tickets", ctx, ticketElapsed(sql`toInt64(assumeNotNull(first_response_at))`, ctx), sql`first_response_at IS NOT NULL`),
  aggregates: () =>
    sql`${exactMedian(sql`metric`)} AS value, if(n = 0, NULL, quantileExact(0.9)(metric)) AS p90, if(n = 0, NULL, avg(metric)) AS mean`,
  rollup: {
    measures: { s_1: sql`metric`, q: sql`metric` },
    figure: (s) => ({ value: rolled.median(s), extras: { p90: rolled.p90(s), mean: rolled.mean(s.s_1, s) } }),
  },
};

const resolution: KpiDefinition = {
  id: "resolution",
  source: "tickets",
  unit: "seconds",
  better: "lower",
  label: { en: "Resolution time", zh: "解决时长" },
  sampleLabel: { en: "tickets resolved", zh: "个已解决工单" },
  metricLabel: { en: "resolution (s)", zh: "解决时长（秒）" },
  formula: () => ({
    en: "Median of (resolved − created) over resolved tickets, in business hours for SLA tiers on a business-hours clock, calendar time otherwise; p90 beside it. Read from daily rollups, the median and p90 are exact to three significant figures (e.g. 9,074 s shows as 9,070 s); the drill-down lists the exact times",
    zh: "已解决工单（解决时间 − 创建时间）的中位数；按营业时间计时的 SLA 等级只计营业时间，其余按自然时间；同时显示 P90。由日汇总读出时，中位数与 P90 精确到三位有效数字（如 9,074 秒显示为 9,070 秒），明细列出精确时长",
  }),
  extras: ["p90"],
  population: (ctx) =>
    withMetric("tickets", ctx, ticketElapsed(sql`toInt64(assumeNotNull(resolved_at))`, ctx), sql`resolved_at IS NOT NULL`),
  aggregates: () => sql`${exactMedian(sql`metric`)} AS value, if(n = 0, NULL, quantileExact(0.9)(metric)) AS p90`,
  rollup: { measures: { q: sql`metric` }, figure: (s) => ({ value: rolled.median(s), extras: { p90: rolled.p90(s) } }) },
};

/** The state of one SLA clock, as a small number (string states per ticket cost a third of the query). */
export const SLA_CLOCK = { none: 0, met: 1, breached: 2, pending: 3 } as const;

/**
 * One SLA clock (first response or resolution) against its target column (0: no policy). A
 * missing timestamp past its target at `asOf` is breached; before it, pending.
 */
function slaClock(column: "first_response_at" | "resolved_at", target: "fr_target" | "res_target", ctx: KpiQueryContext): Sql {
  const at = sql.ident(column, ["first_response_at", "resolved_at"]);
  const t = sql.ident(target, ["fr_target", "res_target"]);
  const asOf = Math.floor(ctx.asOf.getTime() / 1000);
  return sql`multiIf(
    ${t} = 0, ${SLA_CLOCK.none},
    ${at} IS NOT NULL, if(${ticketElapsed(sql`toInt64(assumeNotNull(${at}))`, ctx)} <= ${t}, ${SLA_CLOCK.met}, ${SLA_CLOCK.breached}),
    ${ticketElapsed(sql`${asOf}`, ctx)} > ${t}, ${SLA_CLOCK.breached},
    ${SLA_CLOCK.pending})`;
}

/**
 * Tickets of `rows` (ticket columns) judged against their SLA policy as of `asOf`, each with
 * metric 'achieved' or 'breached'; tickets not judged yet (or without a policy) are left out.
 */
export function slaJudged(rows: Sql, ctx: KpiQueryContext): Sql {
  return sql`SELECT * FROM (${slaStates(rows, ctx)}) WHERE metric != 'pending'`;
}

/** Like slaJudged, with the tickets not judged (yet) as metric 'pending'. */
export function slaStates(rows: Sql, ctx: KpiQueryContext): Sql {
  const asOf = Math.floor(ctx.asOf.getTime() / 1000);
  const fr = slaClock("first_response_at", "fr_target", ctx);
  const res = slaClock("resolved_at", "res_target", ctx);
  // One SELECT level, each alias built on the ones before it: 18.16 analyses every nested
  // subquery again for each level above it (three levels cost ≈ 30 ms per query, even over no rows).
  return sql`SELECT *, ${slaTargetExpression("firstResponse")} AS fr_target, ${slaTargetExpression("resolution")} AS res_target,
      ${fr} AS fr, ${res} AS res,
      multiIf(fr = ${SLA_CLOCK.breached} OR res = ${SLA_CLOCK.breached}, 'breached', fr = ${SLA_CLOCK.met} AND res = ${SLA_CLOCK.met}, 'achieved', 'pending') AS metric
    FROM (${rows}) WHERE created_at <= toDateTime(${asOf})`;
}

/**
 * SLA compliance: a ticket achieves its SLA when both first response and resolution came within
 * their targets; it is breached when either came late or is still missing past its target at
 * `asOf`; tickets still inside their targets (or without a policy) are not judged.
 */
const sla: KpiDefinition = {
  id: "sla",
  source: "tickets",
  unit: "percent",
  better: "higher",
  label: { en: "SLA compliance", zh: "SLA 达成率" },
  sampleLabel: { en: "tickets judged", zh: "个已判定工单" },
  metricLabel: { en: "SLA", zh: "SLA" },
  formula: () => ({
    en: "Achieved ÷ (achieved + breached), per priority × SLA tier targets for first response and resolution (business hours for tiers on a business-hours clock, calendar time otherwise); open tickets past a target count as breached, tickets still within target are not counted",
    zh: "达成 ÷（达成 + 违约），按优先级 × SLA 等级的首次响应与解决时限判定（按营业时间计时的等级只计营业时间，其余按自然时间）；已超时限的未结工单计为违约，仍在时限内的不计入",
  }),
  extras: ["achieved", "breached"],
  population: (ctx) => slaJudged(recordsInRange("tickets", ctx), ctx),
  aggregates: () =>
    sql`countIf(metric = 'achieved') AS achieved, countIf(metric = 'breached') AS breached, if(n = 0, NULL, achieved * 100 / n) AS value`,
  rollup: {
    measures: { c_a: sql`metric = 'achieved'`, c_b: sql`metric = 'breached'` },
    figure: (s) => ({ value: rolled.share(s.c_a, s), extras: { achieved: s.c_a, breached: s.c_b } }),
  },
};

const asa: KpiDefinition = {
  id: "asa",
  source: "conversations",
  unit: "seconds",
  better: "lower",
  label: { en: "Average speed of answer", zh: "平均应答速度 ASA" },
  sampleLabel: { en: "answered", zh: "通已接起" },
  metricLabel: { en: "wait (s)", zh: "等待（秒）" },
  formula: () => ({
    en: "Mean of (answered − started) over answered inbound conversations; median beside it",
    zh: "已接起的呼入会话（接起时间 − 开始时间）的平均值；同时显示中位数",
  }),
  extras: ["median"],
  population: (ctx) =>
    withMetric(
      "conversations",
      ctx,
      sql`toInt64(assumeNotNull(answered_at)) - toInt64(started_at)`,
      sql`${OFFERED} AND answered_at IS NOT NULL`,
    ),
  aggregates: () => sql`if(n = 0, NULL, avg(metric)) AS value, ${exactMedian(sql`metric`)} AS median`,
  rollup: { measures: { s_1: sql`metric`, q: sql`metric` }, figure: (s) => ({ value: rolled.mean(s.s_1, s), extras: { median: rolled.median(s) } }) },
};

const answerRate: KpiDefinition = {
  id: "answerRate",
  source: "conversations",
  unit: "percent",
  better: "higher",
  label: { en: "Answer rate", zh: "接通率" },
  sampleLabel: { en: "offered", zh: "通呼入" },
  metricLabel: { en: "answered (1 = yes)", zh: "已接起（1 = 是）" },
  formula: () => ({
    en: `Answered ÷ offered inbound conversations; abandons within ${SHORT_ABANDON_SECONDS} s and bot-only sessions are not offered`,
    zh: `已接起 ÷ 呼入会话；${SHORT_ABANDON_SECONDS} 秒内放弃的呼入和纯机器人会话不计入`,
  }),
  extras: [],
  population: (ctx) => withMetric("conversations", ctx, sql`answered_at IS NOT NULL`, OFFERED),
  aggregates: () => share(sql`metric = 1`),
  rollup: { measures: { c_a: sql`metric = 1` }, figure: (s) => ({ value: rolled.share(s.c_a, s), extras: {} }) },
};

const abandonRate: KpiDefinition = {
  id: "abandonRate",
  source: "conversations",
  unit: "percent",
  better: "lower",
  label: { en: "Abandonment rate", zh: "放弃率" },
  sampleLabel: { en: "offered", zh: "通呼入" },
  metricLabel: { en: "abandoned (1 = yes)", zh: "放弃（1 = 是）" },
  formula: () => ({
    en: `Abandoned ÷ offered inbound conversations; abandons within ${SHORT_ABANDON_SECONDS} s are not counted at all (short-abandon rule)`,
    zh: `放弃 ÷ 呼入会话；${SHORT_ABANDON_SECONDS} 秒内放弃的不计入分子与分母（短时放弃规则）`,
  }),
  extras: [],
  population: (ctx) => withMetric("conversations", ctx, sql`abandoned`, OFFERED),
  aggregates: () => share(sql`metric = 1`),
  rollup: { measures: { c_a: sql`metric = 1` }, figure: (s) => ({ value: rolled.share(s.c_a, s), extras: {} }) },
};

const aht: KpiDefinition = {
  id: "aht",
  source: "conversations",
  unit: "seconds",
  better: "lower",
  label: { en: "Average handle time", zh: "平均处理时长 AHT" },
  sampleLabel: { en: "handled conversations", zh: "通已处理会话" },
  metricLabel: { en: "handle time (s)", zh: "处理时长（秒）" },
  formula: () => ({
    en: "Mean of talk + hold + after-call work per conversation handled by an agent (answered, not abandoned)",
    zh: "由坐席接起且未放弃的会话，每通（通话 + 保持 + 话后处理）时长的平均值",
  }),
  extras: ["median"],
  population: (ctx) =>
    withMetric("conversations", ctx, sql`toInt64(talk_seconds) + toInt64(hold_seconds) + toInt64(acw_seconds)`, HANDLED),
  aggregates: () => sql`if(n = 0, NULL, avg(metric)) AS value, ${exactMedian(sql`metric`)} AS median`,
  rollup: { measures: { s_1: sql`metric`, q: sql`metric` }, figure: (s) => ({ value: rolled.mean(s.s_1, s), extras: { median: rolled.median(s) } }) },
};

const reopenRate: KpiDefinition = {
  id: "reopenRate",
  source: "tickets",
  unit: "percent",
  better: "lower",
  label: { en: "Reopen rate", zh: "重开率" },
  sampleLabel: { en: "tickets", zh: "个工单" },
  metricLabel: { en: "times reopened", zh: "重开次数" },
  formula: () => ({ en: "Share of tickets reopened at least once", zh: "至少被重开一次的工单占比" }),
  extras: [],
  population: (ctx) => withMetric("tickets", ctx, sql`reopen_count`),
  aggregates: () => share(sql`metric > 0`),
  rollup: { measures: { c_a: sql`metric > 0` }, figure: (s) => ({ value: rolled.share(s.c_a, s), extras: {} }) },
};

const escalationRate: KpiDefinition = {
  id: "escalationRate",
  source: "tickets",
  unit: "percent",
  better: "lower",
  label: { en: "Escalation rate", zh: "升级率" },
  sampleLabel: { en: "tickets", zh: "个工单" },
  metricLabel: { en: "escalation level", zh: "升级级别" },
  formula: () => ({ en: "Share of tickets escalated beyond L1 (to L2 or L3)", zh: "升级到 L1 以上（L2 或 L3）的工单占比" }),
  extras: [],
  population: (ctx) => withMetric("tickets", ctx, sql`escalation_level`),
  aggregates: () => share(sql`metric IN ('L2', 'L3')`),
  rollup: { measures: { c_a: sql`metric IN ('L2', 'L3')` }, figure: (s) => ({ value: rolled.share(s.c_a, s), extras: {} }) },
};

const transferRate: KpiDefinition = {
  id: "transferRate",
  source: "conversations",
  unit: "percent",
  better: "lower",
  label: { en: "Transfer rate", zh: "转接率" },
  sampleLabel: { en: "handled conversations", zh: "通已处理会话" },
  metricLabel: { en: "transfers", zh: "转接次数" },
  formula: () => ({
    en: "Share of agent-handled conversations transferred at least once",
    zh: "由坐席处理的会话中至少转接一次的占比",
  }),
  extras: [],
  population: (ctx) => withMetric("conversations", ctx, sql`transfer_count`, HANDLED),
  aggregates: () => share(sql`metric > 0`),
  rollup: { measures: { c_a: sql`metric > 0` }, figure: (s) => ({ value: rolled.share(s.c_a, s), extras: {} }) },
};

const selfService: KpiDefinition = {
  id: "selfService",
  source: "conversations",
  unit: "percent",
  better: "higher",
  label: { en: "Self-service rate", zh: "自助解决率" },
  sampleLabel: { en: "conversations", zh: "通会话" },
  metricLabel: { en: "resolved by bot (1 = yes)", zh: "机器人解决（1 = 是）" },
  formula: () => ({
    en: "Conversations resolved by the bot without a human handoff ÷ all conversations",
    zh: "由机器人独立解决、未转人工的会话 ÷ 全部会话",
  }),
  extras: [],
  population: (ctx) => withMetric("conversations", ctx, sql`handled_by = 'bot' AND bot_resolved = 1`),
  aggregates: () => share(sql`metric = 1`),
  rollup: { measures: { c_a: sql`metric = 1` }, figure: (s) => ({ value: rolled.share(s.c_a, s), extras: {} }) },
};

/** Below this overall score a conversation counts as negative. */
export const NEGATIVE_SENTIMENT = -0.2;

/**
 * Customer sentiment from the NLP job (−1…1), latest tagging of each conversation; conversations
 * not tagged yet are not in the population (n says how many are).
 */
const sentiment: KpiDefinition = {
  id: "sentiment",
  source: "conversations",
  unit: "score",
  better: "higher",
  label: { en: "Customer sentiment", zh: "客户情绪" },
  sampleLabel: { en: "tagged conversations", zh: "通已分析会话" },
  metricLabel: { en: "sentiment (−1…1)", zh: "情绪（−1…1）" },
  formula: () => ({
    en: `Mean overall sentiment (−1…1) of conversations tagged by the NLP job; beside it the share below ${NEGATIVE_SENTIMENT} and the customer's mean sentiment at the start and at the end`,
    zh: `经 NLP 分析的会话整体情绪（−1…1）的平均值；同时显示低于 ${NEGATIVE_SENTIMENT} 的占比及客户开头与结尾的平均情绪`,
  }),
  extras: ["negativeShare", "startMean", "endMean"],
  population: (ctx) => sql`
    SELECT *, tagged_sentiment AS metric
    FROM (${recordsInRange("conversations", ctx)})
    ANY INNER JOIN (
      SELECT record_id AS id, argMax(sentiment, tagged_at) AS tagged_sentiment,
             argMax(sentiment_start, tagged_at) AS tagged_start, argMax(sentiment_end, tagged_at) AS tagged_end
      FROM nlp_results WHERE record_kind = 'conversation' GROUP BY record_id
    ) USING id`,
  aggregates: () => sql`if(n = 0, NULL, avg(metric)) AS value, if(n = 0, NULL, countIf(metric < ${NEGATIVE_SENTIMENT}) * 100 / n) AS negativeShare,
    if(n = 0, NULL, avg(tagged_start)) AS startMean, if(n = 0, NULL, avg(tagged_end)) AS endMean`,
  rollup: {
    measures: { s_1: sql`metric`, c_a: sql`metric < ${NEGATIVE_SENTIMENT}`, s_2: sql`tagged_start`, s_3: sql`tagged_end` },
    figure: (s) => ({
      value: rolled.mean(s.s_1, s),
      extras: { negativeShare: rolled.share(s.c_a, s), startMean: rolled.mean(s.s_2, s), endMean: rolled.mean(s.s_3, s) },
    }),
  },
};

/** In the order the overview shows them. */
export const KPIS: readonly KpiDefinition[] = [
  nps,
  csat,
  ces,
  fcr,
  frt,
  resolution,
  sla,
  asa,
  answerRate,
  abandonRate,
  aht,
  reopenRate,
  escalationRate,
  transferRate,
  selfService,
  sentiment,
];

export const KPI_IDS = KPIS.map((k) => k.id) as [KpiId, ...KpiId[]];

export function kpiById(id: KpiId): KpiDefinition {
  const found = KPIS.find((k) => k.id === id);
  if (!found) throw new Error(`unknown KPI ${id}`);
  return found;
}

/** The figure's query: n = count() of the population, then the KPI's aggregates. */
export function kpiQuery(kpi: KpiDefinition, ctx: KpiQueryContext): Sql {
  return sql`SELECT count() AS n, ${kpi.aggregates(ctx)} FROM (${kpi.population(ctx)})`;
}
