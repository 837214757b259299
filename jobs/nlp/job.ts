/** The tagging job: every record not yet tagged by the current tagger version, batch by batch. */
import type { Db } from "../../server/clickhouse/client";
import { formatDateTime } from "../../server/clickhouse/sql";
import { countPending, loadRecords, nextIds, RECORD_KINDS, resultRows, writeResults, type Cursor, type LoadedRecord, type Shard } from "./records";
import type { RecordKind, Tagger } from "./tagger";

const PAGE_BATCHES = 20;
const YIELD_EVERY = 50;

export interface JobOptions {
  shard: Shard;
  kinds?: readonly RecordKind[];
  batchSize?: number;
  /** Stop after this many records per kind (for benchmarks and trials). */
  limit?: number;
  log?: (line: string) => void;
}

export interface JobStats {
  tagged: Record<RecordKind, number>;
  flags: number;
  chars: number;
  seconds: number;
  /** Time spent in the tagger itself, without ClickHouse (summed over threads when there are several). */
  tagSeconds: number;
}

export async function runNlpJob(db: Db, tagger: Tagger, options: JobOptions): Promise<JobStats> {
  const log = options.log ?? (() => {});
  const batchSize = options.batchSize ?? 1000;
  const started = performance.now();
  const stats: JobStats = { tagged: { conversation: 0, ticket: 0, survey: 0 }, flags: 0, chars: 0, seconds: 0, tagSeconds: 0 };
  const version = tagger.version;
  for (const kind of options.kinds ?? RECORD_KINDS) {
    const total = Math.min(await countPending(db, kind, version, options.shard), options.limit ?? Infinity);
    if (total === 0) {
      log(`${kind}s: nothing to tag for ${version} (shard ${options.shard.k}/${options.shard.n})`);
      continue;
    }
    log(`${kind}s: ${total} to tag for ${version} (shard ${options.shard.k}/${options.shard.n})`);
    const kindStart = performance.now();
    let lastReport = kindStart;
    let done = 0;
    let fetched = 0;
    // Reading the next batch and writing the last one overlap with tagging this one: ClickHouse
    // works in its own process meanwhile. The (time, id) cursor, not the anti-join, keeps batches
    // apart, so a batch read before the previous one is written never overlaps it.
    // Ids come a page of many batches at a time: each nextIds query anti-joins everything still
    // pending, so asking per batch made ClickHouse's work grow with the square of the job.
    type Batch = { ids: Cursor[]; records: LoadedRecord[] };
    let page: Cursor[] = [];
    let pageAt = 0;
    const fetch = async (): Promise<Batch> => {
      if (pageAt >= page.length) {
        const after = page.length ? page[page.length - 1]! : null;
        page = await nextIds(db, kind, version, options.shard, after, Math.min(batchSize * PAGE_BATCHES, total - fetched));
        pageAt = 0;
      }
      const ids = page.slice(pageAt, pageAt + batchSize);
      pageAt += ids.length;
      fetched += ids.length;
      return { ids, records: await loadRecords(db, kind, ids, tagger.config.flags.repeat_contact_days) };
    };
    let pending: Promise<Batch> | null = fetch();
    let writing: Promise<void> = Promise.resolve();
    while (pending) {
      const batch: Batch = await pending;
      const { ids, records } = batch;
      if (ids.length === 0) break;
      pending = fetched < total ? fetch() : null;
      pending?.catch(() => {}); // awaited on the next turn; this only keeps Node from calling it unhandled meanwhile
      let t0 = performance.now();
      const taggedAt = formatDateTime(new Date());
      const rowVersion = Date.now();
      const results: string[] = [];
      const flags: string[] = [];
      for (let r = 0; r < records.length; r++) {
        // Tagging is synchronous: without a pause now and then, the next batch's queries and the
        // last batch's insert would only move on between batches, and the overlap would be lost.
        if (r % YIELD_EVERY === YIELD_EVERY - 1) {
          stats.tagSeconds += (performance.now() - t0) / 1000;
          await new Promise(setImmediate);
          t0 = performance.now();
        }
        const record = records[r]!;
        const out = tagger.tag(record.input);
        for (const u of record.input.utterances) stats.chars += u.text.length;
        const rows = resultRows(kind, version, record, out, taggedAt, rowVersion);
        results.push(rows.result);
        flags.push(...rows.flags);
      }
      stats.tagSeconds += (performance.now() - t0) / 1000;
      await writing;
      writing = writeResults(db, results, flags);
      writing.catch(() => {});
      done += ids.length;
      stats.tagged[kind] += records.length;
      stats.flags += flags.length;
      const now = performance.now();
      if (now - lastReport > 2000 || done >= total) {
        const rate = done / ((now - kindStart) / 1000);
        log(`${kind}s: ${done}/${total} (${Math.round((100 * done) / total)} %, ${Math.round(rate)}/s)`);
        lastReport = now;
      }
    }
    await writing;
  }
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}
