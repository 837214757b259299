import { describe, expect, it } from "vitest";
import { installServerPackage, SetupError } from "../../server/clickhouse/local-server";

describe("installing ClickHouse when it is missing", () => {
  it("stops with the exact instruction when it cannot install by itself", () => {
    for (const facts of [{ isRoot: false, hasApt: true }, { isRoot: true, hasApt: false }]) {
      let thrown: unknown;
      try {
        installServerPackage(() => {}, facts);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SetupError);
      expect((thrown as Error).message).toBe(
        "ClickHouse is not installed: run `sudo apt-get install -y clickhouse-server` (Debian/Ubuntu), or set CLICKHOUSE_URL to an existing server",
      );
    }
  });
});
