/**
 * `npm run bench:ingest -- [--rows N] [--gb G] [--skip-conversations]`: loading throughput.
 *
 * 1. One generated ticket CSV (1M rows by default) loaded twice into an emptied `tickets`
 *    table: once by `clickhouse-client … FORMAT CSVWithNames` (the floor: no validation, no
 *    idempotency), once by `npm run ingest` (validation, duplicate and stored-row checks,
 *    run records); both as child processes, timed from start to exit.
 * 2. A generated JSON Lines file of conversations with transcripts (1 GB by default):
 *    conversations/s and the loader's peak RSS (memory must stay flat however big the file).
 * Files are generated once into .data/bench/ and reused; the bench uses database si_bench_ingest.
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, openSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ensureSchema } from "../server/clickhouse/ensure";
import { clientCommand } from "../server/clickhouse/local-server";
import { sql } from "../server/clickhouse/sql";
import { env } from "../server/env";
import { reportBenchmark } from "./results-file";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const Args = z.object({
  rows: z.coerce.number().int().min(1).default(1_000_000),
  gb: z.coerce.number().positive().max(100).default(1),
});
const parsedArgs = Args.safeParse({ rows: flag("--rows"), gb: flag("--gb") });
if (!parsedArgs.success) {
  const issue = parsedArgs.error.issues[0]!;
  console.error(`error: --${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}
const { rows, gb: gigabytes } = parsedArgs.data;
const skipConversations = args.includes("--skip-conversations");
const database = "si_bench_ingest";
const dir = path.resolve(".data", "bench");
mkdirSync(dir, { recursive: true });

/** A small deterministic generator (mulberry32): the same files on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const pad = (n: number) => String(n).padStart(2, "0");
const stamp = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

const TICKET_COLUMNS = [
  "id", "created_at", "first_response_at", "resolved_at", "closed_at", "status", "priority", "sla_tier", "channel",
  "category", "subject", "description", "team", "agent", "customer_id", "region", "product", "language",
  "reopen_count", "escalation_level", "tags", "source", "version",
];

async function write(file: string, lines: () => Generator<string>): Promise<void> {
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp, { highWaterMark: 1 << 20 });
  let buffer = "";
  for (const line of lines()) {
    buffer += line;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once("drain", () => r()));
      buffer = "";
    }
  }
  out.write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  renameSync(tmp, file);
}

/** Tickets as CSV that both loaders read: table column order, `\N` for NULL, arrays as ['a','b']. */
function* ticketLines(count: number): Generator<string> {
  const r = rng(7);
  const start = Date.UTC(2025, 0, 1);
  yield TICKET_COLUMNS.join(",") + "\n";
  const subjects = ["发票金额不对", "Cannot log in", "退款进度查询", "Order not delivered, please check", "宽带断线", "App crashes on start"];
  for (let i = 0; i < count; i++) {
    const created = start + Math.floor(r() * 300 * 86_400_000);
    const responded = r() < 0.9 ? created + Math.floor(r() * 7200_000) : null;
    const resolved = responded !== null && r() < 0.8 ? responded + Math.floor(r() * 86_400_000) : null;
    const subject = pick(r, subjects);
    const tags = r() < 0.3 ? "\"['vip','billing']\"" : "[]";
    yield [
      `T${String(i).padStart(9, "0")}`,
      stamp(created),
      responded === null ? "\\N" : stamp(responded),
      resolved === null ? "\\N" : stamp(resolved),
      "\\N",
      resolved === null ? "open" : "resolved",
      pick(r, ["P0", "P1", "P2", "P2", "P3"]),
      pick(r, ["basic", "advanced", "enterprise"]),
      pick(r, ["phone", "chat", "wechat", "email", "web"]),
      pick(r, ["billing", "login", "delivery", "network", "refund"]),
      subject.includes(",") ? `"${subject}"` : subject,
      `"Customer wrote about ${subject}, ticket ${i}; 客户来电反映问题，已记录。"`,
      pick(r, ["L1-zh", "L1-en", "L2-zh", "billing"]),
      `agent${Math.floor(r() * 400)}`,
      `C${Math.floor(r() * 200_000)}`,
      pick(r, ["cn-east-1", "cn-north-2", "ap-southeast-1"]),
      pick(r, ["ECS", "OSS", "CDN", "RDS"]),
      pick(r, ["zh", "en"]),
      String(r() < 0.05 ? 1 : 0),
      pick(r, ["L1", "L1", "L1", "L2", "L3"]),
      tags,
      "bench",
      "1",
    ].join(",") + "\n";
  }
}

