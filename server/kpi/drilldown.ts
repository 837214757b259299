import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { sql, type Sql } from "../clickhouse/sql";
import { KPI_IDS, kpiById, recordsInRange, TIME_COLUMN, type Bilingual, type KpiId, type KpiQueryContext } from "./definitions";
import type { Source } from "./filters";
import { redact } from "../text/pii";
import { FRT_BUCKET_IDS, frtBucketExpression, frtBucketIndex, type FrtBucketId } from "./frt-buckets";
import { HEAT_CELL_TARGETS, heatCellCondition, parseHeatCellTarget } from "./heat-cells";

/**
 * Drill-down: the records behind a figure, exactly the KPI's population (so the list's total is
 * the card's n), the tickets behind a volume bar, or the tickets of one bar of the FRT
 * distribution (`frt.<bucket>`: the FRT population restricted to that bucket), or the tickets of
 * one cell of the weekday × hour heatmap (`heat.<weekday>.<hour>`: the tickets in range created in
 * that weekday and hour, configured timezone). Sortable by allow-listed columns, paged.
 */

export const FRT_BUCKET_TARGETS = FRT_BUCKET_IDS.map((id) => `frt.${id}` as const);
export const DRILL_TARGETS = [...KPI_IDS, "tickets", ...FRT_BUCKET_TARGETS, ...HEAT_CELL_TARGETS] as const;
export type DrillTarget = (typeof DRILL_TARGETS)[number];

/** The table a target's records come from. */
export function drillSource(target: DrillTarget): Source {
  if (target === "tickets" || target.startsWith("frt.") || target.startsWith("heat.")) return "tickets";
  return kpiById(target as KpiId).source;
}

interface Column {
  key: string;
  label: Bilingual;
  time?: boolean;
  /** Free text written by customers or agents: PII is masked in lists and exports (the record page has the audited unredacted view). */
  freeText?: boolean;
}

const DISPLAY_COLUMNS: Record<Source, readonly Column[]> = {
  tickets: [
    { key: "id", label: { en: "Ticket", zh: "工单号" } },
    { key: "created_at", label: { en: "Created", zh: "创建时间" }, time: true },
    { key: "channel", label: { en: "Channel", zh: "渠道" } },
    { key: "priority", label: { en: "Priority", zh: "优先级" } },
    { key: "sla_tier", label: { en: "SLA tier", zh: "SLA 等级" } },
    { key: "status", label: { en: "Status", zh: "状态" } },
    { key: "category", label: { en: "Category", zh: "类别" } },
    { key: "team", label: { en: "Team", zh: "团队" } },
    { key: "agent", label: { en: "Agent", zh: "坐席" } },
    { key: "region", label: { en: "Region", zh: "区域" } },
    { key: "customer_id", label: { en: "Customer", zh: "客户" } },
    { key: "first_response_at", label: { en: "First response", zh: "首次响应" }, time: true },
    { key: "resolved_at", label: { en: "Resolved", zh: "解决时间" }, time: true },
    { key: "subject", label: { en: "Subject", zh: "标题" }, freeText: true },
  ],
  conversations: [
    { key: "id", label: { en: "Conversation", zh: "会话号" } },
    { key: "started_at", label: { en: "Started", zh: "开始时间" }, time: true },
    { key: "channel", label: { en: "Channel", zh: "渠道" } },
    { key: "direction", label: { en: "Direction", zh: "方向" } },
    { key: "queue", label: { en: "Queue", zh: "队列" } },
    { key: "team", label: { en: "Team", zh: "团队" } },
    { key: "agent", label: { en: "Agent", zh: "坐席" } },
    { key: "customer_id", label: { en: "Customer", zh: "客户" } },
    { key: "ticket_id", label: { en: "Ticket", zh: "工单号" } },
    { key: "wait_seconds", label: { en: "Wait (s)", zh: "等待（秒）" } },
    { key: "talk_seconds", label: { en: "Talk (s)", zh: "通话（秒）" } },
    { key: "handled_by", label: { en: "Handled by", zh: "处理方" } },
  ],
  surveys: [
    { key: "id", label: { en: "Response", zh: "答卷号" } },
    { key: "responded_at", label: { en: "Responded", zh: "回复时间" }, time: true },
    { key: "kind", label: { en: "Survey", zh: "问卷" } },
    { key: "channel", label: { en: "Channel", zh: "渠道" } },
    { key: "team", label: { en: "Team", zh: "团队" } },
    { key: "agent", label: { en: "Agent", zh: "坐席" } },
    { key: "customer_id", label: { en: "Customer", zh: "客户" } },
    { key: "ticket_id", label: { en: "Ticket", zh: "工单号" } },
    { key: "comment", label: { en: "Comment", zh: "评论" }, freeText: true },
  ],
};

