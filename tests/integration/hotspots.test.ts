import { beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../jobs/demo/load";
import { demoSpikes } from "../../jobs/demo/spikes";
import { addDays } from "../../server/kpi/filters";
import { hotspots, scoreHotspot } from "../../server/kpi/hotspots";
import { ticketRow } from "../fixtures/factories";
import { withTestDb } from "../helpers/test-db";

describe("hotspot scoring", () => {
  it("flags a small topic that jumps, not a big steady one, and never one below the minimum count", () => {
    const small = scoreHotspot("refund", 14, [2, 3, 2, 3]);
    expect(small.z).toBeCloseTo((14 - 2.5) / Math.sqrt(2.5), 10);
    expect(small.spike).toBe(true);
    expect(scoreHotspot("billing_invoice", 230, [200, 210, 190, 205]).spike).toBe(false);
    expect(scoreHotspot("outage", 8, [0, 0, 1, 0]).spike).toBe(false);
  });
});

describe("hotspots in ClickHouse", () => {
  const db = withTestDb("hotspots");
  const end = new Date("2026-06-30T00:00:00Z");

  beforeAll(async () => {
    await loadDemoData(db.get(), { scale: 0.3, seed: 11, end });
  });

  it("counts each topic per period in the configured timezone", async () => {
    // One extra ticket at 2026-01-07 23:30 Shanghai (15:30 UTC): in the range 01-01…01-07, not the next day.
    await db.get().insert("test", "tickets", [ticketRow({ id: "hx", created_at: "2026-01-07T15:30:00", category: "zz_probe" })]);
    const result = await hotspots(db.get(), { from: "2026-01-01", to: "2026-01-07" }, "Asia/Shanghai");
    expect(result.byGrowth.find((h) => h.topic === "zz_probe")).toMatchObject({ current: 1, baseline: [0, 0, 0, 0] });
  });

  it("ranks each planted demo spike first by growth in its week", async () => {
    for (const spike of demoSpikes(end)) {
      const week = { from: spike.start, to: addDays(spike.start, 6) };
      const result = await hotspots(db.get(), week, "Asia/Shanghai");
      const incident = demoSpikes(end).filter((s) => s.id === spike.id).map((s) => s.category);
      expect(incident, `${spike.id} week ${week.from}`).toContain(result.byGrowth[0]!.topic);
      expect(result.byGrowth[0]!.spike).toBe(true);
    }
  });
});
