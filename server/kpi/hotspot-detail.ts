/**
 * One hotspot topic in detail: its trend over the range and the baseline before it, the keywords
 * of its records, and a few example records.
 *
 * The population is exactly the ranking's (server/kpi/hotspots.ts): tickets (newest version, FINAL)
 * whose category is the topic, created in the range, under every dimension filter except
 * category. So the series over the range adds up to the ranking's count, and the score shown
 * here is the ranking's score.
 */
import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { sql, type Sql } from "../clickhouse/sql";
import { redact } from "../text/pii";
import { recordsInRange } from "./definitions";
import { addDays, daysBetween } from "./filters";
import { BASELINE_PERIODS, scoreHotspot, type Hotspot, type HotspotContext } from "./hotspots";
import { topicName, type TopicName } from "./topic-names";

/** A topic id (a ticket category): bounded like any dimension value. */
export const TopicSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => s.isWellFormed(), "not well-formed Unicode (lone surrogate)");

/** Ranges up to this many days get a daily trend; longer ones a weekly one. */
export const DAILY_TREND_MAX_DAYS = 31;
export const KEYWORD_LIMIT = 12;
export const EXAMPLE_LIMIT = 5;
/** Characters of an example's (redacted) text. */
export const SNIPPET_CHARS = 140;

export type TrendGrain = "day" | "week";

/** One point of the trend: the days [start, end] (inclusive), in the baseline or in the range. */
export interface TrendBucket {
  start: string;
  end: string;
  days: number;
  part: "baseline" | "range";
  count: number;
}

/**
 * The trend's buckets over the baseline and the range: days for a range of up to 31 days,
 * otherwise 7-day buckets counted from the range's first day (forwards through the range,
 * backwards through the baseline), so no bucket straddles the two and the range's buckets add up
 * to the range; the last range bucket and the first baseline bucket may be shorter.
 */
export function trendBuckets(from: string, to: string): { grain: TrendGrain; buckets: Omit<TrendBucket, "count">[] } {
  const length = daysBetween(from, to) + 1;
  const baseFrom = addDays(from, -BASELINE_PERIODS * length);
  const grain: TrendGrain = length <= DAILY_TREND_MAX_DAYS ? "day" : "week";
  const step = grain === "day" ? 1 : 7;
  const baseline: Omit<TrendBucket, "count">[] = [];
  for (let end = addDays(from, -1); end >= baseFrom; end = addDays(end, -step)) {
    const start = [addDays(end, -(step - 1)), baseFrom].sort().at(-1)!;
    baseline.unshift({ start, end, days: daysBetween(start, end) + 1, part: "baseline" });
  }
  const range: Omit<TrendBucket, "count">[] = [];
  for (let start = from; start <= to; start = addDays(start, step)) {
    const end = [addDays(start, step - 1), to].sort()[0]!;
    range.push({ start, end, days: daysBetween(start, end) + 1, part: "range" });
  }
  return { grain, buckets: [...baseline, ...range] };
}

/** Daily counts into buckets and into the ranking's periods (BASELINE_PERIODS baseline periods, then the range). */
export function fillTrend(from: string, to: string, daily: ReadonlyMap<string, number>): { grain: TrendGrain; series: TrendBucket[]; periods: number[] } {
  const length = daysBetween(from, to) + 1;
  const baseFrom = addDays(from, -BASELINE_PERIODS * length);
  const { grain, buckets } = trendBuckets(from, to);
  const periods = new Array<number>(BASELINE_PERIODS + 1).fill(0);
  for (const [day, n] of daily) {
    const period = Math.floor(daysBetween(baseFrom, day) / length);
    if (period >= 0 && period <= BASELINE_PERIODS) periods[period]! += n;
  }
  // Buckets are sorted and contiguous: find each day's bucket by its start.
  const series = buckets.map((b) => ({ ...b, count: 0 }));
  for (const [day, n] of daily) {
    const bucket = series.find((b) => b.start <= day && day <= b.end);
    if (bucket) bucket.count += n;
  }
  return { grain, series, periods };
}

export interface KeywordCount {
  keyword: string;
  /** Records of the topic in the range whose latest tagging has this keyword. */
  count: number;
}

export interface HotspotExample {
  id: string;
  /** Creation time in the configured timezone. */
  time: string;
  channel: string;
  team: string;
  /** Subject (or, without one, the description), personal data masked, cut to SNIPPET_CHARS. */
  snippet: string;
  /** From the latest tagging; null when not tagged yet. */
  sentiment: number | null;
}

export interface HotspotDetail {
  topic: string;
  name: TopicName | null;
  grain: TrendGrain;
  /** Length of the range in days: the baseline is BASELINE_PERIODS periods of this length. */
  periodDays: number;
  baselineFrom: string;
  /** The ranking's figures for this topic (same counts, same score). */
  score: Hotspot;
  series: TrendBucket[];
  keywords: KeywordCount[];
  /** Records of the topic in the range that are tagged (keywords come from these). */
  tagged: number;
  /** The most recent records of the topic in the range. */
  examples: HotspotExample[];
}

