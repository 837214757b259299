/**
 * `cli ingest <tickets|conversations|surveys> <file|folder>… [--mapping FILE] [--source NAME] [--force] [--batch-size N]`
 * `cli ingest rejects [--run ID] [--limit N]` · `cli ingest runs [--limit N]`
 * `cli ingest keys create --source NAME [--created-by WHO]` · `keys list` · `keys revoke ID`
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { Db } from "../../server/clickhouse/client";
import { ensureSchema } from "../../server/clickhouse/ensure";
import { createApiKey, listApiKeys, revokeApiKey, SourceName } from "../../server/ingest/api-keys";
import { RECORD_KINDS, type RecordKind } from "../../server/ingest/fields";
import { recentRuns } from "../../server/ingest/runs";
import { fileSize, loadFile, type FileResult } from "./load-file";
import { loadMapping, Mapping, MappingError } from "./mapping";
import { duration, formatSummary, Progress } from "./progress";
import { formatFromName } from "./read-records";
import { listRejects } from "./rejects";

export class UsageError extends Error {}

const USAGE = [
  "usage: npm run ingest -- <tickets|conversations|surveys> <file|folder>… [--mapping FILE|NAME] [--source NAME] [--force] [--batch-size N]",
  "       npm run ingest -- rejects [--run ID] [--limit N]",
  "       npm run ingest -- runs [--limit N]",
  "       npm run ingest -- keys create --source NAME [--created-by WHO] | keys list | keys revoke ID",
].join("\n");

const LoadArgs = z.object({
  mapping: z.string().optional(),
  source: SourceName.optional(),
  force: z.boolean().default(false),
  "batch-size": z.coerce.number().int().min(1).max(1_000_000).optional(),
});

/** A mapping given by name is looked up among the shipped ones in mappings/. */
export function resolveMappingPath(value: string): string {
  if (existsSync(value)) return value;
  for (const ext of [".yaml", ".yml", ".json"]) {
    const shipped = path.resolve("mappings", `${value}${ext}`);
    if (existsSync(shipped)) return shipped;
  }
  throw new UsageError(`mapping ${value} not found (neither a file nor one of mappings/*.yaml)`);
}

/** Every loadable file under the given paths, in name order; hidden files are skipped. */
export function collectFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new UsageError(`${p}: no such file or folder`);
    if (statSync(p).isDirectory()) {
      const inside = readdirSync(p, { withFileTypes: true })
        .filter((e) => !e.name.startsWith("."))
        .sort((a, b) => a.name.localeCompare(b.name));
      for (const e of inside) {
        const full = path.join(p, e.name);
        if (e.isDirectory()) files.push(...collectFiles([full]));
        else if (formatFromName(e.name)) files.push(full);
      }
    } else files.push(p);
  }
  return files;
}

export function reportFile(result: FileResult, log: (line: string) => void): void {
  const name = path.basename(result.file);
  const elapsed = `${(result.elapsedMs / 1000).toFixed(1)} s`;
  if (result.status === "skipped") log(`${name}: skipped, ${result.skippedBecause}`);
  else if (result.status === "failed") {
    log(`${name}: FAILED after ${elapsed} (run ${result.runId}): ${result.error}`);
    log(`${name}: so far ${formatSummary(result.counts)}; run the same command again to resume (stored rows are not written twice)`);
  } else {
    const rate = result.counts.read / Math.max(result.elapsedMs / 1000, 0.001);
    log(
      `${name}: ${formatSummary(result.counts)}; ${elapsed} (${Math.round(rate).toLocaleString("en-US")} rows/s, ` +
        `${result.format ?? "?"}, ${result.encoding ?? "?"}), run ${result.runId}`,
    );
  }
}

