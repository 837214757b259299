import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadFile } from "../../jobs/ingest/load-file";
import { Mapping } from "../../jobs/ingest/mapping";
import { configFromEnv, Db } from "../../server/clickhouse/client";
import { sql, type Sql } from "../../server/clickhouse/sql";
import { findRuns } from "../../server/ingest/runs";
import { withTestDb } from "../helpers/test-db";

const db = withTestDb("ingest_resume");
const dir = mkdtempSync(path.join(tmpdir(), "si-ingest-resume-"));

/** `count` valid tickets with ids P<prefix>…, plus one reject every 1000 rows. */
function ticketFile(name: string, prefix: string, count: number): { file: string; valid: number } {
  let text = "id,created_at,status,priority,channel,subject,description\n";
  let valid = 0;
  for (let i = 0; i < count; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    if (i % 1000 === 999) text += `${prefix}${i},2025-02-${day}T10:00:00Z,open,P9,phone,bad priority,\n`;
    else {
      text += `${prefix}${i},2025-02-${day}T10:00:00Z,open,P2,phone,"subject ${i}, with a comma","第 ${i} 张工单的描述"\n`;
      valid++;
    }
  }
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return { file, valid };
}

async function num(statement: Sql): Promise<number> {
  return (await db.get().query("test", statement, z.object({ n: z.coerce.number() })))[0]!.n;
}

/** The table holds exactly the rows of one clean run: each id once in a FINAL read. */
async function expectExactly(prefix: string, valid: number): Promise<void> {
  const like = `${prefix}%`;
  expect(await num(sql`SELECT count() AS n FROM tickets FINAL WHERE id LIKE ${like}`)).toBe(valid);
  expect(await num(sql`SELECT uniqExact(id) AS n FROM tickets FINAL WHERE id LIKE ${like}`)).toBe(valid);
  expect(await num(sql`SELECT count() AS n FROM (SELECT id FROM tickets FINAL WHERE id LIKE ${like} GROUP BY id HAVING count() > 1)`)).toBe(0);
}

function cli(args: string[]): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const child = spawn(process.execPath, ["--import", "tsx", "jobs/cli.ts", ...args], {
    env: { ...process.env, CLICKHOUSE_DATABASE: db.get().config.database },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const done = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, out })),
  );
  return { child, done };
}

describe("kill -9 in the middle of a file, then run again", () => {
  it("leaves exactly the rows of one clean run, and records the killed run as failed", async () => {
    const { file, valid } = ticketFile("kill.csv", "K", 60_000);
    const first = cli(["ingest", "tickets", file, "--batch-size", "500"]);
    let stored = 0;
    const deadline = Date.now() + 60_000;
    while (stored < 2_000 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      stored = await num(sql`SELECT count() AS n FROM tickets WHERE id LIKE 'K%'`);
    }
    first.child.kill("SIGKILL");
    const killed = await first.done;
    expect(killed.signal).toBe("SIGKILL");
    // An insert the killed process had already sent still completes on the server: wait for the count to settle.
    let partial = -1;
    for (let previous = -2; partial !== previous; await new Promise((r) => setTimeout(r, 500))) {
      previous = partial;
      partial = await num(sql`SELECT count() AS n FROM tickets FINAL WHERE id LIKE 'K%'`);
    }
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(valid); // really cut in the middle

    const second = await cli(["ingest", "tickets", file, "--batch-size", "5000"]).done;
    expect(second.code).toBe(0); // rejected rows do not make the run fail
    expect(second.out).toMatch(/resuming 1 unfinished earlier run/);
    // What the killed run stored is found unchanged; the rest is inserted.
    const summary = /read 60,000, inserted ([\d,]+), updated 0, unchanged ([\d,]+), rejected 60 \(invalid_enum 60\)/.exec(second.out);
    expect(summary).not.toBeNull();
    const [inserted, unchanged] = [summary![1]!, summary![2]!].map((n) => Number(n.replace(/,/g, "")));
    expect(unchanged).toBe(partial);
    expect(inserted).toBe(valid - partial);
    await expectExactly("K", valid);

    const runs = await findRuns(db.get(), { kind: "tickets", contentHash: await hashOf(file) });
    expect(runs.map((r) => r.status).sort()).toEqual(["failed", "succeeded"]);
    expect(runs.find((r) => r.status === "failed")!.error).toMatch(/interrupted/);
  }, 120_000);
});

