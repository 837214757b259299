import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../clickhouse/client";
import { monthStart, nextMonth, type DedupState } from "../clickhouse/latest-rows";
import { formatDateTime, sql, type Sql } from "../clickhouse/sql";
import { daysInAnyTimezone, kpiById, KPIS, recordsInRange, SOURCE_TABLE, SLA_CLOCK, slaJudged, slaStates, timeColumn, type KpiDefinition, type KpiId, type KpiQueryContext, type RolledSums, type RollupMeasure } from "./definitions";
import { monday } from "./buckets";
import { PEOPLE_DIMENSIONS, PEOPLE_KPIS, PEOPLE_MEDIANS } from "./people";
import { addDays, DIMENSION_COLUMNS, dimensionClauses, type DashboardFilter, type Dimension, type Source } from "./filters";
import type { FollowUpState } from "./follow-ups";
import { frtBucketExpression } from "./frt-buckets";
import { removeGenerations, StaleRow } from "./generations";
import { histogramCell, histogramQuantiles, quantiles, rollupConfig, type RollupConfigInput, type RollupGeneration, type RollupState } from "./rollup-state";

/**
 * Daily rollups of every KPI card's population, so that the overview does not scan months of
 * records on every request.
 *
 * The record tables are updated in place (ReplacingMergeTree), so a materialized view, which
 * sees inserts, would count a ticket once per version. Instead each month of each source is
 * rolled up from its latest records, by the very population and per-record metric its card
 * uses, into kpi_daily, kpi_rollup (AggregatingMergeTree) and kpi_people under a generation
 * that names the month's exact parts and everything else its figures depend on (timezone, FCR
 * window and follow-ups, business hours, NLP tags). New data makes new parts, hence a new generation: until it is computed (in
 * the background) the figures of that month come from the records, so they are never stale.
 *
 * Counts, shares and means from the rollup equal the records' exactly (the tests compare every
 * card); the median and p90 are exact to three significant figures (see quantiles in
 * rollup-state.ts). Tickets whose SLA was still pending when the month was rolled up are kept
 * aside (sla_open_tickets) and judged at query time, since their state depends on when they are
 * judged. Drill-down and exports always read the records.
 */

/** The dimensions each source's level-1 rows keep (low cardinality; others are read from the records). */
export const ROLLUP_DIMENSIONS: Record<Source, readonly Dimension[]> = {
  tickets: ["channel", "team", "priority", "slaTier", "language"],
  conversations: ["channel", "team", "language", "queue"],
  surveys: ["channel", "team", "language"],
};

/** kpi_rollup's dimension columns, in its order. */
const CUBE_COLUMNS = ["channel", "team", "priority", "sla_tier", "language", "queue"] as const;

const SOURCES: readonly Source[] = ["tickets", "conversations", "surveys"];

/** Ticket volume (the volume chart, heatmap and hotspots) is rolled up like a KPI under this name. */
export const VOLUME = "volume";
/** So is the FRT card's population per FRT bucket (the FRT distribution chart). */
export const FRT_DISTRIBUTION = "frtBuckets";
type Counted = typeof VOLUME | typeof FRT_DISTRIBUTION;
type RolledUp = KpiId | Counted;

/**
 * What a read asks for, and the rows kept:
 * - day (kpi_daily: rows per day, level 0, and per Monday–Sunday week of the generation's days,
 *   level 5, with histograms for percentiles);
 * - dimensions: per day and the source's dimensions; hour and category: ticket volume per day
 *   and hour, per day and category; policy: tickets per day, priority and SLA tier (the SLA
 *   matrix, and filters on those two) (all in kpi_rollup);
 * - person (kpi_people: per day, level 0, and week, level 5, team and agent).
 */
export const LEVEL = { day: 0, dimensions: 1, hour: 2, category: 3, policy: 4, week: 5, person: 6 } as const;
const POLICY_DIMENSIONS: readonly Dimension[] = ["priority", "slaTier"];

/** The value rounded down to three significant figures (a lambda, so the value's expression is written once). */
function threeFigures(value: Sql): Sql {
  return sql`arrayMap(v -> if(v < 1000, v, floor(v / exp10(floor(log10(v)) - 2)) * exp10(floor(log10(v)) - 2)), [toFloat64(${value})])[1]`;
}

const ROLLUP_VERSION = "rollup v12";

function kpisOf(source: Source): KpiDefinition[] {
  return KPIS.filter((k) => k.source === source);
}

export interface RollupInput extends RollupConfigInput {
  dedup: DedupState;
  followUps?: FollowUpState;
  /** nlpSignature(): the sentiment card reads the NLP results. */
  nlpTags: string;
}

