import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadDemoData } from "../../jobs/demo/load";
import { demoSpikes } from "../../jobs/demo/spikes";
import { loadConfig } from "../../jobs/nlp/config";
import { runNlpJob } from "../../jobs/nlp/job";
import { Tagger } from "../../jobs/nlp/tagger";
import type { Caller } from "../../server/auth/caller";
import { sql } from "../../server/clickhouse/sql";
import { addDays } from "../../server/kpi/filters";
import { hotspots, scoreHotspot } from "../../server/kpi/hotspots";
import { createCaller } from "../../server/routers/root";
import { findPii } from "../../server/text/pii";
import { testCaller } from "../helpers/callers";
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
    const result = await hotspots(db.get(), { filter: { from: "2026-01-01", to: "2026-01-07" }, timezone: "Asia/Shanghai" });
    expect(result.byGrowth.find((h) => h.topic === "zz_probe")).toMatchObject({ current: 1, baseline: [0, 0, 0, 0] });
  });

  it("ranks each planted demo spike first by growth in its week", async () => {
    for (const spike of demoSpikes(end)) {
      const week = { from: spike.start, to: addDays(spike.start, 6) };
      const result = await hotspots(db.get(), { filter: week, timezone: "Asia/Shanghai" });
      const incident = demoSpikes(end).filter((s) => s.id === spike.id).map((s) => s.category);
      expect(incident, `${spike.id} week ${week.from}`).toContain(result.byGrowth[0]!.topic);
      expect(result.byGrowth[0]!.spike).toBe(true);
    }
  });
});