export const DrillInputSchema = z.object({
  target: z.enum(DRILL_TARGETS),
  sort: z.string().max(40).optional(),
  direction: z.enum(["asc", "desc"]).default("desc"),
  page: z.number().int().min(0).max(100_000).default(0),
  pageSize: z.number().int().min(1).max(500).default(50),
});
export type DrillInput = z.infer<typeof DrillInputSchema>;

export interface DrillSpec {
  source: Source;
  columns: Column[];
  population: Sql;
}

export function drillSpec(target: DrillTarget, ctx: KpiQueryContext): DrillSpec {
  if (target === "tickets") {
    return {
      source: "tickets",
      columns: [...DISPLAY_COLUMNS.tickets],
      population: sql`SELECT *, status AS metric FROM (${recordsInRange("tickets", ctx)})`,
    };
  }
  const cell = parseHeatCellTarget(target);
  if (cell) {
    // The heatmap's own population and cell expressions (server/kpi/breakdowns.ts volumeHeatmap).
    return {
      source: "tickets",
      columns: [...DISPLAY_COLUMNS.tickets],
      population: sql`SELECT *, status AS metric FROM (
          SELECT * FROM (${recordsInRange("tickets", ctx)}) WHERE ${heatCellCondition(sql`created_at`, ctx.timezone, cell.weekday, cell.hour)}
        )`,
    };
  }
  if (target.startsWith("frt.")) {
    const kpi = kpiById("frt");
    const bucket = frtBucketIndex(target.slice("frt.".length) as FrtBucketId);
    return {
      source: kpi.source,
      columns: [...DISPLAY_COLUMNS[kpi.source], { key: "metric", label: kpi.metricLabel }],
      population: sql`SELECT * FROM (${kpi.population(ctx)}) WHERE ${frtBucketExpression(sql`metric`)} = ${bucket}`,
    };
  }
  const kpi = kpiById(target as KpiId);
  return {
    source: kpi.source,
    columns: [...DISPLAY_COLUMNS[kpi.source], { key: "metric", label: kpi.metricLabel }],
    population: kpi.population(ctx),
  };
}

/** SELECT list: allow-listed columns, times rendered in the configured timezone. */
function selectList(spec: DrillSpec, timezone: string): Sql {
  const keys = spec.columns.map((c) => c.key);
  return sql.join(
    spec.columns.map((c) => {
      const column = sql.ident(c.key, keys);
      return c.time ? sql`if(isNull(${column}), '', toString(assumeNotNull(${column}), ${timezone})) AS ${column}` : sql`${column}`;
    }),
  );
}

function orderBy(spec: DrillSpec, sort: string | undefined, direction: "asc" | "desc"): Sql {
  const keys = spec.columns.map((c) => c.key);
  const key = sort && keys.includes(sort) ? sort : TIME_COLUMN[spec.source];
  const dir = direction === "asc" ? sql`ASC` : sql`DESC`;
  // Sorting on the raw column (not its formatted alias) keeps times in time order; id breaks ties.
  return sql`ORDER BY ${sql.ident(key, keys)} ${dir}, id ${dir}`;
}

const CountRow = z.object({ total: z.coerce.number() });
const Row = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
type RowValue = z.infer<typeof Row>;

function maskFreeText(columns: readonly Column[], rows: RowValue[]): RowValue[] {
  const masked = columns.filter((c) => c.freeText).map((c) => c.key);
  if (masked.length === 0) return rows;
  for (const row of rows) {
    for (const key of masked) {
      const value = row[key];
      if (typeof value === "string" && value) row[key] = redact(value).text;
    }
  }
  return rows;
}

export async function drillPage(dbx: Db, ctx: KpiQueryContext, input: DrillInput) {
  const spec = drillSpec(input.target, ctx);
  const [count] = await dbx.query("drilldown.count", sql`SELECT count() AS total FROM (${spec.population})`, CountRow);
  const rows = await dbx.query(
    "drilldown.rows",
    sql`SELECT ${selectList(spec, ctx.timezone)} FROM (
          SELECT * FROM (${spec.population}) ${orderBy(spec, input.sort, input.direction)} LIMIT ${input.page * input.pageSize}, ${input.pageSize}
        )`,
    Row,
  );
  return { source: spec.source, total: count?.total ?? 0, columns: spec.columns.map(({ key, label }) => ({ key, label })), rows: maskFreeText(spec.columns, rows) };
}

/** Every record of the drill-down in order, in chunks, for exports (memory stays flat). */
export async function* drillAll(dbx: Db, ctx: KpiQueryContext, target: DrillTarget, chunk = 20_000) {
  const spec = drillSpec(target, ctx);
  for (let offset = 0; ; offset += chunk) {
    const rows = await dbx.query(
      "drilldown.export",
      sql`SELECT ${selectList(spec, ctx.timezone)} FROM (
            SELECT * FROM (${spec.population}) ${orderBy(spec, undefined, "asc")} LIMIT ${offset}, ${chunk}
          )`,
      Row,
    );
    yield { columns: spec.columns, rows: maskFreeText(spec.columns, rows) };
    if (rows.length < chunk) return;
  }
}
