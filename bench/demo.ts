/**
 * `npm run bench:demo -- [--scale N]`: generation + load throughput of the demo data into a
 * scratch database (dropped afterwards), so the demo and the data behind other benchmarks are
 * known to load fast enough.
 */
import { randomBytes } from "node:crypto";
import { configFromEnv, Db } from "../server/clickhouse/client";
import { ensureClickHouse } from "../server/clickhouse/ensure";
import { migrate } from "../server/clickhouse/migrate";
import { sql } from "../server/clickhouse/sql";
import { loadDemoData } from "../jobs/demo/load";
import { reportBenchmark } from "./results-file";

const scaleArg = process.argv.indexOf("--scale");
const scale = scaleArg > 0 ? Number(process.argv[scaleArg + 1]) : 1;
if (!(scale > 0)) {
  console.error("error: --scale must be a number > 0");
  process.exit(1);
}

const database = `si_bench_demo_${randomBytes(3).toString("hex")}`;
await (await ensureClickHouse({ database })).close();
const db = new Db(configFromEnv(database));
try {
  await migrate(db);
  const started = process.hrtime.bigint();
  const result = await loadDemoData(db, { scale, seed: 42, end: new Date("2026-06-30T00:00:00Z"), log: () => {} });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = result.tickets + result.conversations + result.surveys;
  reportBenchmark("demo", {
    scale,
    tickets: result.tickets,
    conversations: result.conversations,
    surveys: result.surveys,
    seconds: Math.round(seconds * 10) / 10,
    rows_per_second: Math.round(rows / seconds),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  });
} finally {
  await db.exec("bench.drop", sql`DROP DATABASE IF EXISTS ${sql.identifier(database)}`);
  await db.close();
}
