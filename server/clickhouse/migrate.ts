import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Db } from "./client";
import { sql } from "./sql";

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "sql", "migrations");

export class MigrationError extends Error {}

export interface RenderOptions {
  database: string;
  cluster?: string;
}

/** Splits a migration file into statements: `;` at the end of a line ends one; `--` lines are comments. */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  for (const line of text.split("\n")) {
    if (/^\s*--/.test(line)) continue;
    current.push(line);
    if (/;\s*$/.test(line)) {
      const statement = current.join("\n").trim().replace(/;\s*$/, "").trim();
      if (statement) statements.push(statement);
      current = [];
    }
  }
  const rest = current.join("\n").trim();
  if (rest) statements.push(rest);
  return statements;
}

/**
 * Renders one statement for a single server or a cluster: one tree of migrations, not two.
 * Single server: {table:x} → x, {engine:E(args)} → E(args), {on_cluster} → nothing.
 * Cluster: the data lives in x_local (Replicated engine, ON CLUSTER), and x becomes a
 * Distributed table in front of it, sharded by the column named in {table:x:column}.
 */
export function renderStatement(statement: string, options: RenderOptions): string[] {
  const { cluster, database } = options;
  const tableMatch = /\{table:([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_][A-Za-z0-9_]*))?\}/.exec(statement);
  const tableName = tableMatch?.[1];
  const shardColumn = tableMatch?.[2];
  const local = cluster && tableName ? `${tableName}_local` : tableName;

  const text = statement
    .replace(/\{table:[^}]*\}/g, local ?? "")
    .replace(/\{on_cluster\}/g, cluster ? `ON CLUSTER ${cluster}` : "")
    .replace(/\{engine:([A-Za-z]+)\(([^)]*)\)\}/g, (_all, engine: string, args: string) => {
      if (!cluster) return `${engine}(${args})`;
      const zkPath = `'/clickhouse/tables/{shard}/${database}/${local}'`;
      const rest = args.trim() ? `, ${args.trim()}` : "";
      return `Replicated${engine}(${zkPath}, '{replica}'${rest})`;
    });
  if (/\{[a-z_]+(:[^}]*)?\}/.test(text.replace(/'[^']*'/g, ""))) {
    throw new MigrationError(`unknown placeholder in statement: ${text.slice(0, 120)}`);
  }
  if (!cluster || !tableName) return [text];
  const key = shardColumn ? `sipHash64(${shardColumn})` : "rand()";
  return [
    text,
    `CREATE TABLE IF NOT EXISTS ${tableName} ON CLUSTER ${cluster} AS ${local} ENGINE = Distributed(${cluster}, ${database}, ${local}, ${key})`,
  ];
}

export interface MigrationFile {
  name: string;
  checksum: string;
  statements: string[];
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(dir, name), "utf8");
      return { name, checksum: createHash("sha256").update(text).digest("hex"), statements: splitStatements(text) };
    });
}

const AppliedRow = z.object({ name: z.string(), checksum: z.string() });

export interface MigrateResult {
  applied: string[];
  skipped: string[];
}

/**
 * Applies pending migrations in order and records each in schema_migrations. Every statement
 * is idempotent (IF NOT EXISTS), so a run that died half-way is finished by the next run.
 */
export async function migrate(dbx: Db, options: { cluster?: string; dir?: string } = {}): Promise<MigrateResult> {
  const database = dbx.config.database;
  const render = { database, cluster: options.cluster };
  const bootstrap = renderStatement(
    `CREATE TABLE IF NOT EXISTS {table:schema_migrations} {on_cluster} (name String, checksum String, applied_at DateTime('UTC')) ENGINE = {engine:MergeTree()} ORDER BY name`,
    render,
  );
  for (const statement of bootstrap) await dbx.exec("migrate", sql.trusted(statement));

  const appliedRows = await dbx.query(
    "migrate",
    sql`SELECT name, any(checksum) AS checksum FROM schema_migrations GROUP BY name`,
    AppliedRow,
  );
  const applied = new Map(appliedRows.map((r) => [r.name, r.checksum]));
  const result: MigrateResult = { applied: [], skipped: [] };

  for (const file of readMigrations(options.dir)) {
    const previous = applied.get(file.name);
    if (previous !== undefined) {
      if (previous !== file.checksum) {
        throw new MigrationError(
          `migration ${file.name} was changed after it was applied: restore the file and put the change in a new migration`,
        );
      }
      result.skipped.push(file.name);
      continue;
    }
    for (const [index, statement] of file.statements.entries()) {
      for (const rendered of renderStatement(statement, render)) {
        try {
          await dbx.exec("migrate", sql.trusted(rendered));
        } catch (error) {
          const firstLine = rendered.split("\n")[0]!.slice(0, 100);
          const reason = ((error as Error).message ?? String(error)).split("\n")[0];
          throw new MigrationError(
            `migration ${file.name} failed at statement ${index + 1} (${firstLine}…): ${reason}; fix the file (or the server) and run again`,
          );
        }
      }
    }
    await dbx.insert("migrate", "schema_migrations", [
      { name: file.name, checksum: file.checksum, applied_at: new Date().toISOString().slice(0, 19).replace("T", " ") },
    ]);
    result.applied.push(file.name);
  }
  return result;
}
