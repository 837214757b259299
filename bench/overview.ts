/**
 * `npm run bench:overview -- [--runs N]`: latency of the overview procedures (through the tRPC
 * caller, as the page calls them) on the data in CLICKHOUSE_DATABASE (the demo data by default).
 */
import { ensureSchema } from "../server/clickhouse/ensure";
import { sql } from "../server/clickhouse/sql";
import type { DashboardFilter } from "../server/kpi/filters";
import { argValue, benchCaller, benchRanges, measure, type Timing } from "./harness";
import { reportBenchmark } from "./results-file";

const runs = Number(argValue("--runs") ?? 0) || 30;

const { db } = await ensureSchema();
const caller = benchCaller(db, "manager");
const filters = await benchRanges(caller);
if (!filters) {
  console.error("error: no tickets loaded: run `npm run demo:data` first");
  process.exit(1);
}
const [tickets] = await db.query("bench", sql`SELECT count() AS n FROM tickets`);
const procedures = {
  "overview.kpis": (f: DashboardFilter) => caller.overview.kpis(f),
  "overview.volumeByDay": (f: DashboardFilter) => caller.overview.volumeByDay(f),
};

const results: Record<string, Timing> = {};
for (const [rangeName, filter] of Object.entries(filters)) {
  for (const [name, call] of Object.entries(procedures)) {
    results[`${name} (${rangeName})`] = await measure(() => call(filter), runs, 1);
  }
}
reportBenchmark("overview", { database: db.config.database, tickets: Number(tickets?.n), procedures: results });
await db.close();
