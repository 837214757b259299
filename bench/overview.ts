/**
 * `npm run bench:overview -- [--runs N]`: latency of the overview procedures (through the tRPC
 * caller, as the page calls them) on the data in CLICKHOUSE_DATABASE (the demo data by default).
 */
import { performance } from "node:perf_hooks";
import { ensureSchema } from "../server/clickhouse/ensure";
import { env } from "../server/env";
import { createCaller } from "../server/routers/root";
import { addDays } from "../server/kpi/filters";
import { percentile, reportBenchmark } from "./results-file";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1] ?? 0) || 30;

const { db } = await ensureSchema();
const caller = createCaller({
  caller: { id: "bench", email: "bench@example.com", displayName: "bench", role: "manager", teamScope: null, agentScope: null },
  db,
  timezone: env().SI_TIMEZONE,
  fcrWindowDays: env().SI_FCR_WINDOW_DAYS,
  now: () => new Date(),
});
const range = await caller.meta.dataRange();
if (!range) {
  console.error("error: no tickets loaded: run `npm run demo:data` first");
  process.exit(1);
}
const [tickets] = await db.query("bench", (await import("../server/clickhouse/sql")).sql`SELECT count() AS n FROM tickets`);
const filters = {
  "30 days": { from: addDays(range.maxDay, -29), to: range.maxDay },
  "12 months": { from: addDays(range.maxDay, -364), to: range.maxDay },
};
const procedures = {
  "overview.kpis": (f: (typeof filters)["30 days"]) => caller.overview.kpis(f),
  "overview.volumeByDay": (f: (typeof filters)["30 days"]) => caller.overview.volumeByDay(f),
};

const results: Record<string, { p50_ms: number; p95_ms: number; max_ms: number; runs: number }> = {};
for (const [rangeName, filter] of Object.entries(filters)) {
  for (const [name, call] of Object.entries(procedures)) {
    await call(filter); // warm-up: first-touch caches are not what a manager waits for every morning
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await call(filter);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    results[`${name} (${rangeName})`] = {
      p50_ms: Math.round(percentile(times, 50) * 10) / 10,
      p95_ms: Math.round(percentile(times, 95) * 10) / 10,
      max_ms: Math.round(times[times.length - 1]! * 10) / 10,
      runs,
    };
  }
}
reportBenchmark("overview", { database: db.config.database, tickets: Number(tickets?.n), procedures: results });
await db.close();