async function hashOf(file: string): Promise<string> {
  const { createHash } = await import("node:crypto");
  const { readFileSync } = await import("node:fs");
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** A Db that counts the writes that failed, to see that an outage was really hit. */
class CountingDb extends Db {
  failures = 0;
  override async insert(feature: string, table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    try {
      await super.insert(feature, table, rows);
    } catch (error) {
      this.failures++;
      throw error;
    }
  }

  override async query<T = Record<string, unknown>>(feature: string, statement: Sql, schema?: z.ZodType<T>): Promise<T[]> {
    try {
      return await super.query(feature, statement, schema);
    } catch (error) {
      this.failures++;
      throw error;
    }
  }
}

/** A TCP proxy to ClickHouse that the test can cut (connections refused and dropped) and restore. */
async function proxy(): Promise<{ url: string; cut: () => void; restore: () => Promise<void>; close: () => void }> {
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  let port = 0;
  const target = new URL(configFromEnv().url);
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const cut = () => {
    server.close();
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return { url: `http://127.0.0.1:${port}`, cut, restore: listen, close: cut };
}

describe("ClickHouse going away mid-run", () => {
  it("fails with a clear error after retrying; running again resumes to exactly one clean run", async () => {
    const { file, valid } = ticketFile("away.csv", "A", 30_000);
    const p = await proxy();
    const viaProxy = new Db({ ...db.get().config, url: p.url }, 1, 5_000);
    let cutAt = -1;
    const failed = await loadFile(viaProxy, "tickets", file, {
      mapping: Mapping.identity("tickets"),
      source: "test",
      batchSize: 2_000,
      batchRetries: 2,
      retryDelayMs: 100,
      onProgress: (_bytes, counts) => {
        if (cutAt < 0 && counts.inserted >= 2_000) {
          cutAt = counts.inserted;
          p.cut();
        }
      },
    });
    p.close();
    await viaProxy.close();
    expect(cutAt).toBeGreaterThan(0);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up|other side closed/);
    const partial = await num(sql`SELECT count() AS n FROM tickets FINAL WHERE id LIKE 'A%'`);
    expect(partial).toBeLessThan(valid);

    const resumed = await loadFile(db.get(), "tickets", file, { mapping: Mapping.identity("tickets"), source: "test", batchSize: 5_000 });
    expect(resumed.status).toBe("succeeded");
    expect(resumed.counts.unchanged).toBe(partial);
    expect(resumed.counts.inserted).toBe(valid - partial);
    await expectExactly("A", valid);
    const runs = await findRuns(db.get(), { kind: "tickets", contentHash: await hashOf(file) });
    expect(runs.find((r) => r.run_id === failed.runId)?.status).toBe("failed");
  }, 120_000);

  it("rides out a short outage: retries with backoff and finishes the run", async () => {
    const { file, valid } = ticketFile("blip.csv", "B", 10_000);
    const p = await proxy();
    const viaProxy = new CountingDb({ ...db.get().config, url: p.url }, 1, 5_000);
    let cut = false;
    const result = await loadFile(viaProxy, "tickets", file, {
      mapping: Mapping.identity("tickets"),
      source: "test",
      batchSize: 1_000,
      batchRetries: 4,
      retryDelayMs: 200,
      onProgress: (_bytes, counts) => {
        if (!cut && counts.inserted >= 1_000) {
          cut = true;
          p.cut();
          setTimeout(() => void p.restore(), 400);
        }
      },
    });
    p.close();
    await viaProxy.close();
    expect(cut).toBe(true);
    expect(viaProxy.failures).toBeGreaterThan(0);
    expect(result.status).toBe("succeeded");
    expect(result.counts.inserted + result.counts.unchanged).toBe(valid);
    await expectExactly("B", valid);
  }, 120_000);
});
