/** A worker thread of runNlpWorkers: runs the job on its sub-shard and reports back. */
import { parentPort, workerData } from "node:worker_threads";
import { Db } from "../../server/clickhouse/client";
import { runNlpJob } from "./job";
import { Tagger } from "./tagger";
import type { WorkerMessage, WorkerTask } from "./workers";

const task = workerData as WorkerTask;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const db = new Db(task.clickhouse);
try {
  const stats = await runNlpJob(db, new Tagger(task.config), { ...task.options, log: (line) => post({ type: "log", line }) });
  post({ type: "done", stats });
} finally {
  await db.close();
}