function generationHash(source: Source, month: number, input: RollupInput, config: string): string {
  const hash = createHash("sha256").update(`${ROLLUP_VERSION}|${source}|${month}|${config}|${input.dedup.parts[SOURCE_TABLE[source]].get(month) ?? ""}`);
  if (source === "tickets") hash.update(`|fcr ${input.followUps?.windowDays}:${input.followUps?.generations.get(month) ?? ""}`);
  if (source === "conversations") hash.update(`|nlp ${input.nlpTags}`);
  return hash.digest("hex").slice(0, 24);
}

const SignatureRow = z.object({ signature: z.string() });

/** Changes whenever NLP results are written (the sentiment card reads them). */
export async function nlpSignature(db: Db): Promise<string> {
  const rows = await db.query(
    "rollup.nlpParts",
    sql`SELECT arrayStringConcat(arraySort(groupArray(concat(name, '/', toString(rows)))), ',') AS signature
        FROM system.parts WHERE database = currentDatabase() AND active AND table = 'nlp_results'`,
    SignatureRow,
  );
  return createHash("sha256")
    .update(rows[0]?.signature ?? "")
    .digest("hex")
    .slice(0, 16);
}

/** A context whose populations hold every record of the UTC month (and a day either side, cut off by the caller). */
function monthContext(month: number, input: RollupInput, asOf: Date): KpiQueryContext {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const filter: DashboardFilter = { from: addDays(day(monthStart(month)), -1), to: addDays(day(monthStart(nextMonth(month))), 1) };
  return { filter, asOf, timezone: input.timezone, fcrWindowDays: input.fcrWindowDays, schedule: input.schedule, clocks: input.clocks, dedup: input.dedup, followUps: input.followUps };
}

function cubeDimensions(source: Source): Sql[] {
  const columns = DIMENSION_COLUMNS[source];
  const kept = new Set(ROLLUP_DIMENSIONS[source].map((d) => columns[d]));
  return CUBE_COLUMNS.map((c) => (kept.has(c) ? sql.ident(c, CUBE_COLUMNS) : sql`''`));
}

/** records, c_a, c_b, s_1, s_2, s_3 of a population's rows: counts of conditions, sums of values. */
function measureSums(measures: Partial<Record<RollupMeasure, Sql>>): Sql {
  const count = (m: Sql | undefined) => (m ? sql`sum(toUInt64(${m}))` : sql`toUInt64(0)`);
  const total = (m: Sql | undefined) => (m ? sql`sum(toFloat64(${m}))` : sql`toFloat64(0)`);
  return sql`count() AS records, ${count(measures.c_a)} AS c_a, ${count(measures.c_b)} AS c_b, ${total(measures.s_1)} AS s_1, ${total(measures.s_2)} AS s_2, ${total(measures.s_3)} AS s_3`;
}

/** A metric's value→count state (rounded down to three figures), or an empty one for rows that keep none. */
function valueState(metric: Sql | undefined): Sql {
  return metric ? sql`${quantiles("State")}(${threeFigures(metric)}, toUInt8(1))` : sql`${quantiles("StateIf")}(toFloat64(0), toUInt8(1), 0)`;
}

const DAILY_COLUMNS = sql`(kpi, month, generation, level, day, bucket, records, c_a, c_b, s_1, s_2, s_3, h)`;

const INSERT_COLUMNS = sql`(kpi, month, generation, level, day, hour, channel, team, priority, sla_tier, language, queue, category, bucket, records, c_a, c_b, s_1, s_2, s_3, q_state)`;

/** Level-1 rows (and levels 2 and 3 for volume) of one KPI's population in one month. */
function rollUpPopulation(
  name: RolledUp,
  source: Source,
  population: Sql,
  measures: Partial<Record<RollupMeasure, Sql>>,
  month: number,
  id: string,
  timezone: string,
  level: 1 | 2 | 3,
  bucket: Sql = sql`0`,
): Sql {
  const time = timeColumn(source);
  const cube = level === LEVEL.dimensions ? cubeDimensions(source) : CUBE_COLUMNS.map(() => sql`''`);
  const dims = [...cube, level === LEVEL.category ? sql`category` : sql`''`];
  const grouped = level === LEVEL.category ? [sql`category`] : cube.filter((d) => d.text !== "''");
  const hour = level === LEVEL.hour ? sql`toHour(${time}, ${timezone})` : sql`0`;
  return sql`INSERT INTO kpi_rollup ${INSERT_COLUMNS}
    SELECT ${name}, ${month}, ${id}, ${level}, toDate(${time}, ${timezone}) AS rolled_day, ${hour} AS rolled_hour, ${sql.join(dims, sql`, `)}, ${bucket} AS rolled_bucket,
           ${measureSums(measures)}, ${valueState(measures.q)}
    FROM (${population}) WHERE toYYYYMM(${time}) = ${month}
    GROUP BY ${sql.join([sql`rolled_day`, sql`rolled_hour`, sql`rolled_bucket`, ...grouped], sql`, `)}`;
}