describe("hotspot detail: trend, keywords, examples", () => {
  const db = withTestDb("hotspot_detail");
  const end = new Date("2026-06-30T00:00:00Z");
  const tz = "Asia/Shanghai";
  const caller = (who: Caller) => createCaller({ caller: who, db: db.get(), timezone: tz, fcrWindowDays: 7, now: () => new Date("2026-07-01T00:00:00Z") });
  const admin = () => caller(testCaller("admin"));
  // Fixture weeks long before the demo year, so no demo ticket falls in them.
  const week = { from: "2024-03-04", to: "2024-03-10" };

  function tagging(id: string, over: Record<string, unknown>): Record<string, unknown> {
    return {
      record_kind: "ticket",
      record_id: id,
      tagger_version: "vtest",
      language: "zh",
      sentiment: 0,
      sentiment_start: 0,
      sentiment_end: 0,
      utt_sentiment: [],
      keywords: [],
      topics: [],
      pii_kinds: [],
      redacted_text: [],
      compliance_misses: [],
      record_time: "2024-03-05 00:00:00",
      tagged_at: "2024-04-01 00:00:00",
      version: 1,
      ...over,
    };
  }

  beforeAll(async () => {
    await loadDemoData(db.get(), { scale: 0.05, seed: 5, end });
    await runNlpJob(db.get(), new Tagger(loadConfig()), { shard: { k: 0, n: 1 }, kinds: ["ticket"] });
    await db.get().insert("test", "tickets", [
      ticketRow({ id: "kw-1", created_at: "2024-03-05T02:00:00", category: "zz_kw", team: "T-A", subject: "无法登录，请回电 13812345678" }),
      ticketRow({ id: "kw-2", created_at: "2024-03-06T02:00:00", category: "zz_kw", team: "T-B", subject: "", description: "手机号 139 8765 4321 收不到短信" }),
      ticketRow({ id: "kw-3", created_at: "2024-03-07T02:00:00", category: "zz_kw", team: "T-A", subject: "still waiting" }),
      ticketRow({ id: "kw-base", created_at: "2024-02-20T02:00:00", category: "zz_kw", team: "T-A" }),
      // Moved to another topic by a newer version: its keywords are no longer this topic's.
      ticketRow({ id: "kw-moved", created_at: "2024-03-08T02:00:00", category: "zz_kw", team: "T-A", version: 1 }),
      ticketRow({ id: "kw-moved", created_at: "2024-03-08T02:00:00", category: "zz_other", team: "T-A", version: 2 }),
      ticketRow({ id: "other-1", created_at: "2024-03-05T03:00:00", category: "zz_other", team: "T-A" }),
    ]);
    await db.get().insert("test", "nlp_results", [
      // An earlier tagging (another tagger version) is superseded by the latest one.
      tagging("kw-1", { tagger_version: "vold", keywords: ["过时"], sentiment: -0.9, tagged_at: "2024-03-20 00:00:00" }),
      tagging("kw-1", { keywords: ["登录", "密码", "登录"], sentiment: -0.5 }),
      tagging("kw-2", { keywords: ["登录", "短信"], sentiment: 0.25 }),
      tagging("kw-base", { keywords: ["基线词"] }),
      tagging("kw-moved", { keywords: ["改类"] }),
      tagging("other-1", { keywords: ["账单"] }),
    ]);
  });

  it("keywords come only from the topic's records in the range (latest tagging, once per record); examples are the most recent, redacted", async () => {
    const detail = await admin().overview.hotspotDetail({ filter: week, topic: "zz_kw" });
    expect(detail.keywords).toEqual([
      { keyword: "登录", count: 2 },
      { keyword: "密码", count: 1 },
      { keyword: "短信", count: 1 },
    ]);
    expect(detail.tagged).toBe(2);
    expect(detail.grain).toBe("day");
    expect(detail.examples.map((e) => [e.id, e.team, e.sentiment])).toEqual([
      ["kw-3", "T-A", null],
      ["kw-2", "T-B", 0.25],
      ["kw-1", "T-A", -0.5],
    ]);
    expect(detail.examples.find((e) => e.id === "kw-1")).toMatchObject({ time: "2024-03-05 10:00:00", snippet: "无法登录，请回电 [PHONE]" });
    for (const e of detail.examples) {
      expect(e.snippet).not.toMatch(/13812345678|139 8765 4321/);
      expect(findPii(e.snippet)).toEqual([]);
    }
    const ranked = (await hotspots(db.get(), { filter: week, timezone: tz })).byVolume.find((h) => h.topic === "zz_kw")!;
    expect(ranked).toMatchObject({ current: 3, baseline: [0, 0, 1, 0] });
    expect(detail.score).toEqual(ranked);
    expect(detail.series.filter((b) => b.part === "range").reduce((a, b) => a + b.count, 0)).toBe(3);
    expect(detail.series.filter((b) => b.part === "baseline").reduce((a, b) => a + b.count, 0)).toBe(1);
  });

  it("a manager scoped to one team gets only that team's keywords and examples", async () => {
    const mine = await caller(testCaller("manager", { teamScope: ["T-A"] })).overview.hotspotDetail({ filter: { ...week, team: ["T-A", "T-B"] }, topic: "zz_kw" });
    expect(mine.examples.map((e) => e.id)).toEqual(["kw-3", "kw-1"]);
    expect(mine.keywords).toEqual([
      { keyword: "密码", count: 1 },
      { keyword: "登录", count: 1 },
    ]);
    expect(mine.score.current).toBe(2);
    const outside = await caller(testCaller("manager", { teamScope: ["T-C"] })).overview.hotspotDetail({ filter: week, topic: "zz_kw" });
    expect(outside).toMatchObject({ keywords: [], examples: [], tagged: 0, score: { current: 0 } });
  });

  it("on the demo data: the series adds up to the ranking's figures, daily and weekly, for the top topics", async () => {
    const spike = demoSpikes(end)[0]!;
    for (const filter of [{ from: spike.start, to: addDays(spike.start, 6) }, { from: "2026-04-01", to: "2026-06-30" }]) {
      const ranking = await admin().overview.hotspots(filter);
      for (const top of [...ranking.byGrowth.slice(0, 2), ...ranking.byVolume.slice(0, 2)]) {
        const detail = await admin().overview.hotspotDetail({ filter, topic: top.topic });
        expect(detail.grain).toBe(filter.from === spike.start ? "day" : "week");
        expect(detail.score, `${top.topic} ${filter.from}`).toEqual(top);
        expect(detail.series.filter((b) => b.part === "range").reduce((a, b) => a + b.count, 0)).toBe(top.current);
        expect(detail.series.filter((b) => b.part === "baseline").reduce((a, b) => a + b.count, 0)).toBe(top.baseline.reduce((a, b) => a + b, 0));
        // Tagged by the NLP job: keywords, and every example is the topic's, in the range, redacted.
        expect(detail.keywords.length).toBeGreaterThan(0);
        for (const k of detail.keywords) expect(k.count).toBeLessThanOrEqual(detail.tagged);
        expect(detail.tagged).toBe(top.current);
        expect(detail.examples).toHaveLength(5);
        const facts = await db.get().query(
          "test",
          sql`SELECT id, category, toString(toDate(created_at, ${tz})) AS day FROM tickets FINAL WHERE id IN (${sql.join(detail.examples.map((e) => sql`${e.id}`))})`,
          z.object({ id: z.string(), category: z.string(), day: z.string() }),
        );
        expect(facts).toHaveLength(5);
        for (const f of facts) {
          expect(f.category).toBe(top.topic);
          expect(f.day >= filter.from && f.day <= filter.to).toBe(true);
        }
        for (const e of detail.examples) expect(findPii(e.snippet)).toEqual([]);
      }
    }
  });

  it("scoped: equals the detail filtered to the manager's team, and every example is that team's", async () => {
    const filter = { from: "2026-04-01", to: "2026-06-30" };
    const team = (await admin().meta.dimensionValues()).team[0]!;
    const topic = (await admin().overview.hotspots({ ...filter, team: [team] })).byVolume[0]!.topic;
    const mine = await caller(testCaller("manager", { teamScope: [team] })).overview.hotspotDetail({ filter, topic });
    expect(mine).toEqual(await admin().overview.hotspotDetail({ filter: { ...filter, team: [team] }, topic }));
    expect(mine.examples.length).toBeGreaterThan(0);
    for (const e of mine.examples) expect(e.team).toBe(team);
  });

  it("refuses a topic that is not a bounded string", async () => {
    await expect(admin().overview.hotspotDetail({ filter: week, topic: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin().overview.hotspotDetail({ filter: week, topic: "x".repeat(201) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin().overview.hotspotDetail({ filter: week, topic: "\ud800" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await admin().overview.hotspotDetail({ filter: week, topic: "it's \\ 'odd'" })).examples).toEqual([]);
  });
});
