/**
 * The SLA targets the demo data is generated against: the product's default policies, so the
 * dashboard's SLA compliance on demo data lands where the generator aimed it.
 */
import { DEFAULT_SLA_POLICIES, PRIORITIES, SLA_TIERS, type Priority, type SlaTier } from "../../server/kpi/sla-policies";

export { PRIORITIES, SLA_TIERS, type Priority, type SlaTier };

export interface DemoSlaTarget {
  tier: SlaTier;
  priority: Priority;
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export const DEMO_SLA_TARGETS: readonly DemoSlaTarget[] = SLA_TIERS.flatMap((tier) =>
  PRIORITIES.map((priority) => ({
    tier,
    priority,
    firstResponseMinutes: DEFAULT_SLA_POLICIES[tier][priority].firstResponse / 60,
    resolutionMinutes: DEFAULT_SLA_POLICIES[tier][priority].resolution / 60,
  })),
);

export function slaTarget(tier: SlaTier, priority: Priority): DemoSlaTarget {
  const target = DEMO_SLA_TARGETS.find((t) => t.tier === tier && t.priority === priority);
  if (!target) throw new Error(`no SLA target for ${tier}/${priority}`);
  return target;
}