/**
 * Level-0 rows (kpi_daily) of one percentile KPI's population in one month: the day's sums and
 * its metric's histogram, from the records grouped by day and histogram cell.
 */
function rollUpDays(name: KpiId, source: Source, population: Sql, measures: Partial<Record<RollupMeasure, Sql>>, metric: Sql, month: number, id: string, timezone: string): Sql {
  const time = timeColumn(source);
  return sql`INSERT INTO kpi_daily ${DAILY_COLUMNS}
    SELECT ${name}, ${month}, ${id}, ${LEVEL.day}, rolled_day, 0, sum(records), sum(c_a), sum(c_b), sum(s_1), sum(s_2), sum(s_3),
           groupArrayInsertAt(toUInt32(records), toUInt32(cell))
    FROM (SELECT toDate(${time}, ${timezone}) AS rolled_day, ${histogramCell(metric)} AS cell, ${measureSums(measures)}
          FROM (${population}) WHERE toYYYYMM(${time}) = ${month} GROUP BY rolled_day, cell)
    GROUP BY rolled_day`;
}

/** Rows of kpi_people (per day, team and agent) of one KPI's population in one month. */
function rollUpPeople(name: KpiId, source: Source, population: Sql, measures: Partial<Record<RollupMeasure, Sql>>, month: number, id: string, timezone: string): Sql {
  const time = timeColumn(source);
  const columns = DIMENSION_COLUMNS[source];
  const person = [columns.team!, columns.agent!];
  return sql`INSERT INTO kpi_people (kpi, month, generation, level, day, team, agent, records, c_a, c_b, s_1, s_2, s_3, q_state)
    SELECT ${name}, ${month}, ${id}, ${LEVEL.day}, toDate(${time}, ${timezone}) AS rolled_day, ${sql.join(person.map((c) => sql.ident(c, person)))}, ${measureSums(measures)}, ${valueState(PEOPLE_MEDIANS.includes(name) ? measures.q : undefined)}
    FROM (${population}) WHERE toYYYYMM(${time}) = ${month}
    GROUP BY ${sql.join([sql`rolled_day`, ...person.map((c) => sql.ident(c, person))])}`;
}

