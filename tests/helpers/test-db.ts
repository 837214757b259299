import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { configFromEnv, Db } from "../../server/clickhouse/client";
import { migrate } from "../../server/clickhouse/migrate";
import { sql } from "../../server/clickhouse/sql";

/**
 * A fresh, migrated database of its own for one test file (a random tenant), dropped afterwards,
 * so tests never touch demo data or each other.
 */
export function withTestDb(prefix = "t"): { get: () => Db } {
  let dbx: Db | undefined;
  const name = `si_test_${prefix}_${randomBytes(4).toString("hex")}`;
  beforeAll(async () => {
    const admin = new Db({ ...configFromEnv("default") });
    await admin.exec("test.createDb", sql`CREATE DATABASE IF NOT EXISTS ${sql.identifier(name)}`);
    await admin.close();
    dbx = new Db(configFromEnv(name));
    await migrate(dbx);
  });
  afterAll(async () => {
    if (!dbx) return;
    await dbx.exec("test.dropDb", sql`DROP DATABASE IF EXISTS ${sql.identifier(name)}`);
    await dbx.close();
  });
  return {
    get: () => {
      if (!dbx) throw new Error("test database not ready");
      return dbx;
    },
  };
}
