import type { KpiId } from "./definitions";

/** The Agents & teams table: its rows are teams or agents, its columns these KPIs. */
export const PEOPLE_DIMENSIONS = ["team", "agent"] as const;
export type PeopleDimension = (typeof PEOPLE_DIMENSIONS)[number];
export const PEOPLE_KPIS: readonly KpiId[] = ["csat", "nps", "fcr", "frt", "resolution", "sla", "aht", "transferRate", "escalationRate"];
