import { spawnSync } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** Runs the CLI as a user would and returns its exit code and output. */
function cli(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "jobs/cli.ts", ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  const stderr = result.stderr.split("\n").filter((l) => l.trim() && !/WARN\]|npm warn/.test(l));
  return { status: result.status, stderr };
}

describe("bad set-up gives a one-line error that names the fix", () => {
  let squatter: net.Server;
  let port = 0;
  beforeAll(async () => {
    // Something that is not ClickHouse holds the port.
    squatter = net.createServer((socket) => socket.end("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello"));
    await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", resolve));
    port = (squatter.address() as net.AddressInfo).port;
  });
  afterAll(() => squatter.close());

  it("the local server's port is taken by another program", () => {
    const { status, stderr } = cli(["ch", "start"], { SI_CLICKHOUSE_HTTP_PORT: String(port), SI_DATA_DIR: ".data/test-port" });
    expect(status).toBe(1);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(new RegExp(`^error: port ${port} is already used by another program: .*SI_CLICKHOUSE_HTTP_PORT`));
  });

  it("CLICKHOUSE_URL points at nothing", () => {
    const { status, stderr } = cli(["migrate"], { CLICKHOUSE_URL: "http://127.0.0.1:9" });
    expect(status).toBe(1);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^error: cannot use ClickHouse at http:\/\/127\.0\.0\.1:9 .*check CLICKHOUSE_URL/);
  });

  it("CLICKHOUSE_URL points at something that is not ClickHouse", () => {
    const { status, stderr } = cli(["migrate"], { CLICKHOUSE_URL: `http://127.0.0.1:${port}` });
    expect(status).toBe(1);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^error: cannot use ClickHouse at .*check CLICKHOUSE_URL/);
  });

  it("CLICKHOUSE_URL is not a URL", () => {
    const { status, stderr } = cli(["migrate"], { CLICKHOUSE_URL: "not a url" });
    expect(status).toBe(1);
    expect(stderr).toEqual([expect.stringMatching(/^error: environment variable CLICKHOUSE_URL is invalid/)]);
  });

  it("wrong credentials for an existing server", () => {
    const { status, stderr } = cli(["migrate"], {
      // The server this run uses, with a user it does not have.
      CLICKHOUSE_URL: process.env.CLICKHOUSE_URL ?? `http://127.0.0.1:${process.env.SI_CLICKHOUSE_HTTP_PORT ?? 18123}`,
      CLICKHOUSE_USER: "nobody",
      CLICKHOUSE_PASSWORD: "x",
    });
    expect(status).toBe(1);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(/^error: cannot use ClickHouse at .*CLICKHOUSE_USER/);
  });
});
