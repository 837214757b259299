import { z } from "zod";
import { sql, type Sql } from "../../clickhouse/sql";

import type { Caller } from "../../auth/caller";
import { procedure, router } from "../../trpc/init";

/** The caller's tickets (or conversations) (a subquery, so result aliases such as `team` cannot shadow the column). */
function scopedRecords(caller: Pick<Caller, "teamScope" | "agentScope">, table: Sql = sql`tickets`): Sql {
  if (caller.teamScope === null && caller.agentScope === null) return table;
  const conditions: Sql[] = [];
  if (caller.teamScope !== null) conditions.push(caller.teamScope.length ? sql`has(${caller.teamScope}, team)` : sql`0`);
  if (caller.agentScope !== null) conditions.push(sql`agent = ${caller.agentScope}`);
  return sql`(SELECT * FROM ${table} WHERE ${sql.join(conditions, sql` AND `)})`;
}

const DimensionRow = z.object({
  channel: z.array(z.string()),
  team: z.array(z.string()),
  agent: z.array(z.string()),
  category: z.array(z.string()),
  region: z.array(z.string()),
  product: z.array(z.string()),
  priority: z.array(z.string()),
  slaTier: z.array(z.string()),
  language: z.array(z.string()),
});
const QueueRow = z.object({ queue: z.array(z.string()) });

const RangeRow = z.object({ tickets: z.coerce.number(), minDay: z.string(), maxDay: z.string() });

export const metaRouter = router({
  /** First and last day with tickets (configured timezone), for the default date range. */
  dataRange: procedure("meta.view").query(async ({ ctx }) => {
    const [row] = await ctx.db.query(
      "meta.dataRange",
      sql`SELECT count() AS tickets, toString(toDate(min(created_at), ${ctx.timezone})) AS minDay,
                 toString(toDate(max(created_at), ${ctx.timezone})) AS maxDay
          FROM ${scopedRecords(ctx.caller)}`,
      RangeRow,
    );
    return row && row.tickets > 0 ? { minDay: row.minDay, maxDay: row.maxDay, timezone: ctx.timezone } : null;
  }),

  /** Values offered in the filter bar (queues come from conversations: tickets do not record one). */
  dimensionValues: procedure("meta.view").query(async ({ ctx }) => {
    const [[row], [queues]] = await Promise.all([
      ctx.db.query(
        "meta.dimensionValues",
        sql`SELECT arraySort(groupUniqArray(channel)) AS channel, arraySort(groupUniqArray(team)) AS team,
                   arraySort(groupUniqArrayIf(agent, agent != '')) AS agent, arraySort(groupUniqArray(category)) AS category,
                   arraySort(groupUniqArray(region)) AS region, arraySort(groupUniqArray(product)) AS product,
                   arraySort(groupUniqArray(priority)) AS priority, arraySort(groupUniqArray(sla_tier)) AS slaTier,
                   arraySort(groupUniqArray(language)) AS language
            FROM ${scopedRecords(ctx.caller)}`,
        DimensionRow,
      ),
      ctx.db.query(
        "meta.queueValues",
        sql`SELECT arraySort(groupUniqArrayIf(queue, queue != '')) AS queue FROM ${scopedRecords(ctx.caller, sql`conversations`)}`,
        QueueRow,
      ),
    ]);
    return { ...row!, queue: queues?.queue ?? [] };
  }),
});