async function computeMonth(db: Db, source: Source, month: number, id: string, input: RollupInput): Promise<void> {
  const asOf = new Date();
  const ctx = monthContext(month, input, asOf);
  const tz = input.timezone;
  for (const kpi of kpisOf(source)) {
    // SLA as judged now: achieved needs both timestamps and breached stays breached, so no later
    // instant changes either (queries judged before now read the records); pending ones go aside.
    const population = kpi.population(ctx);
    await db.exec(`rollup.${kpi.id}`, rollUpPopulation(kpi.id, source, population, kpi.rollup.measures, month, id, tz, LEVEL.dimensions));
    const { q } = kpi.rollup.measures;
    if (q) await db.exec(`rollup.${kpi.id}.days`, rollUpDays(kpi.id, source, population, kpi.rollup.measures, q, month, id, tz));
    if (PEOPLE_KPIS.includes(kpi.id)) await db.exec(`rollup.${kpi.id}.people`, rollUpPeople(kpi.id, source, population, kpi.rollup.measures, month, id, tz));
  }
  if (source === "tickets") {
    const tickets = recordsInRange("tickets", ctx);
    await db.exec("rollup.volume", rollUpPopulation(VOLUME, source, tickets, {}, month, id, tz, LEVEL.dimensions));
    await db.exec("rollup.volume.hours", rollUpPopulation(VOLUME, source, tickets, {}, month, id, tz, LEVEL.hour));
    await db.exec("rollup.volume.categories", rollUpPopulation(VOLUME, source, tickets, {}, month, id, tz, LEVEL.category));
    const frt = kpiById("frt").population(ctx);
    await db.exec("rollup.frtBuckets", rollUpPopulation(FRT_DISTRIBUTION, source, frt, {}, month, id, tz, LEVEL.dimensions, frtBucketExpression(sql`metric`)));
    await db.exec(
      "rollup.slaOpen",
      sql`INSERT INTO sla_open_tickets (month, generation, day, created_at, first_response_at, resolved_at, channel, team, priority, sla_tier, language)
          SELECT ${month}, ${id}, toDate(created_at, ${tz}), created_at, first_response_at, resolved_at, channel, team, priority, sla_tier, language
          FROM (${slaStates(tickets, ctx)}) WHERE toYYYYMM(created_at) = ${month} AND metric = 'pending' AND (fr = ${SLA_CLOCK.pending} OR res = ${SLA_CLOCK.pending})`,
    );
  }
  // Levels 0 and 4 from level 1: summing the day's rows is far cheaper than reading the records
  // again. The percentile KPIs' days were made from the records, with their histograms.
  const histogrammed = kpisOf(source).filter((k) => k.rollup.measures.q).map((k) => k.id);
  const fromLevel1 = sql`FROM kpi_rollup WHERE month = ${month} AND generation = ${id} AND level = ${LEVEL.dimensions}`;
  await db.exec(
    "rollup.days",
    sql`INSERT INTO kpi_daily ${DAILY_COLUMNS}
        SELECT kpi, ${month}, ${id}, ${LEVEL.day}, day, bucket, sum(records), sum(c_a), sum(c_b), sum(s_1), sum(s_2), sum(s_3), emptyArrayUInt32()
        ${fromLevel1} AND NOT has(${[...histogrammed, ""]}, kpi) GROUP BY kpi, day, bucket`,
  );
  // The generation's days of each Monday–Sunday week (a week across months has a row in each).
  await db.exec(
    "rollup.weeks",
    sql`INSERT INTO kpi_daily ${DAILY_COLUMNS}
        SELECT kpi, ${month}, ${id}, ${LEVEL.week}, toMonday(day) AS monday, bucket, sum(records), sum(c_a), sum(c_b), sum(s_1), sum(s_2), sum(s_3),
               arrayMap(c -> toUInt32(c), sumForEach(h))
        FROM kpi_daily WHERE month = ${month} AND generation = ${id} AND level = ${LEVEL.day} GROUP BY kpi, monday, bucket`,
  );
  await db.exec(
    "rollup.people.weeks",
    sql`INSERT INTO kpi_people (kpi, month, generation, level, day, team, agent, records, c_a, c_b, s_1, s_2, s_3, q_state)
        SELECT kpi, ${month}, ${id}, ${LEVEL.week}, toMonday(day) AS monday, team, agent, sum(records), sum(c_a), sum(c_b), sum(s_1), sum(s_2), sum(s_3),
               ${quantiles("MergeState")}(q_state)
        FROM kpi_people WHERE month = ${month} AND generation = ${id} AND level = ${LEVEL.day} GROUP BY kpi, monday, team, agent`,
  );
  if (source === "tickets") {
    await db.exec(
      "rollup.policies",
      sql`INSERT INTO kpi_rollup ${INSERT_COLUMNS}
          SELECT kpi, ${month}, ${id}, ${LEVEL.policy}, day, 0, '', '', priority, sla_tier, '', '', '', bucket,
                 sum(records), sum(c_a), sum(c_b), sum(s_1), sum(s_2), sum(s_3), ${quantiles("MergeState")}(q_state)
          ${fromLevel1} GROUP BY kpi, day, bucket, priority, sla_tier`,
    );
  }
  // The marker last: a generation with its marker is complete.
  await db.insert("rollup.marker", "rollup_generations", [{ source, month, generation: id, computed_at: formatDateTime(asOf) }]);
  await pruneReplaced(db, source);
}

/**
 * Removes the source's generations that were replaced more than ten minutes ago. A request takes
 * its state before it queries, so it may still read a generation replaced an instant later,
 * but none replaced ten minutes before: a generation is stale once a newer one of its month
 * was itself made more than ten minutes ago.
 */
export async function pruneReplaced(db: Db, source: Source): Promise<void> {
  const stale = await db.query(
    "rollup.stale",
    sql`SELECT month, generation FROM rollup_generations
        ALL INNER JOIN (SELECT month, max(computed_at) AS replaced_at FROM rollup_generations
                        WHERE source = ${source} AND computed_at < now() - 600 GROUP BY month) USING month
        WHERE source = ${source} AND computed_at < replaced_at`,
    StaleRow,
  );
  // The marker last, so that a prune cut short is found and finished next time.
  await removeGenerations(db, "rollup.prune", ["kpi_rollup", "kpi_daily", "kpi_people", ...(source === "tickets" ? ["sla_open_tickets"] : []), "rollup_generations"], stale);
}

/** Rollups being computed by this process, one at a time (two cores serve requests meanwhile). */
const pending = new Map<string, Promise<void>>();
let queue: Promise<void> = Promise.resolve();

function schedule(db: Db, source: Source, month: number, hash: string, input: RollupInput, after: Promise<unknown>): Promise<void> {
  const key = `${db.config.url}|${db.config.database}|${hash}`;
  let job = pending.get(key);
  if (!job) {
    // Each attempt writes under its own id, so a half-written attempt is never mistaken for a complete one.
    const id = `${hash}.${randomBytes(4).toString("hex")}`;
    job = Promise.all([queue, after])
      .then(() => computeMonth(db, source, month, id, input))
      .finally(() => pending.delete(key));
    queue = job.catch(() => undefined);
    pending.set(key, job);
  }
  return job;
}

