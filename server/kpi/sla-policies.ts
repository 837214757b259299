import { sql, type Sql } from "../clickhouse/sql";

export const PRIORITIES = ["P0", "P1", "P2", "P3"] as const;
export type Priority = (typeof PRIORITIES)[number];
export const SLA_TIERS = ["basic", "advanced", "enterprise"] as const;
export type SlaTier = (typeof SLA_TIERS)[number];

export interface SlaTarget {
  /** Seconds from creation to the first response. */
  firstResponse: number;
  /** Seconds from creation to resolution. */
  resolution: number;
}

const MIN = 60;
const HOUR = 3600;

/**
 * Default SLA policies (priority × tier), calendar time: the centre runs 7×24 with a night shift.
 * basic: response 2 h / resolve 24 h; advanced: 15 min / 4 h; enterprise: tighter still.
 * Higher priorities are tighter within a tier. The demo data is generated against these.
 */
export const DEFAULT_SLA_POLICIES: Record<SlaTier, Record<Priority, SlaTarget>> = {
  basic: {
    P0: { firstResponse: 30 * MIN, resolution: 8 * HOUR },
    P1: { firstResponse: 1 * HOUR, resolution: 12 * HOUR },
    P2: { firstResponse: 2 * HOUR, resolution: 24 * HOUR },
    P3: { firstResponse: 2 * HOUR, resolution: 24 * HOUR },
  },
  advanced: {
    P0: { firstResponse: 10 * MIN, resolution: 2 * HOUR },
    P1: { firstResponse: 15 * MIN, resolution: 3 * HOUR },
    P2: { firstResponse: 15 * MIN, resolution: 4 * HOUR },
    P3: { firstResponse: 15 * MIN, resolution: 4 * HOUR },
  },
  enterprise: {
    P0: { firstResponse: 5 * MIN, resolution: 2 * HOUR },
    P1: { firstResponse: 10 * MIN, resolution: 2 * HOUR },
    P2: { firstResponse: 10 * MIN, resolution: 3 * HOUR },
    P3: { firstResponse: 15 * MIN, resolution: 4 * HOUR },
  },
};

export type Clock = "calendar" | "business";

/**
 * Which clock each tier's SLA runs on. The demo centre works 7×24 with a night shift, so every
 * tier defaults to calendar time; a tier set to "business" counts only the business-hours schedule.
 */
export const DEFAULT_SLA_CLOCKS: Record<SlaTier, Clock> = { basic: "calendar", advanced: "calendar", enterprise: "calendar" };

/**
 * The target (seconds) for each ticket as a SQL expression over `priority` and `sla_tier`; 0
 * when no policy applies. A lookup in one array by the two names' positions: a 12-branch
 * multiIf of string comparisons per ticket cost 3× as much over a year of tickets, and a
 * non-Nullable number keeps every comparison with it cheap.
 */
export function slaTargetExpression(kind: keyof SlaTarget, policies = DEFAULT_SLA_POLICIES): Sql {
  const targets = SLA_TIERS.flatMap((tier) => PRIORITIES.map((priority) => policies[tier]?.[priority]?.[kind] ?? 0));
  const tier = sql`indexOf(${[...SLA_TIERS]}, sla_tier)`;
  const priority = sql`indexOf(${[...PRIORITIES]}, priority)`;
  return sql`if(${tier} = 0 OR ${priority} = 0, 0, arrayElement(${targets}, (${tier} - 1) * ${PRIORITIES.length} + ${priority}))`;
}
