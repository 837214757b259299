import { env } from "../env";
import { configFromEnv, Db, displayUrl } from "./client";
import { ping, SetupError, startLocalServer } from "./local-server";
import { migrate, type MigrateResult } from "./migrate";
import { sql } from "./sql";

/**
 * Makes sure ClickHouse answers: the server named by CLICKHOUSE_URL, or else the project's
 * own local server (started, or installed and started, when needed). Creates the database.
 */
export async function ensureClickHouse(
  options: { database?: string; log?: (line: string) => void } = {},
): Promise<Db> {
  const e = env();
  const log = options.log ?? (() => {});
  const database = options.database ?? e.CLICKHOUSE_DATABASE;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(database)) throw new SetupError(`database name ${JSON.stringify(database)} is not a plain identifier`);
  const base = configFromEnv(database);

  if (!e.CLICKHOUSE_URL) await startLocalServer(log);
  else {
    const state = await ping(base.url);
    if (state !== "ok") {
      const what = state === "down" ? "nothing answers there" : "the server there does not answer /ping like ClickHouse";
      throw new SetupError(`cannot use ClickHouse at ${displayUrl(base.url)} (${what}): check CLICKHOUSE_URL, or unset it to use the project's own server`);
    }
  }

  const admin = new Db({ ...base, database: "default" }, 1, 15_000);
  try {
    await admin.exec("setup", sql`SELECT 1`);
  } catch (error) {
    const reason = ((error as Error).message ?? String(error)).split("\n")[0];
    const fix = e.CLICKHOUSE_URL
      ? "check CLICKHOUSE_URL / CLICKHOUSE_USER / CLICKHOUSE_PASSWORD, or unset CLICKHOUSE_URL to use the project's own server"
      : "run `npm run stop` and try again; see .data/clickhouse/log/server.err.log";
    throw new SetupError(`cannot use ClickHouse at ${displayUrl(base.url)} (${reason}): ${fix}`);
  }
  try {
    await admin.exec("setup", sql`CREATE DATABASE IF NOT EXISTS ${sql.identifier(database)} ${e.CLICKHOUSE_CLUSTER ? sql`ON CLUSTER ${sql.identifier(e.CLICKHOUSE_CLUSTER)}` : sql.empty}`);
  } finally {
    await admin.close();
  }
  return new Db(base);
}

/** ensureClickHouse + migrations: what every command that needs data calls first. */
export async function ensureSchema(
  options: { database?: string; log?: (line: string) => void } = {},
): Promise<{ db: Db; migrations: MigrateResult }> {
  const dbx = await ensureClickHouse(options);
  const migrations = await migrate(dbx, { cluster: env().CLICKHOUSE_CLUSTER });
  return { db: dbx, migrations };
}