/** Every complete generation (a few per month and source), so a request can ask before it knows which it wants. */
export function rollupMarkers(db: Db): Promise<RollupMarker[]> {
  return db.query(
    "rollup.ready",
    sql`SELECT source, month, generation, toString(computed_at) AS computed_at, generation IN (SELECT generation FROM sla_open_tickets) AS sla_open
        FROM rollup_generations`,
    MarkerRow,
  );
}

export type RollupMarker = z.infer<typeof MarkerRow>;

const MarkerRow = z.object({ source: z.string(), month: z.coerce.number(), generation: z.string(), computed_at: z.string(), sla_open: z.coerce.number() });

/**
 * The rollups ready for the data as it is now. Months whose rollup is missing are computed in
 * the background (or awaited, or left alone), and read from the records meanwhile. Undefined
 * when no parts are known (an empty database, or a cluster).
 */
export async function ensureRollups(
  db: Db,
  input: RollupInput,
  options: { missing?: "schedule" | "await" | "leave"; after?: Promise<unknown>; markers?: Promise<RollupMarker[]> } = {},
): Promise<RollupState | undefined> {
  const { missing: onMissing = "schedule", after = Promise.resolve() } = options;
  const config = rollupConfig(input);
  const wanted: Array<{ source: Source; month: number; hash: string }> = [];
  const months = {} as Record<Source, number[]>;
  for (const source of SOURCES) {
    months[source] = [...input.dedup.parts[SOURCE_TABLE[source]].keys()].sort((a, b) => a - b);
    for (const month of months[source]) wanted.push({ source, month, hash: generationHash(source, month, input, config) });
  }
  if (wanted.length === 0) return undefined;
  const markers = await (options.markers ?? rollupMarkers(db));
  const found = new Map(markers.map((m) => [m.generation.split(".")[0]!, m]));
  const ready: Record<Source, Map<number, RollupGeneration>> = { tickets: new Map(), conversations: new Map(), surveys: new Map() };
  const missing: Array<Promise<void>> = [];
  for (const w of wanted) {
    const marker = found.get(w.hash);
    if (marker) ready[w.source].set(w.month, { id: marker.generation, computedAt: new Date(`${marker.computed_at.replace(" ", "T")}Z`), slaOpen: marker.sla_open === 1 });
    else if (onMissing !== "leave") missing.push(schedule(db, w.source, w.month, w.hash, input, after));
  }
  if (onMissing === "await" && missing.length > 0) {
    await Promise.all(missing);
    return ensureRollups(db, input, { missing: "leave" });
  }
  // Background work reports its own failure; the months stay on the records and are tried again next time.
  for (const job of missing) job.catch((error: unknown) => console.error(`rollup failed: ${error instanceof Error ? error.message : String(error)}`));
  return { config, ready, months };
}

/** UTC months (YYYYMM) that hold instants of the days `from`…`to` in any timezone. */
function monthsOf(from: string, toInclusive: string): number[] {
  const [first, end] = daysInAnyTimezone(from, toInclusive);
  const last = new Date(end.getTime() - 1);
  const out: number[] = [];
  const lastMonth = last.getUTCFullYear() * 100 + last.getUTCMonth() + 1;
  for (let m = first.getUTCFullYear() * 100 + first.getUTCMonth() + 1; m <= lastMonth; m = nextMonth(m)) out.push(m);
  return out;
}

type Level = (typeof LEVEL)[keyof typeof LEVEL];

interface ReadPlan {
  name: RolledUp;
  source: Source;
  level: Level;
  generations: string[];
  /** The range (months and days) and the source's dimension filters. */
  range: Sql;
  dimensions: Sql;
  /** The condition on kpi_rollup (and sla_open_tickets) selecting the rows of the range and filters. */
  rows: Sql;
  /** Whether a generation read kept tickets whose SLA was pending (in sla_open_tickets). */
  slaOpen: boolean;
}

/** What reading a rollup needs to know of a query's context. */
export type RollupReadContext = Pick<KpiQueryContext, "filter" | "asOf" | "rollups" | "timezone" | "fcrWindowDays" | "schedule" | "clocks">;

/**
 * Where the rolled-up rows of `name` for the context's range and filters are, or undefined when
 * they cannot give the records' figure: another configuration, a filter on a dimension the
 * rollup does not keep, a month not rolled up yet, or (SLA) an instant before the rollup judged
 * it. `level` asks for a particular level (the default: per day; when filtered, per priority and
 * tier or per dimension).
 */