async function loadCommand(db: Db, kind: RecordKind, args: string[], log: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      mapping: { type: "string" },
      source: { type: "string" },
      force: { type: "boolean" },
      "batch-size": { type: "string" },
    },
  });
  const parsed = LoadArgs.safeParse(values);
  if (!parsed.success) throw new UsageError(`${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  if (positionals.length === 0) throw new UsageError(`ingest ${kind}: name a file or folder\n${USAGE}`);
  const opts = parsed.data;
  const mapping = opts.mapping ? loadMapping(resolveMappingPath(opts.mapping), kind) : Mapping.identity(kind);
  const source = opts.source ?? mapping.spec.source ?? "file";
  const files = collectFiles(positionals);
  if (files.length === 0) throw new UsageError(`no .csv, .json, .jsonl or .ndjson files in ${positionals.join(", ")}`);

  let failed = 0;
  const started = Date.now();
  for (const file of files) {
    const progress = new Progress(path.basename(file), await fileSize(file), process.stderr, log);
    const result = await loadFile(db, kind, file, {
      mapping,
      source,
      force: opts.force,
      batchSize: opts["batch-size"],
      log,
      onProgress: (bytes, counts) => progress.update(bytes, counts),
    });
    progress.done();
    reportFile(result, log);
    if (result.status === "failed") failed++;
  }
  if (files.length > 1) log(`${files.length} files in ${duration((Date.now() - started) / 1000)}, ${failed} failed`);
  return failed ? 1 : 0;
}

async function keysCommand(db: Db, args: string[], log: (line: string) => void): Promise<number> {
  const [action, ...rest] = args;
  if (action === "create") {
    const { values } = parseArgs({ args: rest, options: { source: { type: "string" }, "created-by": { type: "string" } } });
    if (!values.source) throw new UsageError("keys create needs --source NAME");
    const source = SourceName.safeParse(values.source);
    if (!source.success) throw new UsageError(`--source: ${source.error.issues[0]?.message}`);
    const { id, key } = await createApiKey(db, source.data, values["created-by"] ?? process.env.USER ?? "cli");
    log(`key ${id} for source ${source.data}:`);
    log(key);
    log("keep it now: only its hash is stored. Send it as `Authorization: Bearer <key>`.");
    return 0;
  }
  if (action === "list") {
    const keys = await listApiKeys(db);
    if (keys.length === 0) log("no API keys");
    for (const k of keys) {
      log(`${k.id}  ${k.source.padEnd(20)} created ${k.created_at} by ${k.created_by}  last used ${k.last_used_at ?? "never"}${k.revoked_at ? `  REVOKED ${k.revoked_at}` : ""}`);
    }
    return 0;
  }
  if (action === "revoke") {
    const id = rest[0];
    if (!id || !/^[a-f0-9]{16}$/.test(id)) throw new UsageError("keys revoke needs a key id (16 hex digits, see keys list)");
    const found = await revokeApiKey(db, id);
    log(found ? `key ${id} revoked` : `no key ${id}`);
    return found ? 0 : 1;
  }
  throw new UsageError(USAGE);
}

async function runsCommand(db: Db, args: string[], log: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { limit: { type: "string" } } });
  const limit = z.coerce.number().int().min(1).max(10_000).default(20).parse(values.limit);
  for (const r of await recentRuns(db, limit)) {
    log(
      `${r.run_id}  ${r.started_at}  ${r.kind.padEnd(13)} ${r.status.padEnd(9)} read ${r.rows_read} inserted ${r.inserted} updated ${r.updated} ` +
        `unchanged ${r.unchanged} rejected ${r.rejected}  ${r.file}${r.error ? `  (${r.error})` : ""}`,
    );
  }
  return 0;
}

export async function runIngestCommand(args: string[], log: (line: string) => void): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === "--help" || sub === "-h") {
    log(USAGE);
    return sub ? 0 : 2;
  }
  const known = [...RECORD_KINDS, "rejects", "runs", "keys"];
  if (!known.includes(sub)) {
    log(`unknown ingest command ${sub}\n${USAGE}`);
    return 2;
  }
  let db: Db | undefined;
  try {
    db = (await ensureSchema({ log })).db;
    if (sub === "rejects") return await listRejects(db, rest, log);
    if (sub === "runs") return await runsCommand(db, rest, log);
    if (sub === "keys") return await keysCommand(db, rest, log);
    return await loadCommand(db, sub as RecordKind, rest, log);
  } catch (error) {
    if (error instanceof UsageError || error instanceof MappingError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      log(`error: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  } finally {
    await db?.close();
  }
}
