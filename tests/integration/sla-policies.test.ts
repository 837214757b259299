import { describe, expect, it } from "vitest";
import { z } from "zod";
import { sql } from "../../server/clickhouse/sql";
import { DEFAULT_SLA_POLICIES, PRIORITIES, SLA_TIERS, slaTargetExpression } from "../../server/kpi/sla-policies";
import { withTestDb } from "../helpers/test-db";

const db = withTestDb("sla");
const Row = z.object({ sla_tier: z.string(), priority: z.string(), first: z.coerce.number().nullable(), resolve: z.coerce.number().nullable() });

describe("SLA targets in SQL", () => {
  it("give every tier × priority its policy's targets, and 0 (no policy) for a tier or priority without one", async () => {
    const pairs = [...SLA_TIERS.flatMap((tier) => PRIORITIES.map((priority) => [tier, priority])), ["gold", "P1"], ["basic", "P9"], ["", ""]];
    const rows = await db.get().query(
      "test.sla",
      sql`SELECT sla_tier, priority, ${slaTargetExpression("firstResponse")} AS first, ${slaTargetExpression("resolution")} AS resolve
          FROM (SELECT splitByChar('|', text)[1] AS sla_tier, splitByChar('|', text)[2] AS priority
                FROM (SELECT arrayJoin(${pairs.map(([tier, priority]) => `${tier}|${priority}`)}) AS text))`,
      Row,
    );
    const expected = pairs.map(([tier, priority]) => {
      const policy = DEFAULT_SLA_POLICIES[tier as (typeof SLA_TIERS)[number]]?.[priority as (typeof PRIORITIES)[number]];
      return { sla_tier: tier, priority, first: policy?.firstResponse ?? 0, resolve: policy?.resolution ?? 0 };
    });
    expect(rows).toEqual(expected);
  });
});