function planRead(name: RolledUp, ctx: RollupReadContext, level?: Level): ReadPlan | undefined {
  const state = ctx.rollups;
  if (!state || state.config !== rollupConfig(ctx)) return undefined;
  const source: Source = name === VOLUME || name === FRT_DISTRIBUTION ? "tickets" : KPIS.find((k) => k.id === name)!.source;
  const { filter } = ctx;
  const columns = DIMENSION_COLUMNS[source];
  const filtered = (Object.keys(columns) as Dimension[]).filter((d) => (filter[d]?.length ?? 0) > 0);
  const person = level === LEVEL.person;
  if (person && !PEOPLE_KPIS.includes(name as KpiId)) return undefined;
  if (filtered.some((d) => !(person ? PEOPLE_DIMENSIONS : ROLLUP_DIMENSIONS[source]).includes(d as never))) return undefined;
  const onPolicy = source === "tickets" && filtered.every((d) => POLICY_DIMENSIONS.includes(d));
  const read = level ?? (filtered.length === 0 ? LEVEL.day : onPolicy ? LEVEL.policy : LEVEL.dimensions);
  // Which filters each level can apply: level 1 the rollup's dimensions, level 4 priority and
  // tier, level 6 team and agent, the others none.
  if (read === LEVEL.policy ? !onPolicy : read !== LEVEL.dimensions && !person && filtered.length > 0) return undefined;
  const generations: string[] = [];
  let slaOpen = false;
  const hasRecords = new Set(state.months[source]);
  const months = monthsOf(filter.from, filter.to);
  for (const month of months) {
    if (!hasRecords.has(month)) continue;
    const ready = state.ready[source].get(month);
    if (!ready) return undefined;
    if (name === "sla" && ready.computedAt > ctx.asOf) return undefined;
    generations.push(ready.id);
    slaOpen ||= ready.slaOpen;
  }
  // Months that held no records when the state was taken (an instant earlier, in this request)
  // are left out; a range with none at all reads the records.
  if (generations.length === 0) return undefined;
  // Pending tickets are kept without their agent (sla_open_tickets), so per person SLA reads the records.
  if (person && slaOpen) return undefined;
  const range = sql`month >= ${months[0]!} AND month <= ${months[months.length - 1]!} AND day >= toDate(${filter.from}) AND day <= toDate(${filter.to})`;
  const dimensions = dimensionClauses(filter, source);
  return { name, source, level: read, generations, range, dimensions, rows: sql`${generationIn(generations)} AND ${range}${dimensions}`, slaOpen };
}

/** IN, not has(): a primary key with the generation in it can only narrow by IN. */
function generationIn(generations: readonly string[]): Sql {
  return sql`generation IN (${sql.list(generations)})`;
}

/**
 * The rows of several plans as few OR-ed branches: one per level and dimension filter, naming
 * all its KPIs and generations (a generation belongs to one source, so no foreign pair can
 * match). Sixteen branches, one per KPI, cost 50 ms of filtering where one costs nothing.
 */
function branchesOf(plans: readonly ReadPlan[], rows?: Sql): Sql {
  const byShape = new Map<string, ReadPlan[]>();
  for (const plan of plans) {
    const shape = `${plan.level}|${plan.range.text}|${plan.dimensions.text}`;
    byShape.set(shape, [...(byShape.get(shape) ?? []), plan]);
  }
  const branches = [...byShape.values()].map((group) => {
    const { level, range, dimensions } = group[0]!;
    const kpis = [...new Set(group.map((p) => p.name))];
    const generations = [...new Set(group.flatMap((p) => p.generations))];
    return sql`(kpi IN (${sql.list(kpis)}) AND ${rows ?? sql`level = ${level}`} AND ${generationIn(generations)} AND ${range}${dimensions})`;
  });
  return sql.join(branches, sql` OR `);
}

const COUNT_COLUMNS = sql`kpi, level, day, hour, channel, team, priority, sla_tier, language, queue, category, bucket, records`;

/** The rolled-up rows (kpi, level, day, the kept dimensions, bucket and records) of ticket volume or the FRT distribution for the context, or undefined (see planRead). */
export function rolledUpCounts(name: Counted, ctx: RollupReadContext, level?: Level): Sql | undefined {
  const plan = planRead(name, ctx, level);
  if (!plan) return undefined;
  // Not the percentile states or histograms (counts keep none): reading them costs more than the counts.
  if (plan.level === LEVEL.day) return sql`SELECT kpi, level, day, bucket, records FROM kpi_daily WHERE kpi = ${name} AND level = ${plan.level} AND ${plan.rows}`;
  return sql`SELECT ${COUNT_COLUMNS} FROM kpi_rollup WHERE kpi = ${name} AND level = ${plan.level} AND ${plan.rows}`;
}

