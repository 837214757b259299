import type { KpiId } from "./definitions";

/** The Agents & teams table: its rows are teams or agents, its columns these KPIs. */
export const PEOPLE_DIMENSIONS = ["team", "agent"] as const;
export type PeopleDimension = (typeof PEOPLE_DIMENSIONS)[number];
export const PEOPLE_KPIS: readonly KpiId[] = ["csat", "nps", "fcr", "frt", "resolution", "sla", "aht", "transferRate", "escalationRate"];

/**
 * The table shows each KPI's value alone. Of the KPIs with percentiles, FRT and resolution are
 * valued by their median (ASA and AHT by their mean), so only they keep percentile states per
 * person: merging a year of them per agent is most of the table's time.
 */
export const PEOPLE_MEDIANS: readonly KpiId[] = ["frt", "resolution"];
