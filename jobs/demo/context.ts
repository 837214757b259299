/** State shared by the generator's parts while it walks through the year, one day at a time. */
import type { Category, Product } from "./catalog";
import type { Customer, CustomerPool } from "./customers";
import type { Rng } from "./random";
import type { ActiveSpike } from "./spikes";

/** A customer coming back about the same topic (drives FCR). */
export interface FollowUp {
  at: number;
  customer: Customer;
  category: Category;
  product: Product;
  previousTicketId: string;
  spikeId: string | null;
  /** The problem variant of the first contact: the customer is back about the same thing. */
  variant: number | undefined;
}

export interface DayState {
  index: number;
  startMs: number;
  /** Shanghai date as YYYYMMDD, used in record ids. */
  stamp: string;
  spikes: ActiveSpike[];
  ticketSeq: number;
  conversationSeq: number;
  surveySeq: number;
}

export interface GenContext {
  rng: Rng;
  pool: CustomerPool;
  end: Date;
  /** Window start and end (exclusive): nothing happens at or after endMs ("now"). */
  startMs: number;
  endMs: number;
  /** Follow-up contacts waiting for their day, by day index. */
  followUps: Map<number, FollowUp[]>;
  day: DayState;
}

export function nextTicketId(ctx: GenContext): string {
  return `T${ctx.day.stamp}${String(++ctx.day.ticketSeq).padStart(6, "0")}`;
}

export function nextConversationId(ctx: GenContext): string {
  return `CV${ctx.day.stamp}${String(++ctx.day.conversationSeq).padStart(6, "0")}`;
}

export function nextSurveyId(ctx: GenContext): string {
  return `SV${ctx.day.stamp}${String(++ctx.day.surveySeq).padStart(6, "0")}`;
}

/** The incident a contact belongs to, if its topic and region are hit by a spike today. */
export function incidentFor(ctx: GenContext, category: Category, region: string): ActiveSpike | undefined {
  return ctx.day.spikes.find(
    (s) => s.definition.category === category && (s.definition.region === null || s.definition.region === region),
  );
}
