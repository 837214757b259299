import { describe, expect, it } from "vitest";
import { IdSet } from "../../server/ingest/id-set";

describe("IdSet", () => {
  it("finds every repeated id with the line of its first appearance, across growth", () => {
    const set = new IdSet(16);
    let falseHits = 0;
    for (let i = 0; i < 200_000; i++) if (set.addOrGet(`T${i}`, i + 2) !== null) falseHits++;
    expect(falseHits).toBe(0);
    expect(set.size).toBe(200_000);
    expect(set.addOrGet("T0", 999_999)).toBe(2);
    expect(set.addOrGet("T199999", 999_999)).toBe(200_001);
    expect(set.addOrGet("工单-1", 5)).toBeNull();
    expect(set.addOrGet("工单-1", 6)).toBe(5);
  });
});