/** Whether readRolled can give `name`'s figure for the context. */
export function canReadRolled(name: KpiId, ctx: KpiQueryContext, level?: Level): boolean {
  return planRead(name, ctx, level) !== undefined;
}

/** One group of a rolled-up KPI: its key values (as text) and its summed measures. */
export interface RolledGroup {
  kpi: KpiId;
  keys: Record<string, string>;
  sums: RolledSums;
}

const SumRow = z
  .object({
    kpi: z.string(),
    n: z.coerce.number(),
    sum_a: z.coerce.number(),
    sum_b: z.coerce.number(),
    sum_1: z.coerce.number(),
    sum_2: z.coerce.number(),
    sum_3: z.coerce.number(),
    q: z.array(z.coerce.number()).nullable(),
  })
  .catchall(z.union([z.string(), z.number()]));

/** Named key expressions over kpi_rollup's columns (e.g. `priority`, a bucket of `day`). */
export type RollupKeys = ReadonlyArray<{ name: string; expr: Sql }>;

/** One grouping of readRolled: its keys, optionally over some of the rows. */
export interface RollupSet {
  keys: RollupKeys;
  where?: Sql;
  /**
   * Days are read a week at a time (the week rows of kpi_daily and kpi_people) where the keys
   * and `where` keep one value over each Monday–Sunday week, but for changes on these days (each
   * the first day of a new value): [] for weekly buckets, the current period's first day for
   * periods. Without it the days are read one by one.
   */
  weekSplits?: readonly string[];
}

/**
 * kpi_daily's (or kpi_people's) rows for the days from…to: the whole Monday–Sunday weeks between
 * splits as week rows, the days around them one by one (a year is ≈ 60 rows per KPI, not 365).
 */
