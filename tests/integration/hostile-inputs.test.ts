import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../jobs/demo/load";
import { sql } from "../../server/clickhouse/sql";
import { DRILL_TARGETS, drillSource } from "../../server/kpi/drilldown";
import { KPI_IDS, kpiById } from "../../server/kpi/definitions";
import { DashboardFilterSchema, DIMENSION_COLUMNS, DIMENSIONS as FILTER_DIMENSIONS, type Dimension, type Source } from "../../server/kpi/filters";
import { createCaller } from "../../server/routers/root";
import { testCaller } from "../helpers/callers";
import { withTestDb } from "../helpers/test-db";

/**
 * Hostile values (quotes, SQL fragments, huge strings, unicode tricks, wrong types) through every
 * field of every dashboard procedure: each call either returns the correct result (for a filter
 * value no record has: nothing) or fails with a clean BAD_REQUEST. Nothing else — no 500, no
 * ClickHouse error — and afterwards the data is untouched and the figures unchanged.
 */
const db = withTestDb("hostile");
const RANGE = { from: "2026-05-01", to: "2026-06-30" };
const admin = () =>
  createCaller({ caller: testCaller("admin"), db: db.get(), timezone: "Asia/Shanghai", fcrWindowDays: 7, now: () => new Date("2026-07-01T00:00:00Z") });

/**
 * Every dimension filter the dashboards accept, read off the filter schema itself (so a filter added
 * there is swept here without anyone remembering to): all keys but the date range. A dimension a
 * procedure's records lack (queue on tickets) is ignored there, so the call must return the unfiltered result.
 */
const DIMENSIONS = Object.keys(DashboardFilterSchema.shape).filter((key) => key !== "from" && key !== "to") as Dimension[];

/** Whether records of `source` can be filtered by the dimension at all (else the filter is ignored). */
const has = (source: Source, field: Dimension) => DIMENSION_COLUMNS[source][field] !== undefined;

/** Strings no record holds (and that no real dimension value could equal). */
const HOSTILE_STRINGS: readonly string[] = [
  "'",
  "\\'",
  "\\",
  "\\\\'",
  "' OR 1=1 --",
  "' OR '1'='1",
  "'); DROP TABLE tickets; --",
  "') UNION ALL SELECT * FROM system.tables --",
  "\u0000",
  "a\u0000b",
  "\n",
  "\r\n",
  "\t",
  "\b\f\x1a\x7f",
  "%00",
  "%27 OR 1=1",
  "${process.exit(1)}",
  "{table:x}",
  "{table:tickets}",
  "/* */",
  "*/ OR 1=1 /*",
  "FORMAT JSON",
  "SETTINGS max_threads=1",
  "` OR 1=1 `",
  '" OR ""="',
  "\\N",
  "\u202Eevil\u202C",
  "a\u200Bb",
  "e\u0301\u0301\u0301",
  "＇ OR 1=1 －－",
  "😀",
  "👨‍👩‍👧",
  "工单号",
  "\uFEFF",
  "\uD800",
  "x\uDFFFy",
  "1",
  "0",
  "NaN",
  "null",
  " ",
  "",
  "x".repeat(201),
  "x".repeat(100_000),
  "2026-01-01' OR '1'='1",
  "2026-02-30",
  "2026-13-01",
  "0000-01-01",
  "9999-12-31",
];

/** Values of the wrong type where a string (or a number, or an enum) is expected. */
const HOSTILE_OTHERS: readonly unknown[] = [
  0,
  1,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  true,
  null,
  {},
  { $gt: "" },
  { toString: "x" },
  ["nested"],
  [["a"]],
  new Date("2026-05-01T00:00:00Z"),
];

const HOSTILE: readonly unknown[] = [...HOSTILE_STRINGS, ...HOSTILE_OTHERS];

/** Replacements for a whole filter array (rather than one element of it). */
const HOSTILE_ARRAYS: readonly unknown[] = [
  Array.from({ length: 1000 }, (_, i) => `v${i}`),
  "' OR 1=1 --",
  { 0: "a", length: 1 },
  [null],
  [1],
  [{}],
  [["a"]],
  null,
  42,
];

