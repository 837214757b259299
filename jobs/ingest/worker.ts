/**
 * `cli worker [--inbox DIR] [--interval SECONDS] [--once]`: loads files dropped into
 * DIR/tickets, DIR/conversations and DIR/surveys. A file is taken once its size has stopped
 * changing between two looks (it is no longer being written); after a successful load it is
 * moved to loaded/ beside it. A mapping.yaml (or .json) in a kind's folder applies to its files.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { Db } from "../../server/clickhouse/client";
import { ensureSchema } from "../../server/clickhouse/ensure";
import { RECORD_KINDS, type RecordKind } from "../../server/ingest/fields";
import { reportFile } from "./command";
import { loadFile } from "./load-file";
import { loadMapping, Mapping, MappingError } from "./mapping";
import { formatFromName } from "./read-records";

const WorkerArgs = z.object({
  inbox: z.string().default(path.join(".data", "inbox")),
  interval: z.coerce.number().min(0.05).max(3600).default(5),
  once: z.boolean().default(false),
});

export interface InboxOptions {
  inbox: string;
  log: (line: string) => void;
  batchSize?: number;
}

function mappingFor(dir: string, kind: RecordKind): Mapping {
  for (const name of ["mapping.yaml", "mapping.yml", "mapping.json"]) {
    const file = path.join(dir, name);
    if (existsSync(file)) return loadMapping(file, kind);
  }
  return Mapping.identity(kind);
}

/** Watches an inbox: one `poll()` loads every file that is complete and not loaded yet. */
export class Inbox {
  /** path → size and mtime seen at the previous look; a file is loaded when two looks agree. */
  private readonly seen = new Map<string, string>();
  /** path → failed attempts and when to try again (backoff, so a bad file is not reloaded every poll). */
  private readonly failures = new Map<string, { attempts: number; retryAt: number; stamp: string }>();

  constructor(
    private readonly db: Db,
    private readonly options: InboxOptions,
  ) {
    for (const kind of RECORD_KINDS) mkdirSync(path.join(options.inbox, kind, "loaded"), { recursive: true });
  }

  async poll(settle = true): Promise<{ loaded: number; failed: number }> {
    let loaded = 0;
    let failed = 0;
    for (const kind of RECORD_KINDS) {
      const dir = path.join(this.options.inbox, kind);
      // The folder's mapping file configures the folder; it is not data.
      const names = readdirSync(dir)
        .filter((n) => !n.startsWith(".") && !/^mapping\.(ya?ml|json)$/i.test(n) && formatFromName(n))
        .sort();
      if (names.length === 0) continue;
      let mapping: Mapping;
      try {
        mapping = mappingFor(dir, kind);
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        this.options.log(`${kind}: ${error.message}; files in ${dir} wait until it is fixed`);
        continue;
      }
      for (const name of names) {
        const file = path.join(dir, name);
        const stat = statSync(file);
        const stamp = `${stat.size}:${stat.mtimeMs}`;
        const before = this.seen.get(file);
        this.seen.set(file, stamp);
        if (settle && before !== stamp) continue;
        const failure = this.failures.get(file);
        if (failure && failure.stamp === stamp && Date.now() < failure.retryAt) continue;
        const result = await loadFile(this.db, kind, file, {
          mapping,
          source: mapping.spec.source ?? "inbox",
          batchSize: this.options.batchSize,
          log: this.options.log,
        });
        reportFile(result, this.options.log);
        if (result.status === "failed") {
          failed++;
          const attempts = failure?.stamp === stamp ? failure.attempts + 1 : 1;
          const waitMs = Math.min(3_600_000, 30_000 * 2 ** (attempts - 1));
          this.failures.set(file, { attempts, retryAt: Date.now() + waitMs, stamp });
          this.options.log(`${name}: failed (attempt ${attempts}); next try in ${Math.round(waitMs / 1000)} s, or at once when the file changes`);
          continue;
        }
        loaded++;
        this.seen.delete(file);
        this.failures.delete(file);
        const movedAt = new Date().toISOString().replace(/[:.]/g, "-");
        renameSync(file, path.join(dir, "loaded", `${movedAt}_${name}`));
      }
    }
    return { loaded, failed };
  }
}

export async function runWorkerCommand(args: string[], log: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { inbox: { type: "string" }, interval: { type: "string" }, once: { type: "boolean" } } });
  const parsed = WorkerArgs.safeParse(values);
  if (!parsed.success) {
    log(`error: --${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
    return 2;
  }
  const { inbox: dir, interval, once } = parsed.data;
  const { db } = await ensureSchema({ log });
  const inbox = new Inbox(db, { inbox: dir, log });
  try {
    if (once) {
      const { failed } = await inbox.poll(false);
      return failed ? 1 : 0;
    }
    log(`watching ${path.resolve(dir)}/{${RECORD_KINDS.join(",")}} every ${interval} s (Ctrl-C stops)`);
    let stopping = false;
    const stop = () => {
      stopping = true;
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    while (!stopping) {
      try {
        await inbox.poll();
      } catch (error) {
        log(`inbox poll failed: ${(error as Error).message}; trying again in ${interval} s`);
      }
      for (let waited = 0; waited < interval * 1000 && !stopping; waited += 50) await new Promise((r) => setTimeout(r, 50));
    }
    log("worker stopped");
    return 0;
  } finally {
    await db.close();
  }
}
