import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from "@clickhouse/client";
import type { z } from "zod";
import { env } from "../env";
import type { Sql } from "./sql";

export interface ClickHouseConfig {
  url: string;
  username: string;
  password: string;
  database: string;
}

export class ClickHouseError extends Error {
  constructor(
    message: string,
    readonly feature: string,
    readonly queryText: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Errors where the server never got (or never answered) the request: worth another try. */
function isTransient(error: unknown): boolean {
  const text = String((error as { code?: string })?.code ?? "") + " " + String((error as Error)?.message ?? "");
  return /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|socket hang up|Timeout error|other side closed/i.test(text);
}

/** Table and column names passed as names (not SQL): from our schema, checked once more. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The one wrapper every ClickHouse call goes through. Each call names its feature, which is put
 * into the query_id (18.16 has no log_comment) so system.query_log shows who asked; transient
 * connection failures are retried with backoff.
 */
export class Db {
  readonly client: ClickHouseClient;

  constructor(
    readonly config: ClickHouseConfig,
    private readonly retries = 4,
    requestTimeoutMs = 300_000,
  ) {
    this.client = createClient({
      url: config.url,
      username: config.username,
      password: config.password,
      database: config.database,
      compression: { request: false, response: false },
      request_timeout: requestTimeoutMs,
      // Errors are reported once, by us, with the feature that failed; the client's own log would repeat them.
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  private async withRetry<T>(feature: string, text: string, run: (queryId: string) => Promise<T>): Promise<T> {
    let attempt = 0;
    for (;;) {
      try {
        return await run(`si:${feature}:${randomUUID()}`);
      } catch (error) {
        if (attempt < this.retries && isTransient(error)) {
          attempt++;
          await sleep(100 * 2 ** attempt);
          continue;
        }
        const reason = (error as Error)?.message ?? String(error);
        throw new ClickHouseError(`ClickHouse ${feature}: ${reason}`, feature, text, { cause: error });
      }
    }
  }

  /** Runs a SELECT and returns its rows, validated by `schema` when one is given. */
  async query<T = Record<string, unknown>>(feature: string, statement: Sql, schema?: z.ZodType<T>): Promise<T[]> {
    const text = statement.text;
    const rows = await this.withRetry(feature, text, async (query_id) => {
      const result = await this.client.query({ query: text, format: "JSONEachRow", query_id });
      return (await result.json()) as unknown[];
    });
    if (!schema) return rows as T[];
    return rows.map((row, index) => {
      const parsed = schema.safeParse(row);
      if (!parsed.success) {
        throw new ClickHouseError(
          `ClickHouse ${feature}: row ${index} has an unexpected shape: ${parsed.error.issues[0]?.message}`,
          feature,
          text,
        );
      }
      return parsed.data;
    });
  }

  /** Runs a statement that returns nothing (DDL, INSERT … SELECT). */
  async exec(feature: string, statement: Sql): Promise<void> {
    const text = statement.text;
    await this.withRetry(feature, text, async (query_id) => {
      const result = await this.client.command({ query: text, query_id });
      return result;
    });
  }

  /** Inserts rows in one batch (JSONEachRow). `table` must be a name from our schema. */
  async insert(feature: string, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    if (!PLAIN_NAME.test(table)) throw new Error(`bad table name ${table}`);
    await this.withRetry(feature, `INSERT INTO ${table}`, async (query_id) =>
      this.client.insert({ table, values: rows as Record<string, unknown>[], format: "JSONEachRow", query_id }),
    );
  }

  /**
   * Inserts TabSeparated text (see tsv.ts), one row per line, into the named columns. `table`
   * and `columns` must come from our schema's allow-lists.
   */
  async insertTsv(feature: string, table: string, columns: readonly string[], text: string): Promise<void> {
    if (text === "") return;
    for (const name of [table, ...columns]) if (!PLAIN_NAME.test(name)) throw new Error(`bad identifier ${name}`);
    await this.withRetry(feature, `INSERT INTO ${table}`, async (query_id) =>
      // A new stream per attempt: a retried request must send the whole body again.
      this.client.insert({
        table,
        values: Readable.from([Buffer.from(text)], { objectMode: false }),
        format: "TabSeparated",
        columns: columns as [string, ...string[]],
        query_id,
      }),
    );
  }

  /** Runs a SELECT and returns its result as TabSeparated text (see tsv.ts). */
  async queryTsv(feature: string, statement: Sql): Promise<string> {
    const text = statement.text;
    return this.withRetry(feature, text, async (query_id) => {
      const result = await this.client.query({ query: text, format: "TabSeparated", query_id });
      return result.text();
    });
  }

  async ping(): Promise<boolean> {
    const result = await this.client.ping();
    return result.success;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** A URL fit for messages and logs: credentials written into it (user:password@) are masked. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = u.username ? "***" : "";
    u.password = u.password ? "***" : "";
    return u.toString();
  } catch {
    return "(malformed URL)";
  }
}

/** Where the app's ClickHouse is: CLICKHOUSE_URL, else the project-managed local server. */
export function configFromEnv(database = env().CLICKHOUSE_DATABASE): ClickHouseConfig {
  const e = env();
  return {
    url: e.CLICKHOUSE_URL ?? `http://127.0.0.1:${e.SI_CLICKHOUSE_HTTP_PORT}`,
    username: e.CLICKHOUSE_USER,
    password: e.CLICKHOUSE_PASSWORD,
    database,
  };
}

let shared: Db | undefined;
/** The process-wide connection used by the web app and jobs. */
export function db(): Db {
  shared ??= new Db(configFromEnv());
  return shared;
}