/** Conversations with transcripts as JSON Lines, until the file reaches `bytes`. */
function* conversationLines(bytes: number): Generator<string> {
  const r = rng(11);
  const start = Date.UTC(2025, 0, 1);
  const phrases = [
    "您好，这里是客服中心，请问有什么可以帮您？",
    "我的宽带从昨天开始就断断续续的，已经影响工作了。",
    "非常抱歉给您带来不便，请提供一下您的账号，我帮您查询。",
    "Hello, I was charged twice for the same invoice this month.",
    "I understand, let me check the billing records for you right away.",
    "好的，已经为您提交工单，技术人员会在两小时内联系您。",
  ];
  let written = 0;
  for (let i = 0; written < bytes; i++) {
    const started = start + Math.floor(r() * 300 * 86_400_000);
    const n = 8 + Math.floor(r() * 24);
    const utterances = [];
    let t = 0;
    for (let k = 0; k < n; k++) {
      const len = 1500 + Math.floor(r() * 6000);
      utterances.push({ speaker: k % 2 === 0 ? "agent" : "customer", start_ms: t, end_ms: t + len, text: pick(r, phrases) });
      t += len + Math.floor(r() * 2000);
    }
    const line =
      JSON.stringify({
        id: `CV${String(i).padStart(9, "0")}`,
        channel: pick(r, ["phone", "chat", "wechat"]),
        started_at: new Date(started).toISOString(),
        answered_at: new Date(started + 20_000).toISOString(),
        ended_at: new Date(started + 20_000 + t).toISOString(),
        queue: "zh-general",
        team: "L1-zh",
        agent: `agent${Math.floor(r() * 400)}`,
        customer_id: `C${Math.floor(r() * 200_000)}`,
        language: "zh",
        wait_seconds: 20,
        talk_seconds: Math.round(t / 1000),
        utterances,
      }) + "\n";
    written += Buffer.byteLength(line);
    yield line;
  }
}

interface ChildResult {
  ms: number;
  code: number;
  maxRssKb: number;
  output: string;
}

/** Runs a command under /usr/bin/time (for its peak RSS), stdin from a file when given. */
function run(command: string, argv: string[], options: { stdinFile?: string; env?: Record<string, string> } = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const stdin = options.stdinFile ? openSync(options.stdinFile, "r") : "ignore";
    const child = spawn("/usr/bin/time", ["-f", "MAXRSS %M", command, ...argv], {
      stdio: [stdin, "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const rss = /MAXRSS (\d+)/.exec(output);
      resolve({ ms: performance.now() - started, code: code ?? -1, maxRssKb: Number(rss?.[1] ?? 0), output });
    });
  });
}

const { db } = await ensureSchema({ database });
const count = async (table: "tickets" | "conversations") =>
  (await db.query("bench", sql`SELECT count() AS n FROM ${sql.ident(table, ["tickets", "conversations"])} FINAL`, z.object({ n: z.coerce.number() })))[0]!.n;
const empty = async () => {
  const tables = ["tickets", "conversations", "ingest_runs", "ingest_rejects"] as const;
  for (const t of tables) await db.exec("bench", sql`TRUNCATE TABLE ${sql.ident(t, tables)}`);
};
const childEnv = { CLICKHOUSE_DATABASE: database };
const cli = (argv: string[]) => run(process.execPath, ["--import", "tsx", "jobs/cli.ts", ...argv], { env: childEnv });

const ticketsFile = path.join(dir, `tickets-${rows}.csv`);
if (!existsSync(ticketsFile)) {
  console.log(`generating ${ticketsFile} …`);
  await write(ticketsFile, () => ticketLines(rows));
}
const ticketBytes = statSync(ticketsFile).size;

await empty();
const client = clientCommand((line) => console.log(line));
const reference = await run(client.command, [
  ...client.args,
  "--port", String(env().SI_CLICKHOUSE_TCP_PORT), "--database", database,
  "--query", `INSERT INTO tickets (${TICKET_COLUMNS.join(", ")}) FORMAT CSVWithNames`,
], { stdinFile: ticketsFile });
if (reference.code !== 0) throw new Error(`clickhouse-client failed: ${reference.output}`);
const referenceRows = await count("tickets");

await empty();
const ours = await cli(["ingest", "tickets", ticketsFile, "--force"]);
if (ours.code !== 0) throw new Error(`ingest failed: ${ours.output}`);
const oursRows = await count("tickets");
console.log(ours.output.trim());

const clientRate = rows / (reference.ms / 1000);
const ourRate = rows / (ours.ms / 1000);
const figures: Record<string, unknown> = {
  tickets_file: { rows, mb: Math.round(ticketBytes / 1e6) },
  clickhouse_client: { seconds: +(reference.ms / 1000).toFixed(2), rows_per_s: Math.round(clientRate), rows_stored: referenceRows },
  ingest_tickets: { seconds: +(ours.ms / 1000).toFixed(2), rows_per_s: Math.round(ourRate), rows_stored: oursRows, peak_rss_mb: Math.round(ours.maxRssKb / 1024) },
  ratio_ours_to_clickhouse_client: +(ourRate / clientRate).toFixed(3),
  ratio_goal: 0.5,
};

if (!skipConversations) {
  const conversationsFile = path.join(dir, `conversations-${gigabytes}gb.jsonl`);
  if (!existsSync(conversationsFile)) {
    console.log(`generating ${conversationsFile} …`);
    await write(conversationsFile, () => conversationLines(gigabytes * 1e9));
  }
  await empty();
  const conv = await cli(["ingest", "conversations", conversationsFile, "--force"]);
  if (conv.code !== 0) throw new Error(`ingest failed: ${conv.output}`);
  console.log(conv.output.trim());
  const stored = await count("conversations");
  figures.ingest_conversations = {
    file_mb: Math.round(statSync(conversationsFile).size / 1e6),
    conversations: stored,
    seconds: +(conv.ms / 1000).toFixed(2),
    conversations_per_s: Math.round(stored / (conv.ms / 1000)),
    peak_rss_mb: Math.round(conv.maxRssKb / 1024),
    peak_rss_goal_mb: 300,
  };
}

await empty();
await db.close();
reportBenchmark("ingest", figures);