const DayRow = z.object({ day: z.string(), n: z.coerce.number() });
const KeywordRow = z.object({ keyword: z.string(), n: z.coerce.number() });
const TaggedRow = z.object({ n: z.coerce.number() });
const ExampleRow = z.object({ id: z.string(), created_text: z.string(), channel: z.string(), team: z.string(), subject: z.string(), description: z.string() });
const SentimentRow = z.object({ record_id: z.string(), latest_sentiment: z.number() });

/** A masked, shortened snippet: masked first, so no number is cut in two before it is recognised. */
export function snippetOf(subject: string, description: string): string {
  const text = (subject.trim() !== "" ? subject : description).replace(/\s+/g, " ").trim();
  const masked = redact(text).text;
  const chars = [...masked];
  return chars.length > SNIPPET_CHARS ? `${chars.slice(0, SNIPPET_CHARS - 1).join("")}…` : masked;
}

/** `filter` must already be scoped to the caller (queryContext). */
export async function hotspotDetail(dbx: Db, ctx: HotspotContext, topic: string): Promise<HotspotDetail> {
  const { filter, timezone } = ctx;
  const length = daysBetween(filter.from, filter.to) + 1;
  const baseFrom = addDays(filter.from, -BASELINE_PERIODS * length);
  // The ranking's population, for this topic (the category filter does not apply, as in the ranking).
  const inTopic = (from: string): Sql =>
    sql`SELECT * FROM (${recordsInRange("tickets", { ...ctx, filter: { ...filter, from, category: undefined } })}) WHERE category = ${topic}`;
  // Ids of the topic's tickets in the range (newest version of each).
  const idsInRange = sql`SELECT id FROM (${inTopic(filter.from)})`;
  // The latest tagging of each of them (any tagger version).
  const latest = sql`SELECT record_id, argMax(keywords, tagged_at) AS latest_keywords
                     FROM nlp_results
                     WHERE record_kind = 'ticket' AND record_id IN (${idsInRange})
                     GROUP BY record_id`;

  const [days, keywords, tagged, exampleRows] = await Promise.all([
    dbx.query(
      "hotspots.detail.days",
      sql`SELECT toString(toDate(created_at, ${timezone})) AS day, count() AS n
          FROM (${inTopic(baseFrom)})
          GROUP BY day`,
      DayRow,
    ),
    dbx.query(
      "hotspots.detail.keywords",
      // A keyword counts once per record.
      sql`SELECT keyword, count() AS n
          FROM (SELECT record_id, arrayDistinct(latest_keywords) AS distinct_keywords FROM (${latest}))
          ARRAY JOIN distinct_keywords AS keyword
          GROUP BY keyword
          ORDER BY n DESC, keyword
          LIMIT ${KEYWORD_LIMIT}`,
      KeywordRow,
    ),
    dbx.query("hotspots.detail.tagged", sql`SELECT count() AS n FROM (${latest})`, TaggedRow),
    dbx.query(
      "hotspots.detail.examples",
      sql`SELECT id, toString(created_at, ${timezone}) AS created_text, channel, team, subject, description
          FROM (${inTopic(filter.from)})
          ORDER BY created_at DESC, id DESC
          LIMIT ${EXAMPLE_LIMIT}`,
      ExampleRow,
    ),
  ]);

  const sentiments = new Map<string, number>();
  if (exampleRows.length > 0) {
    const rows = await dbx.query(
      "hotspots.detail.sentiment",
      sql`SELECT record_id, argMax(sentiment, tagged_at) AS latest_sentiment
          FROM nlp_results
          WHERE record_kind = 'ticket' AND record_id IN (${sql.join(exampleRows.map((r) => sql`${r.id}`))})
          GROUP BY record_id`,
      SentimentRow,
    );
    for (const r of rows) sentiments.set(r.record_id, r.latest_sentiment);
  }

  const { grain, series, periods } = fillTrend(filter.from, filter.to, new Map(days.map((d) => [d.day, d.n])));
  return {
    topic,
    name: topicName(topic),
    grain,
    periodDays: length,
    baselineFrom: baseFrom,
    score: scoreHotspot(topic, periods[BASELINE_PERIODS]!, periods.slice(0, BASELINE_PERIODS)),
    series,
    keywords: keywords.map((k) => ({ keyword: k.keyword, count: k.n })),
    tagged: tagged[0]?.n ?? 0,
    examples: exampleRows.map((r) => ({
      id: r.id,
      time: r.created_text,
      channel: r.channel,
      team: r.team,
      snippet: snippetOf(r.subject, r.description),
      sentiment: sentiments.get(r.id) ?? null,
    })),
  };
}
