import { describe, expect, it } from "vitest";
import { readMigrations, renderStatement, splitStatements } from "../../server/clickhouse/migrate";

describe("migration files", () => {
  it("split into statements at `;` line ends and skip comment lines", () => {
    expect(splitStatements("-- a comment; here\nCREATE TABLE a (x UInt8)\nENGINE = Memory;\n\nSELECT 1;\n")).toEqual([
      "CREATE TABLE a (x UInt8)\nENGINE = Memory",
      "SELECT 1",
    ]);
  });

  it("render the single-server variant without placeholders left", () => {
    const [text, ...rest] = renderStatement(
      "CREATE TABLE IF NOT EXISTS {table:tickets:id} {on_cluster} (id String) ENGINE = {engine:ReplacingMergeTree(version)} ORDER BY id",
      { database: "db" },
    );
    expect(rest).toEqual([]);
    expect(text).toBe("CREATE TABLE IF NOT EXISTS tickets  (id String) ENGINE = ReplacingMergeTree(version) ORDER BY id");
  });

  it("render the cluster variant: replicated local table plus a Distributed table in front", () => {
    const out = renderStatement(
      "CREATE TABLE IF NOT EXISTS {table:tickets:id} {on_cluster} (id String) ENGINE = {engine:MergeTree()} ORDER BY id",
      { database: "db", cluster: "main" },
    );
    expect(out).toEqual([
      "CREATE TABLE IF NOT EXISTS tickets_local ON CLUSTER main (id String) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/db/tickets_local', '{replica}') ORDER BY id",
      "CREATE TABLE IF NOT EXISTS tickets ON CLUSTER main AS tickets_local ENGINE = Distributed(main, db, tickets_local, sipHash64(id))",
    ]);
  });

  it("refuse unknown placeholders", () => {
    expect(() => renderStatement("CREATE TABLE {tabel:x} (a UInt8)", { database: "db" })).toThrow(/unknown placeholder/);
  });

  it("every shipped statement is idempotent (IF NOT EXISTS) and renders cleanly", () => {
    for (const file of readMigrations()) {
      for (const statement of file.statements) {
        expect(statement, `${file.name}`).toMatch(/IF NOT EXISTS/);
        expect(() => renderStatement(statement, { database: "db", cluster: "c" })).not.toThrow();
      }
    }
  });
});