/** A well-formed string of a sensible length: a legal dimension value, so a filter must accept it (and match nothing). */
const mustAccept = (v: unknown): boolean => typeof v === "string" && v.length >= 1 && v.length <= 200 && v.isWellFormed();

function show(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "number" ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 50)}… (${text.length} chars)` : text;
}

interface Case {
  label: string;
  run: () => Promise<unknown>;
  /** Asserts the result is correct; absent = the call must be refused. */
  check?: (result: unknown) => void;
  /** The call must resolve (a legal value), not merely may. */
  mustResolve?: boolean;
}

/** What went wrong with one call, or null when its outcome is acceptable. */
async function judge(c: Case): Promise<string | null> {
  let result: unknown;
  try {
    result = await c.run();
  } catch (error) {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") {
      return c.mustResolve ? `${c.label}: refused a legal value (${error.message.slice(0, 120)})` : null;
    }
    const code = error instanceof TRPCError ? error.code : (error as Error)?.constructor?.name;
    return `${c.label}: ${code}: ${String((error as Error)?.message ?? error).slice(0, 200)}`;
  }
  if (!c.check) return `${c.label}: resolved, expected BAD_REQUEST`;
  try {
    c.check(result);
    return null;
  } catch (error) {
    return `${c.label}: wrong result: ${(error as Error).message.split("\n")[0]}`;
  }
}

/** A unit of work: one call, or a group of values in one call (split up to name the culprit when it fails). */
type Task = () => Promise<string[]>;

const single =
  (c: Case): Task =>
  async () => {
    const problem = await judge(c);
    return problem ? [problem] : [];
  };

function grouped<T>(values: readonly T[], make: (values: readonly T[]) => Case): Task {
  return async () => {
    const problem = await judge(make(values));
    if (!problem) return [];
    if (values.length === 1) return [problem];
    const mid = Math.ceil(values.length / 2);
    return [...(await grouped(values.slice(0, mid), make)()), ...(await grouped(values.slice(mid), make)())];
  };
}

/** Runs the tasks with a few calls in flight; returns one line per call whose outcome was wrong. */
async function runTasks(tasks: Task[], concurrency = 8): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) problems.push(...(await tasks[next++]!()));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return problems;
}

const runCases = (cases: Case[]) => runTasks(cases.map(single));

type Input = Record<string, unknown>;
type Kpis = Awaited<ReturnType<ReturnType<typeof admin>["overview"]["kpis"]>>;
type Matrix = Awaited<ReturnType<ReturnType<typeof admin>["overview"]["slaMatrix"]>>;
type Hotspots = Awaited<ReturnType<ReturnType<typeof admin>["overview"]["hotspots"]>>;
type Drill = Awaited<ReturnType<ReturnType<typeof admin>["drilldown"]["list"]>>;
type People = Awaited<ReturnType<ReturnType<typeof admin>["people"]["table"]>>;

/** Whether records of the KPI's source can be filtered by the dimension at all (else the filter is ignored, and reported). */
const filters = (kpi: (typeof KPI_IDS)[number], field: Dimension) => has(kpiById(kpi).source, field);

interface Spec {
  name: string;
  call: (input: unknown) => Promise<unknown>;
  /** A valid input around a filter. */
  input: (filter: Input) => Input;
  /** Asserts `result` is right for a filter on `field` with a value no record holds. */
  empty: (result: unknown, field: Dimension) => void;
  /** The procedure's own fields besides the filter, with how a resolving call is judged (absent: must be refused). */
  scalars?: Record<string, ((result: unknown) => void) | undefined>;
  /**
   * Which legal values (ones the filter must accept) go alone, and into which field: "all" = each value in each
   * field; "rotate" = each value in one field in turn; { slot, of } (the heaviest procedures share the values) =
   * every `of`-th value from `slot` on, each in one field in turn. Besides, each field also gets all legal values
   * in one call (split up to name the culprit when that call goes wrong).
   */
  singles: "all" | "rotate" | { slot: number; of: number };
}

/** Whether the legal value at index `v` of the hostile list is sent alone in the field at index `f`. */
function alone(singles: Spec["singles"], v: number, f: number): boolean {
  if (singles === "all") return true;
  if (singles === "rotate") return v % DIMENSIONS.length === f;
  return v % singles.of === singles.slot && Math.floor(v / singles.of) % DIMENSIONS.length === f;
}

const baseline: Record<string, unknown> = {};

function specs(): Spec[] {
  const c = () => admin();
  return [
    {
      name: "overview.kpis",
      call: (i) => c().overview.kpis(i as never),
      input: (f) => f,
      singles: { slot: 0, of: 5 },
      empty: (result, field) => {
        const base = baseline["overview.kpis"] as Kpis;
        const { kpis } = result as Kpis;
        expect(kpis.map((k) => k.id)).toEqual(base.kpis.map((k) => k.id));
        for (const k of kpis) {
          const b = base.kpis.find((x) => x.id === k.id)!;
          if (filters(k.id, field)) {
            expect([k.id, k.n, k.previousN, k.value, k.ignoredFilters]).toEqual([k.id, 0, 0, null, []]);
          } else {
            // A dimension the records lack is ignored (and said so): the figure is the unfiltered one.
            expect([k.id, k.n, k.previousN, k.value, k.ignoredFilters]).toEqual([k.id, b.n, b.previousN, b.value, [field]]);
          }
        }
      },
    },
    ...KPI_IDS.filter((kpi) => ["frt", "csat"].includes(kpi)).map(
      (kpi): Spec => ({
        name: `overview.series(${kpi})`,
        call: (i) => c().overview.series(i as never),
        input: (f) => ({ filter: f, kpi, grain: "week" }),
        singles: kpi === "frt" ? "rotate" : { slot: 4, of: 5 },
        empty: (result, field) => expect(result).toEqual(filters(kpi, field) ? [] : baseline[`overview.series(${kpi})`]),
        scalars: { kpi: undefined, grain: undefined },
      }),
    ),
    {
      name: "overview.slaMatrix",
      call: (i) => c().overview.slaMatrix(i as never),
      input: (f) => f,
      singles: { slot: 1, of: 5 },
      empty: (result, field) => {
        if (!has("tickets", field)) return expect(result).toEqual(baseline["overview.slaMatrix"]);
        const cells = result as Matrix;
        expect(cells.length).toBe((baseline["overview.slaMatrix"] as Matrix).length);
        for (const cell of cells) expect([cell.priority, cell.tier, cell.n, cell.value]).toEqual([cell.priority, cell.tier, 0, null]);
      },
    },
    {
      name: "overview.heatmap",
      call: (i) => c().overview.heatmap(i as never),
      input: (f) => f,
      singles: "all",
      empty: (result, field) => expect(result).toEqual(has("tickets", field) ? [] : baseline["overview.heatmap"]),
    },
    {
      name: "overview.hotspots",
      call: (i) => c().overview.hotspots(i as never),
      input: (f) => f,
      singles: "all",
      empty: (result, field) => {
        // Topics are the categories: the ranking compares all of them, whatever category is selected.
        if (field === "category" || !has("tickets", field)) expect(result).toEqual(baseline["overview.hotspots"]);
        else expect(result).toEqual({ byGrowth: [], byVolume: [] } satisfies Hotspots);
      },
    },
    {
      name: "overview.volumeByDay",
      call: (i) => c().overview.volumeByDay(i as never),
      input: (f) => f,
      singles: "all",
      empty: (result, field) => expect(result).toEqual(has("tickets", field) ? { rows: [] } : baseline["overview.volumeByDay"]),
    },
    {
      name: "overview.frtBuckets",
      call: (i) => c().overview.frtBuckets(i as never),
      input: (f) => f,
      singles: "rotate",
      empty: (result, field) => {
        if (!has("tickets", field)) return expect(result).toEqual(baseline["overview.frtBuckets"]);
        for (const bucket of result as { n: number }[]) expect(bucket.n).toBe(0);
      },
    },
    {
      name: "overview.hotspotDetail",
      call: (i) => c().overview.hotspotDetail(i as never),
      input: (f) => ({ filter: f, topic: "billing_invoice" }),
      singles: "rotate",
      empty: (result, field) => {
        // Like the ranking: the topic is the category, so a category filter does not narrow it.
        if (field === "category" || !has("tickets", field)) return expect(result).toEqual(baseline["overview.hotspotDetail"]);
        const detail = result as { series: { count: number }[]; keywords: unknown[]; examples: unknown[] };
        expect(detail.series.every((b) => b.count === 0)).toBe(true);
        expect([detail.keywords, detail.examples]).toEqual([[], []]);
      },
      scalars: { topic: (result) => expect((result as { examples: unknown[] }).examples).toEqual([]) },
    },
    {
      name: "drilldown.list",
      call: (i) => c().drilldown.list(i as never),
      input: (f) => ({ target: "tickets", filter: f, pageSize: 20 }),
      singles: "rotate",
      empty: (result, field) => {
        if (!has("tickets", field)) return expect(result).toEqual(baseline["drilldown.list"]);
        const r = result as Drill;
        expect([r.source, r.total, r.rows]).toEqual(["tickets", 0, []]);
      },
      scalars: {
        target: undefined,
        direction: (result) => expect(result).toEqual(baseline["drilldown.list"]),
        // An unknown sort column falls back to the default order.
        sort: (result) => expect(result).toEqual(baseline["drilldown.list"]),
        page: (result) => expect((result as Drill).total).toBe((baseline["drilldown.list"] as Drill).total),
        pageSize: (result) => expect((result as Drill).total).toBe((baseline["drilldown.list"] as Drill).total),
      },
    },
    ...(["team", "agent"] as const).map(
      (by): Spec => ({
        name: `people.table(${by})`,
        call: (i) => c().people.table(i as never),
        input: (f) => ({ filter: f, by }),
        singles: by === "team" ? { slot: 2, of: 5 } : { slot: 3, of: 5 },
        empty: (result, field) => {
          // Only KPIs whose records lack the dimension keep their (unfiltered) cells.
          const base = baseline[`people.table(${by})`] as People;
          const rows = base.rows
            .map((row) => ({ key: row.key, cells: Object.fromEntries(Object.entries(row.cells).filter(([id]) => !filters(id as never, field))) }))
            .filter((row) => Object.keys(row.cells).length > 0);
          expect(result).toEqual({ kpis: base.kpis, rows });
        },
        scalars: { by: undefined },
        }),
    ),
  ];
}

/** Every table of the test database with its row count. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await db
    .get()
    .query(
      "test.tables",
      sql`SELECT name, engine FROM system.tables WHERE database = currentDatabase() ORDER BY name`,
      z.object({ name: z.string(), engine: z.string() }),
    );
  const counts: Record<string, number> = {};
  for (const t of tables) {
    if (/View$/.test(t.engine) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(t.name)) {
      counts[t.name] = -1;
      continue;
    }
    const [row] = await db.get().query("test.count", sql`SELECT count() AS n FROM ${sql.identifier(t.name)}`, z.object({ n: z.coerce.number() }));
    counts[t.name] = row!.n;
  }
  return counts;
}

let countsBefore: Record<string, number> = {};
let teams: string[] = [];

beforeAll(async () => {
  await loadDemoData(db.get(), { scale: 0.05, seed: 3, end: new Date("2026-06-30T00:00:00Z") });
  teams = (await admin().meta.dimensionValues()).team;
  for (const spec of specs()) baseline[spec.name] = await spec.call(spec.input(RANGE));
  baseline["meta.dataRange"] = await admin().meta.dataRange();
  baseline["meta.dimensionValues"] = await admin().meta.dimensionValues();
  // After the first reads, which fill the FCR follow-up cache (fcr_followed) once.
  countsBefore = await tableCounts();
  expect(countsBefore.tickets).toBeGreaterThan(100);
});

describe("hostile values through every procedure", () => {
  it("sweeps every dimension filter of the schema, the queue filter included", () => {
    expect([...DIMENSIONS].sort()).toEqual([...FILTER_DIMENSIONS].sort());
    expect(DIMENSIONS).toContain("queue");
    // Only conversations have a queue: on tickets and surveys the filter is ignored (and the cards say so).
    expect([has("conversations", "queue"), has("tickets", "queue"), has("surveys", "queue")]).toEqual([true, false, false]);
  });

  it("the baseline has data to lose", () => {
    // (Sentiment needs the NLP job, which the demo load does not run.)
    expect((baseline["overview.kpis"] as Kpis).kpis.filter((k) => k.n > 0).length).toBeGreaterThanOrEqual(14);
    expect((baseline["drilldown.list"] as Drill).total).toBeGreaterThan(0);
    expect((baseline["overview.hotspots"] as Hotspots).byVolume.length).toBeGreaterThan(0);
    expect((baseline["overview.hotspotDetail"] as { examples: unknown[] }).examples.length).toBeGreaterThan(0);
    expect((baseline["overview.frtBuckets"] as { n: number }[]).some((b) => b.n > 0)).toBe(true);
    expect((baseline["overview.heatmap"] as unknown[]).length).toBeGreaterThan(0);
    expect((baseline["people.table(team)"] as People).rows.length).toBeGreaterThan(1);
  });

  for (const spec of specs()) {
    it(`${spec.name}: each filter field, each hostile value — nothing matches, or BAD_REQUEST`, async () => {
      const tasks: Task[] = [];
      DIMENSIONS.forEach((field, f) => {
        const legal: string[] = [];
        HOSTILE.forEach((value, v) => {
          const one: Case = {
            label: `${spec.name} ${field}=[${show(value)}]`,
            run: () => spec.call(spec.input({ ...RANGE, [field]: [value] })),
            check: (r) => spec.empty(r, field),
            mustResolve: mustAccept(value),
          };
          if (!mustAccept(value)) tasks.push(single(one));
          else {
            legal.push(value as string);
            if (alone(spec.singles, v, f)) tasks.push(single(one));
          }
        });
        // All legal values of a field in one call (split up to name a culprit).
        if (legal.length) {
          tasks.push(
            grouped(legal, (values) => ({
              label: `${spec.name} ${field}=${values.length === 1 ? `[${show(values[0])}]` : `${values.length} hostile values`}`,
              run: () => spec.call(spec.input({ ...RANGE, [field]: values })),
              check: (r) => spec.empty(r, field),
              mustResolve: true,
            })),
          );
        }
        for (const value of HOSTILE_ARRAYS) {
          tasks.push(single({ label: `${spec.name} ${field}=${show(value)}`, run: () => spec.call(spec.input({ ...RANGE, [field]: value })) }));
        }
      });
      expect(await runTasks(tasks)).toEqual([]);
    });
  }

  it("a hostile value next to a real one changes nothing", async () => {
    const team = teams[0]!;
    const c = admin();
    const cards = await c.overview.kpis({ ...RANGE, team: [team] });
    const list = await c.drilldown.list({ target: "tickets", filter: { ...RANGE, team: [team] }, pageSize: 20 });
    expect(list.total).toBeGreaterThan(0);
    // The real value with a trick appended, and the usual suspects: none of them may widen the match.
    const tricks = [`${team}'`, `${team}\u0000`, `${team} `, `${team}\u200B`, `\u202E${team}`, `${team}' OR '1'='1`, "' OR 1=1 --", "%", "*"];
    const cases: Case[] = tricks.flatMap((t) => [
      {
        label: `overview.kpis team=[real, ${show(t)}]`,
        run: () => c.overview.kpis({ ...RANGE, team: [team, t] }),
        check: (r: unknown) => expect(r).toEqual(cards),
        mustResolve: true,
      },
      {
        label: `drilldown.list team=[real, ${show(t)}]`,
        run: () => c.drilldown.list({ target: "tickets", filter: { ...RANGE, team: [team, t] }, pageSize: 20 }),
        check: (r: unknown) => expect(r).toEqual(list),
        mustResolve: true,
      },
      {
        label: `drilldown.list team=[${show(t)}]`,
        run: () => c.drilldown.list({ target: "tickets", filter: { ...RANGE, team: [t] }, pageSize: 20 }),
        check: (r: unknown) => expect((r as Drill).total).toBe(0),
        mustResolve: true,
      },
    ]);
    expect(await runCases(cases)).toEqual([]);
  });

  it("every drill-down target and every series KPI × grain with a hostile filter", async () => {
    const c = admin();
    const values = ["' OR 1=1 --", "\u0000", "\uD800"];
    const cases: Case[] = [];
    // The 168 heatmap cells share one code path (tests/integration/heatmap-drill.test.ts checks each): a few stand for all.
    const heatSample: readonly string[] = ["heat.1.0", "heat.3.14", "heat.7.23"];
    for (const target of DRILL_TARGETS.filter((t) => !t.startsWith("heat.") || heatSample.includes(t))) {
      const source = drillSource(target);
      const all = await c.drilldown.list({ target, filter: RANGE, pageSize: 5 });
      // Sentiment needs the NLP job; an FRT bucket or a heatmap cell may be empty in the demo sample.
      if (target !== "sentiment" && !target.startsWith("frt.") && !target.startsWith("heat.")) expect(all.total, target).toBeGreaterThan(0);
      for (const field of ["team", "priority", "queue"] as const) {
        for (const value of values) {
          cases.push({
            label: `drilldown.list(${target}) ${field}=[${show(value)}]`,
            run: () => c.drilldown.list({ target, filter: { ...RANGE, [field]: [value] }, pageSize: 5 }),
            // Priority is a ticket dimension, queue a conversation one: other records are not filtered by them.
            check: (r) => expect((r as Drill).total).toBe(DIMENSION_COLUMNS[source][field] ? 0 : all.total),
            mustResolve: mustAccept(value),
          });
        }
      }
    }
    for (const kpi of KPI_IDS) {
      for (const grain of ["day", "week", "month"] as const) {
        for (const value of values) {
          cases.push({
            label: `overview.series(${kpi}, ${grain}) team=[${show(value)}]`,
            run: () => c.overview.series({ filter: { ...RANGE, team: [value] }, kpi, grain }),
            check: (r) => expect(r).toEqual([]),
            mustResolve: mustAccept(value),
          });
        }
      }
    }
    expect(await runCases(cases)).toEqual([]);
  });

  it("dates and the other scalar fields: correct result, or BAD_REQUEST", async () => {
    const cases: Case[] = [];
    for (const spec of specs()) {
      for (const field of ["from", "to"] as const) {
        // Any hostile value here is no date within range of the other end: always refused.
        for (const value of HOSTILE) {
          cases.push({ label: `${spec.name} ${field}=${show(value)}`, run: () => spec.call(spec.input({ ...RANGE, [field]: value })) });
        }
      }
      for (const [field, check] of Object.entries(spec.scalars ?? {})) {
        for (const value of [...HOSTILE, undefined, -1, 100_000, 100_001, 500, 501, 1e21]) {
          cases.push({ label: `${spec.name} ${field}=${show(value)}`, run: () => spec.call({ ...spec.input(RANGE), [field]: value }), check });
        }
      }
      for (const value of [...HOSTILE, undefined, {}, { ...RANGE, from: undefined }]) {
        cases.push({ label: `${spec.name} input=${show(value)}`, run: () => spec.call(value) });
        if (spec.input({}).filter !== undefined) {
          cases.push({ label: `${spec.name} filter=${show(value)}`, run: () => spec.call({ ...spec.input(RANGE), filter: value }) });
        }
      }
    }
    expect(await runCases(cases)).toEqual([]);
  });

  it("extreme but well-formed date ranges find nothing, or are refused", async () => {
    const ranges = [
      ["0000-01-01", "0000-01-01"],
      ["0001-01-01", "0001-01-31"],
      ["1900-01-01", "1900-03-01"],
      ["1969-12-31", "1970-01-01"],
      ["1970-01-01", "1970-01-01"],
      ["1970-01-01", "1972-03-10"],
      ["1979-12-31", "1980-01-01"],
      // The first and last days accepted, with the longest range (800 days) at each end.
      ["1980-01-01", "1980-01-01"],
      ["1980-01-01", "1982-03-10"],
      ["2098-10-23", "2100-12-31"],
      ["2100-12-31", "2100-12-31"],
      ["2105-12-31", "2105-12-31"],
      ["2106-02-07", "2106-02-07"],
      ["2149-06-06", "2149-06-06"],
      ["9999-12-31", "9999-12-31"],
      ["2024-02-29", "2024-02-29"],
    ] as const;
    const cases: Case[] = [];
    for (const spec of specs()) {
      for (const [from, to] of ranges) {
        cases.push({
          label: `${spec.name} ${from}…${to}`,
          run: () => spec.call(spec.input({ from, to })),
          // No record in that range: the same as a filter nothing matches (on a dimension every record has).
          check: (r) => {
            if (spec.name === "overview.hotspots") expect(r).toEqual({ byGrowth: [], byVolume: [] });
            else spec.empty(r, "team");
          },
        });
      }
    }
    // Nothing was recorded on 2024-02-29 (nor in the periods before it) because the demo year starts later.
    expect((baseline["meta.dataRange"] as { minDay: string }).minDay > "2024-02-29").toBe(true);
    expect(await runCases(cases)).toEqual([]);
  });

  it("input-less procedures ignore whatever is sent", async () => {
    const c = admin();
    const cases: Case[] = [...HOSTILE, { team: ["' OR 1=1 --"] }].flatMap((value) => [
      {
        label: `meta.dataRange input=${show(value)}`,
        run: () => c.meta.dataRange(value as never),
        check: (r: unknown) => expect(r).toEqual(baseline["meta.dataRange"]),
      },
      {
        label: `meta.dimensionValues input=${show(value)}`,
        run: () => c.meta.dimensionValues(value as never),
        check: (r: unknown) => expect(r).toEqual(baseline["meta.dimensionValues"]),
      },
    ]);
    expect(await runCases(cases)).toEqual([]);
  });

  it("unknown keys are dropped and cannot pollute prototypes", async () => {
    const cases: Case[] = [];
    for (const spec of specs()) {
      const polluted = JSON.parse(`{"from":"${RANGE.from}","to":"${RANGE.to}","__proto__":{"team":["nobody"],"polluted":1},"constructor":{"prototype":{"polluted":1}}}`);
      // `direction` is not a filter (`queue` is one now: conversations record it).
      for (const filter of [{ ...RANGE, direction: ["' OR 1=1 --"], "team'": ["x"], "sla_tier": ["x"] }, polluted]) {
        cases.push({
          label: `${spec.name} extra keys ${show(filter)}`,
          run: () => spec.call(spec.input(filter)),
          check: (r) => expect(r).toEqual(baseline[spec.name]),
          mustResolve: true,
        });
      }
    }
    expect(await runCases(cases)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("afterwards every table holds the same rows and the figures are unchanged", async () => {
    expect(await tableCounts()).toEqual(countsBefore);
    for (const spec of specs()) expect(await spec.call(spec.input(RANGE)), spec.name).toEqual(baseline[spec.name]);
    expect(await admin().meta.dataRange()).toEqual(baseline["meta.dataRange"]);
    expect(await admin().meta.dimensionValues()).toEqual(baseline["meta.dimensionValues"]);
  });
});
