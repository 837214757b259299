import { configFromEnv, Db } from "../server/clickhouse/client";
import { readState } from "../server/trpc/init";
import { kpiById, kpiQuery } from "../server/kpi/definitions";
import { queryContext } from "../server/trpc/query-context";
import { benchContext } from "./harness";
const db = new Db(configFromEnv(process.argv[2]!));
const context = benchContext(db);
Object.assign(context, await readState(db, 7));
for (const range of [{ from: "2026-11-03", to: "2026-12-02" }, { from: "2025-12-03", to: "2026-12-02" }]) {
  const ctx = queryContext(context, context.caller!, range);
  for (const id of process.argv.slice(3)) {
    const q = kpiQuery(kpiById(id as never), ctx);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) { const t = performance.now(); await db.query("probe", q); times.push(performance.now() - t); }
    times.sort((a, b) => a - b);
    console.log(`${range.from} ${id}: median ${times[3]!.toFixed(1)} ms`);
  }
}
await db.close();
