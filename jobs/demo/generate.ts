/**
 * The demo year as a stream of rows, one Shanghai day at a time. Only the current day's events
 * and the next week's follow-ups are held, so memory stays flat at any scale.
 */
import {
  DAY_MS,
  HOUR_MS,
  demoWindow,
  holidayFactor,
  sampleTimeInDay,
  shanghaiDate,
  shanghaiWeekday,
  trendFactor,
  weekdayFactor,
} from "./calendar";
import { CATEGORY_PROFILES, CATEGORIES, REGIONS } from "./catalog";
import { generateContact } from "./contacts";
import type { GenContext } from "./context";
import { CustomerPool } from "./customers";
import { Rng } from "./random";
import type { DemoRecord } from "./rows";
import { spikesOn } from "./spikes";
import { generateTicket, type TicketEvent } from "./tickets";

export interface GenerateOptions {
  scale: number;
  seed: number;
  end: Date;
}

/** Tickets per year at scale 1, before repeat contacts (≈ +10 %) and spikes (≈ +2 %). */
const FRESH_TICKETS_PER_YEAR = 108_000;
/** Contacts that never become a ticket, per fresh ticket. */
const CONTACTS_PER_TICKET = 0.05;

const CATEGORY_SHARE_TOTAL = CATEGORIES.reduce((sum, c) => sum + CATEGORY_PROFILES[c].share, 0);

type DayEvent = { at: number; kind: "ticket"; ticket: TicketEvent } | { at: number; kind: "contact" };

export function* generateDemoData(options: GenerateOptions): Generator<DemoRecord> {
  const { scale, seed, end } = options;
  if (!(scale > 0)) throw new Error("scale must be > 0");
  const window = demoWindow(end);
  const rng = new Rng(seed);
  const ctx: GenContext = {
    rng,
    pool: new CustomerPool(seed, scale),
    end,
    startMs: window.startMs,
    endMs: window.endMs,
    followUps: new Map(),
    day: { index: 0, startMs: window.startMs, stamp: "", spikes: [], ticketSeq: 0, conversationSeq: 0, surveySeq: 0 },
  };

  const dayFactors: number[] = [];
  for (let d = 0; d < window.days; d++) {
    const startMs = window.startMs + d * DAY_MS;
    dayFactors.push(weekdayFactor(shanghaiWeekday(startMs)) * holidayFactor(shanghaiDate(startMs)) * trendFactor(d, window.days));
  }
  const perFactor = (FRESH_TICKETS_PER_YEAR * scale) / dayFactors.reduce((a, b) => a + b, 0);
  // A spike's surplus is measured against the topic's ordinary day, not against a holiday.
  const averageDay = (FRESH_TICKETS_PER_YEAR * scale) / window.days;

  const out: DemoRecord[] = [];
  for (let d = 0; d < window.days; d++) {
    const startMs = window.startMs + d * DAY_MS;
    const date = shanghaiDate(startMs);
    const weekday = shanghaiWeekday(startMs);
    const weekend = weekday === 0 || weekday === 6;
    ctx.day = {
      index: d,
      startMs,
      stamp: date.replaceAll("-", ""),
      spikes: spikesOn(date, end),
      ticketSeq: 0,
      conversationSeq: 0,
      surveySeq: 0,
    };
    const expected = perFactor * (dayFactors[d] as number);
    const events: DayEvent[] = [];
    const fresh = rng.poisson(expected);
    for (let i = 0; i < fresh; i++) events.push({ at: sampleTimeInDay(rng, startMs, weekend), kind: "ticket", ticket: { at: 0 } });
    for (const spike of ctx.day.spikes) {
      const def = spike.definition;
      const regionShare = def.region === null ? 1 : (REGIONS.find((r) => r.id === def.region)?.share ?? 0);
      const surplus = (spike.multiplier - 1) * averageDay * (CATEGORY_PROFILES[def.category].share / CATEGORY_SHARE_TOTAL) * regionShare;
      const count = rng.poisson(surplus);
      const onset = startMs + def.onsetHour * HOUR_MS;
      for (let i = 0; i < count; i++) {
        // Incidents ignore office hours; on the first day contacts only start after the onset.
        let at = sampleTimeInDay(rng, startMs, false, true);
        if (spike.dayOfSpike === 0 && at < onset) at = onset + Math.floor(rng.next() * (startMs + DAY_MS - onset) / 1000) * 1000;
        events.push({ at, kind: "ticket", ticket: { at: 0, spike } });
      }
    }
    for (const followUp of ctx.followUps.get(d) ?? []) events.push({ at: followUp.at, kind: "ticket", ticket: { at: 0, followUp } });
    ctx.followUps.delete(d);
    const contacts = rng.poisson(expected * CONTACTS_PER_TICKET);
    for (let i = 0; i < contacts; i++) events.push({ at: sampleTimeInDay(rng, startMs, weekend), kind: "contact" });

    // Stable order (ties by insertion) so ids are chronological within the day.
    events.sort((a, b) => a.at - b.at);
    for (const event of events) {
      if (event.kind === "ticket") generateTicket(ctx, { ...event.ticket, at: event.at }, out);
      else generateContact(ctx, event.at, out);
      if (out.length > 0) {
        yield* out;
        out.length = 0;
      }
    }
    yield { table: "progress", day: d + 1, days: window.days };
  }
}