function dailyRows(from: string, to: string, splits: readonly string[] | undefined): Sql {
  const days = (first: string, last: string) => sql`(level = ${LEVEL.day} AND day >= toDate(${first}) AND day <= toDate(${last}))`;
  if (!splits) return days(from, to);
  const cuts = [from, ...[...splits].filter((d) => d > from && d <= to).sort(), addDays(to, 1)];
  const parts: Sql[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const first = cuts[i]!;
    const last = addDays(cuts[i + 1]!, -1);
    const firstMonday = monday(addDays(first, 6));
    const lastMonday = monday(addDays(last, -6));
    if (firstMonday > lastMonday) {
      parts.push(days(first, last));
      continue;
    }
    parts.push(sql`(level = ${LEVEL.week} AND day >= toDate(${firstMonday}) AND day <= toDate(${lastMonday}))`);
    if (first < firstMonday) parts.push(days(first, addDays(firstMonday, -1)));
    if (addDays(lastMonday, 7) <= last) parts.push(days(addDays(lastMonday, 7), last));
  }
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/**
 * The summed measures of `kpis` over the context's range and filters, per KPI and group, in one
 * query for all of them. `sets` are groupings (GROUPING SETS, which 18.16 lacks): each names
 * the same keys, optionally for a subset of the rows. Undefined when one of the KPIs cannot be
 * read from the rollup (see planRead).
 */
export async function readRolled(
  db: Db,
  kpis: readonly KpiId[],
  ctx: KpiQueryContext,
  sets: readonly [RollupSet, ...RollupSet[]],
  options: { level?: Level } = {},
): Promise<RolledGroup[] | undefined> {
  const plans = kpis.map((k) => planRead(k, ctx, options.level));
  if (plans.length === 0 || plans.some((p) => p === undefined)) return undefined;
  const { keys } = sets[0];
  const names = keys.map((k) => k.name);
  const grouping = (set: RollupSet, weekly: boolean) => {
    const select = set.keys.map((k) => (k.expr.text === k.name ? k.expr : sql`${k.expr} AS ${sql.ident(k.name, names)}`));
    const where = set.where ?? sql`1`;
    return {
      columns: sql.join([sql`kpi`, ...select]),
      where: weekly ? sql`${where} AND ${dailyRows(ctx.filter.from, ctx.filter.to, set.weekSplits)}` : where,
      groupBy: sql`GROUP BY ${sql.join([sql`kpi`, ...names.map((n) => sql.ident(n, names))])}`,
    };
  };
  const union = (one: (g: ReturnType<typeof grouping>) => Sql, weekly = false) => sql.join(sets.map((set) => one(grouping(set, weekly))), sql` UNION ALL `);
  const sums = sql`sum(records) AS n, sum(c_a) AS sum_a, sum(c_b) AS sum_b, sum(s_1) AS sum_1, sum(s_2) AS sum_2, sum(s_3) AS sum_3`;
  // Days and weeks come from kpi_daily, percentiles from the summed histograms; people from
  // kpi_people and other levels from kpi_rollup, percentiles from the merged states. KPIs with
  // percentiles get queries of their own: the others' rows then cost no state decoding (a year
  // of the SLA matrix: 107 ms with it, 32 without) and no histogram pass (a 30-day NPS: 10 ms
  // with it, 5 without).
  const keyColumns = sql.join([sql`kpi`, ...names.map((n) => sql.ident(n, names))]);
  const tableOf = (level: Level) => (level === LEVEL.day ? "kpi_daily" : level === LEVEL.person ? "kpi_people" : "kpi_rollup");
  const query = (table: ReturnType<typeof tableOf>, percentiles: boolean, branches: Sql) => {
    const weekly = table !== "kpi_rollup";
    const grouped = (extra: Sql) =>
      union((g) => sql`SELECT ${g.columns}, ${sums}, ${extra} FROM ${sql.ident(table, [table])} WHERE (${branches}) AND ${g.where} ${g.groupBy}`, weekly);
    if (!percentiles) return grouped(sql`emptyArrayFloat64() AS q`);
    if (table !== "kpi_daily") return grouped(sql`${quantiles("Merge")}(q_state) AS q`);
    return sql`SELECT ${keyColumns}, n, sum_a, sum_b, sum_1, sum_2, sum_3, ${histogramQuantiles(sql`counts`)} AS q FROM (${grouped(sql`sumForEach(h) AS counts`)})`;
  };
  const keepsPercentiles = (p: ReadPlan) => (p.level === LEVEL.person ? PEOPLE_MEDIANS.includes(p.name as KpiId) : kpiById(p.name as KpiId).rollup.measures.q !== undefined);
  const reads = (["kpi_daily", "kpi_people", "kpi_rollup"] as const).flatMap((table) =>
    [true, false].map((percentiles) => {
      const chosen = (plans as ReadPlan[]).filter((p) => tableOf(p.level) === table && keepsPercentiles(p) === percentiles);
      if (chosen.length === 0) return Promise.resolve([]);
      // kpi_daily and kpi_people keep days (level 0) and weeks (level 5); the level to read is the table.
      const branches = branchesOf(chosen, table === "kpi_rollup" ? undefined : sql`level IN (${LEVEL.day}, ${LEVEL.week})`);
      return db.query(`rollup.${table}`, query(table, percentiles, branches), SumRow);
    }),
  );
  // SLA: tickets still pending when rolled up are judged now, and added to the rolled-up groups
  // (18.16 spends ≈ 50 ms analysing that query even over no rows, so it runs only when some were kept).
  const sla = plans.find((p) => p!.name === "sla" && p!.slaOpen);
  const judged = sla && slaJudged(sql`SELECT * FROM sla_open_tickets WHERE ${sla.rows}`, ctx);
  const open = judged
    ? db.query(
        "rollup.slaOpen",
        union(
          (g) => sql`SELECT ${g.columns}, count() AS n, countIf(metric = 'achieved') AS sum_a, countIf(metric = 'breached') AS sum_b,
                            0 AS sum_1, 0 AS sum_2, 0 AS sum_3, CAST(NULL AS Nullable(UInt8)) AS q
                     FROM (SELECT 'sla' AS kpi, * FROM (${judged})) WHERE ${g.where} ${g.groupBy}`,
        ),
        SumRow,
      )
    : Promise.resolve([]);
  const keyOf = (row: z.infer<typeof SumRow>) => Object.fromEntries(keys.map((k) => [k.name, String(row[k.name])]));
  const grouped = (rows: ReadonlyArray<z.infer<typeof SumRow>>) => {
    const out = new Map<string, RolledGroup>();
    for (const row of rows) {
      const groupKeys = keyOf(row);
      const id = `${row.kpi}|${JSON.stringify(groupKeys)}`;
      if (out.has(id)) throw new Error(`rollup read: two groups for ${id} (the grouping sets overlap)`);
      const q = row.q && row.q.length === 3 ? ([row.q[0]!, row.q[1]!, row.q[2]!] as const) : null;
      out.set(id, { kpi: row.kpi as KpiId, keys: groupKeys, sums: { n: row.n, c_a: row.sum_a, c_b: row.sum_b, s_1: row.sum_1, s_2: row.sum_2, s_3: row.sum_3, q } });
    }
    return out;
  };
  const groups = grouped((await Promise.all(reads)).flat());
  for (const [id, extra] of grouped(await open)) {
    const known = groups.get(id);
    if (!known) groups.set(id, extra);
    else {
      known.sums.n += extra.sums.n;
      known.sums.c_a += extra.sums.c_a;
      known.sums.c_b += extra.sums.c_b;
    }
  }
  return [...groups.values()];
}
