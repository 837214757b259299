/**
 * The tagging job on several threads. Tagging is CPU-bound JavaScript, so one thread uses one
 * core however fast ClickHouse is; W workers inside shard k/N take sub-shards k + N·w of N·W
 * (w = 0…W−1), which together are exactly the records of k/N.
 */
import { Worker } from "node:worker_threads";
import type { ClickHouseConfig } from "../../server/clickhouse/client";
import type { NlpConfig } from "./config";
import type { JobOptions, JobStats } from "./job";
import type { Shard } from "./records";

/** What a worker thread is given: plain data, cloned into the thread. */
export interface WorkerTask {
  clickhouse: ClickHouseConfig;
  config: NlpConfig;
  options: Omit<JobOptions, "log">;
}

export type WorkerMessage = { type: "log"; line: string } | { type: "done"; stats: JobStats };

export function subShards(shard: Shard, workers: number): Shard[] {
  return Array.from({ length: workers }, (_, w) => ({ k: shard.k + shard.n * w, n: shard.n * workers }));
}

/** `limit` records per kind shared out so that the workers' limits add up to it. */
export function splitLimit(limit: number | undefined, workers: number): (number | undefined)[] {
  return Array.from({ length: workers }, (_, w) => (limit === undefined ? undefined : Math.floor(limit / workers) + (w < limit % workers ? 1 : 0)));
}

export async function runNlpWorkers(clickhouse: ClickHouseConfig, config: NlpConfig, options: JobOptions & { workers: number }): Promise<JobStats> {
  const { workers: count, log = () => {}, ...jobOptions } = options;
  const started = performance.now();
  const shards = subShards(options.shard, count);
  const limits = splitLimit(options.limit, count);
  const threads = shards.map((shard, w) => {
    const task: WorkerTask = { clickhouse, config, options: { ...jobOptions, shard, limit: limits[w] } };
    return new Worker(new URL("./worker-thread.mjs", import.meta.url), { workerData: task });
  });
  const finished = threads.map(
    (thread, w) =>
      new Promise<JobStats>((resolve, reject) => {
        let stats: JobStats | undefined;
        thread.on("message", (m: WorkerMessage) => {
          if (m.type === "log") log(`[worker ${w + 1}/${count}] ${m.line}`);
          else stats = m.stats;
        });
        thread.on("error", reject);
        thread.on("exit", (code) => (stats ? resolve(stats) : reject(new Error(`NLP worker ${w + 1}/${count} stopped (exit code ${code}) before it finished`))));
      }),
  );
  let all: JobStats[];
  try {
    all = await Promise.all(finished);
  } catch (error) {
    await Promise.all(threads.map((t) => t.terminate()));
    throw error;
  }
  const sum = (of: (s: JobStats) => number) => all.reduce((total, s) => total + of(s), 0);
  return {
    tagged: { conversation: sum((s) => s.tagged.conversation), ticket: sum((s) => s.tagged.ticket), survey: sum((s) => s.tagged.survey) },
    flags: sum((s) => s.flags),
    chars: sum((s) => s.chars),
    seconds: (performance.now() - started) / 1000,
    tagSeconds: sum((s) => s.tagSeconds),
  };
}
