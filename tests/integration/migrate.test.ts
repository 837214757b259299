import { mkdtempSync, writeFileSync, copyFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from "../../server/clickhouse/migrate";
import { sql } from "../../server/clickhouse/sql";
import { withTestDb } from "../helpers/test-db";

const db = withTestDb("migrate");

function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "si-migrations-"));
  for (const f of readdirSync(MIGRATIONS_DIR)) copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
  return dir;
}

describe("migration runner", () => {
  it("has applied every shipped migration once, and a second run applies nothing", async () => {
    const again = await migrate(db.get());
    expect(again.applied).toEqual([]);
    expect(again.skipped).toEqual(readMigrations().map((m) => m.name));
    const rows = await db.get().query("test", sql`SELECT name, count() AS c FROM schema_migrations GROUP BY name`);
    for (const r of rows) expect(Number(r.c)).toBe(1);
    const tables = await db.get().query("test", sql`SELECT name FROM system.tables WHERE database = currentDatabase()`);
    const names = tables.map((t) => t.name);
    for (const t of ["tickets", "conversations", "survey_responses", "nlp_results", "qa_flags", "ingest_runs", "ingest_rejects", "users", "audit_log"]) {
      expect(names).toContain(t);
    }
  });

  it("names the file and the statement when a migration fails, and records nothing for it", async () => {
    const dir = copyOfMigrations();
    writeFileSync(path.join(dir, "9998_ok.sql"), "CREATE TABLE IF NOT EXISTS {table:mig_ok} (a UInt8) ENGINE = {engine:MergeTree()} ORDER BY a;\n");
    writeFileSync(
      path.join(dir, "9999_broken.sql"),
      "CREATE TABLE IF NOT EXISTS {table:mig_a} (a UInt8) ENGINE = {engine:MergeTree()} ORDER BY a;\nCREATE TABLE IF NOT EXISTS {table:mig_b} (a NoSuchType) ENGINE = {engine:MergeTree()} ORDER BY a;\n",
    );
    const error = await migrate(db.get(), { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/^migration 9999_broken\.sql failed at statement 2 \(CREATE TABLE IF NOT EXISTS mig_b/);
    expect((error as Error).message).not.toContain("\n");
    const recorded = await db.get().query("test", sql`SELECT name FROM schema_migrations WHERE name IN ('9998_ok.sql', '9999_broken.sql')`);
    expect(recorded.map((r) => r.name)).toEqual(["9998_ok.sql"]);

    // Fixing the file and re-running finishes the half-applied migration (its first table already exists).
    writeFileSync(
      path.join(dir, "9999_broken.sql"),
      "CREATE TABLE IF NOT EXISTS {table:mig_a} (a UInt8) ENGINE = {engine:MergeTree()} ORDER BY a;\nCREATE TABLE IF NOT EXISTS {table:mig_b} (a UInt8) ENGINE = {engine:MergeTree()} ORDER BY a;\n",
    );
    expect((await migrate(db.get(), { dir })).applied).toEqual(["9999_broken.sql"]);
  });

  it("refuses to run when an applied migration file was edited", async () => {
    const dir = copyOfMigrations();
    const first = readMigrations(dir)[0]!;
    writeFileSync(path.join(dir, first.name), first.statements.join(";\n") + ";\n-- edited\n");
    await expect(migrate(db.get(), { dir })).rejects.toThrow(/was changed after it was applied/);
  });
});
