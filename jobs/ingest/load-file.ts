import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline, Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { Db } from "../../server/clickhouse/client";
import type { RecordKind } from "../../server/ingest/fields";
import { closeAbandonedRuns, findRuns, newRun, recordRun, type RunCounts, type RunInfo } from "../../server/ingest/runs";
import { IngestSession, prepareInput } from "../../server/ingest/session";
import { decodeStream, ENCODING_NAMES, type Encoding } from "./decode";
import { inputOf, type Mapping } from "./mapping";
import { heapCeiling } from "./memory";
import { formatFromName, readRecords, type InputFormat } from "./read-records";

export interface LoadOptions {
  mapping: Mapping;
  source: string;
  force?: boolean;
  batchSize?: number;
  batchRetries?: number;
  retryDelayMs?: number;
  /** Called as the file is read: bytes of the file consumed so far, and the counts. */
  onProgress?: (bytesRead: number, counts: RunCounts) => void;
  log?: (line: string) => void;
}

export interface FileResult {
  file: string;
  runId: string;
  status: "succeeded" | "skipped" | "failed";
  counts: RunCounts;
  elapsedMs: number;
  encoding?: Encoding;
  format?: InputFormat;
  error?: string;
  skippedBecause?: string;
}

export class IngestError extends Error {}

async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

function describe(error: unknown): string {
  return ((error as Error)?.message ?? String(error)).split("\n")[0]!;
}

/**
 * Loads one file as one run: skipped when the same content was loaded before (unless forced);
 * otherwise every record is read, validated and written, and the run's outcome is recorded.
 * A run that dies half-way is finished by loading the file again: records already stored
 * compare equal and are not written twice.
 */
export async function loadFile(db: Db, kind: RecordKind, file: string, options: LoadOptions): Promise<FileResult> {
  const started = Date.now();
  const absolute = path.resolve(file);
  const contentHash = await hashFile(absolute);
  const previous = await findRuns(db, { kind, contentHash });
  const done = previous.find((r) => r.status === "succeeded");
  const run: RunInfo = newRun(kind, options.source, absolute, contentHash);
  if (done && !options.force) {
    const counts = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, rejectedByReason: {} };
    await recordRun(db, run, "skipped", counts, `same content as run ${done.run_id}`);
    return {
      file: absolute,
      runId: run.runId,
      status: "skipped",
      counts,
      elapsedMs: Date.now() - started,
      skippedBecause: `already loaded by run ${done.run_id} on ${done.started_at} UTC (use --force to load it again)`,
    };
  }
  const resumed = await closeAbandonedRuns(db, previous, run.runId);
  if (resumed) options.log?.(`${path.basename(file)}: resuming ${resumed} unfinished earlier run(s) of the same content`);

  const session = new IngestSession(db, kind, {
    source: options.source,
    runId: run.runId,
    file: absolute,
    batchSize: options.batchSize,
    batchRetries: options.batchRetries,
    retryDelayMs: options.retryDelayMs,
  });
  await recordRun(db, run, "running", session.counts);

  const spec = options.mapping.spec;
  let bytesRead = 0;
  let encoding: Encoding | undefined;
  let format: InputFormat | undefined;
  try {
    // Chunks of 256 KiB: parsing one never keeps the event loop (and the writes' answers) waiting long.
    const raw = createReadStream(absolute, { highWaterMark: 1 << 18 });
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const chunk of raw) {
        bytesRead += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    // pipeline, not pipe: a read or gunzip error must reach the reader below (and close the file), not crash the process.
    const gunzipped = () => {
      const gunzip = createGunzip();
      pipeline(Readable.from(counted()), gunzip, () => raw.destroy());
      return gunzip;
    };
    const bytes = (await isGzip(absolute)) ? gunzipped() : counted();
    const text = decodeStream(bytes, spec.encoding ? ENCODING_NAMES[spec.encoding]! : "auto", (e) => (encoding = e));
    const declared = (spec.format as InputFormat | undefined) ?? formatFromName(absolute) ?? "auto";
    const delimiter = spec.delimiter ?? (absolute.toLowerCase().replace(/\.gz$/, "").endsWith(".tsv") ? "\t" : ",");
    const keepHeapDown = heapCeiling();
    const { mapping, source } = options;
    for await (const records of readRecords(text, declared, { delimiter, onFormat: (f) => (format = f) })) {
      keepHeapDown();
      const nowMs = Date.now();
      for (const r of records) {
        // Most records need no waiting: only a full batch hands work to the writer.
        const wait = session.addPrepared(prepareInput(kind, inputOf(r, mapping), source, nowMs));
        if (wait) await wait;
      }
      options.onProgress?.(bytesRead, session.counts);
    }
    const counts = await session.finish();
    const accepted = counts.inserted + counts.updated + counts.unchanged;
    if (accepted + counts.rejected !== counts.read) {
      throw new IngestError(`internal error: ${accepted} accepted + ${counts.rejected} rejected ≠ ${counts.read} read`);
    }
    await recordRun(db, run, "succeeded", counts);
    options.onProgress?.(bytesRead, counts);
    return { file: absolute, runId: run.runId, status: "succeeded", counts, elapsedMs: Date.now() - started, encoding, format };
  } catch (error) {
    const message = describe(error);
    try {
      await recordRun(db, run, "failed", session.counts, message);
    } catch {
      // ClickHouse is gone: the run stays "running" and the next load of this file marks it failed and resumes.
    }
    return {
      file: absolute,
      runId: run.runId,
      status: "failed",
      counts: session.counts,
      elapsedMs: Date.now() - started,
      encoding,
      format,
      error: message,
    };
  }
}

export async function fileSize(file: string): Promise<number> {
  return (await stat(file)).size;
}
