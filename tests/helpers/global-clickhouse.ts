import { ensureClickHouse } from "../../server/clickhouse/ensure";

/** Starts (or reuses) the ClickHouse the tests run against; each test file then makes its own database. */
export default async function setup(): Promise<void> {
  const dbx = await ensureClickHouse({ database: "default", log: (line) => console.log(`[clickhouse] ${line}`) });
  await dbx.close();
}
