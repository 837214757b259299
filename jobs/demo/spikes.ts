/**
 * Incidents planted in the demo year so the hotspot view has something true to find. Dates are
 * relative to the load's end date; demoSpikes(end) gives the calendar dates.
 */
import { DAY_MS, holidayFactor } from "./calendar";
import type { Category, RegionId } from "./catalog";

export interface DemoSpikeDefinition {
  /** Shared by the categories of one incident; also the key of its ticket texts. */
  id: string;
  category: Category;
  /** Only customers homed here are affected; null = every region. */
  region: RegionId | null;
  /** The spike starts on the Monday on or before (end − this many days), so it fills ISO weeks;
   * moved by a week or two when that would overlap a public holiday, so the surge stands out. */
  startDaysBeforeEnd: number;
  /** Volume on each day of the spike as a multiple of the category's usual daily volume. */
  dailyMultipliers: readonly number[];
  /** Shanghai hour the incident began (first-day contacts come after it). */
  onsetHour: number;
}

export const DEMO_SPIKES: readonly DemoSpikeDefinition[] = [
  {
    id: "east2-network-outage",
    category: "outage",
    region: "cn-east-2",
    startDaysBeforeEnd: 120,
    dailyMultipliers: [10, 11, 8, 6, 4.5, 3, 2],
    onsetHour: 9.6,
  },
  {
    id: "east2-network-outage",
    category: "network_latency",
    region: "cn-east-2",
    startDaysBeforeEnd: 120,
    dailyMultipliers: [8, 9, 7, 6, 4.5, 3, 2],
    onsetHour: 9.6,
  },
  {
    id: "billing-rule-change",
    category: "billing_invoice",
    region: null,
    startDaysBeforeEnd: 49,
    dailyMultipliers: [3, 4.2, 4.5, 4, 3.6, 3.2, 3, 2.5, 2, 1.8],
    onsetHour: 8,
  },
  {
    id: "billing-rule-change",
    category: "refund",
    region: null,
    startDaysBeforeEnd: 49,
    dailyMultipliers: [2, 3.2, 4, 4.5, 4.5, 4, 3.6, 3, 2.5, 2],
    onsetHour: 8,
  },
];

export interface DemoSpike {
  id: string;
  category: Category;
  region: RegionId | null;
  /** First day (Shanghai calendar date, YYYY-MM-DD). */
  start: string;
  /** Last day, inclusive. */
  end: string;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Start of the spike as a UTC-midnight timestamp of its Shanghai calendar date. */
function spikeStartDay(definition: DemoSpikeDefinition, end: Date): number {
  const endDay = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  const target = endDay - definition.startDaysBeforeEnd * DAY_MS;
  const weekday = new Date(target).getUTCDay();
  const monday = target - ((weekday + 6) % 7) * DAY_MS;
  const days = definition.dailyMultipliers.length;
  const fits = (from: number) =>
    from + (days - 1) * DAY_MS <= endDay && !definition.dailyMultipliers.some((_m, k) => holidayFactor(isoDay(from + k * DAY_MS)) < 1);
  for (const weeks of [0, 1, -1, 2, -2, 3, -3]) {
    if (fits(monday + weeks * 7 * DAY_MS)) return monday + weeks * 7 * DAY_MS;
  }
  return monday;
}

/** The planted spikes with calendar dates, for a load ending at `end`. */
export function demoSpikes(end: Date): DemoSpike[] {
  return DEMO_SPIKES.map((d) => {
    const start = spikeStartDay(d, end);
    return {
      id: d.id,
      category: d.category,
      region: d.region,
      start: isoDay(start),
      end: isoDay(start + (d.dailyMultipliers.length - 1) * DAY_MS),
    };
  });
}

export interface ActiveSpike {
  definition: DemoSpikeDefinition;
  dayOfSpike: number;
  multiplier: number;
}

/** Spikes running on a Shanghai calendar date. */
export function spikesOn(date: string, end: Date): ActiveSpike[] {
  const day = Date.parse(`${date}T00:00:00Z`);
  const out: ActiveSpike[] = [];
  for (const definition of DEMO_SPIKES) {
    const k = Math.round((day - spikeStartDay(definition, end)) / DAY_MS);
    const multiplier = definition.dailyMultipliers[k];
    if (k >= 0 && multiplier !== undefined) out.push({ definition, dayOfSpike: k, multiplier });
  }
  return out;
}
