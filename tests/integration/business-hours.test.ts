import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "../../server/clickhouse/sql";
import { businessSeconds, DEFAULT_SCHEDULE } from "../../server/kpi/business-hours";
import { loadBusinessHours } from "../../server/kpi/business-hours-config";
import { computeKpis } from "../../server/kpi/compute";
import { FIXTURE_AS_OF, FIXTURE_FILTER, FIXTURE_TIMEZONE, fixtureTickets } from "../fixtures/kpi-fixture";
import { withTestDb } from "../helpers/test-db";

const db = withTestDb("bh");
const schedule = { ...DEFAULT_SCHEDULE, holidays: ["2025-05-01"] };

async function seconds(fromIso: string, toIso: string): Promise<number> {
  const from = Date.parse(fromIso) / 1000;
  const to = Date.parse(toIso) / 1000;
  const [row] = await db.get().query("test", sql`SELECT ${businessSeconds(sql`${from}`, sql`${to}`, schedule)} AS s`);
  return Number(row!.s);
}

describe("business seconds (Asia/Shanghai, Mon–Fri 09:00–18:00, 2025-05-01 a holiday), computed by hand", () => {
  it("across midnight: Tue 17:00 → Wed 10:00 is 1 h + 1 h", async () => {
    expect(await seconds("2025-03-04T09:00:00Z", "2025-03-05T02:00:00Z")).toBe(7200);
  });
  it("across a weekend: Fri 17:30 → Mon 09:30 is 30 min + 30 min", async () => {
    expect(await seconds("2025-03-07T09:30:00Z", "2025-03-10T01:30:00Z")).toBe(3600);
  });
  it("across a holiday: Wed 17:00 → Fri 10:00 skips Thursday 1 May", async () => {
    expect(await seconds("2025-04-30T09:00:00Z", "2025-05-02T02:00:00Z")).toBe(7200);
  });
  it("inside a weekend, before opening, and backwards intervals count nothing", async () => {
    expect(await seconds("2025-03-08T02:00:00Z", "2025-03-08T05:00:00Z")).toBe(0);
    expect(await seconds("2025-03-10T00:00:00Z", "2025-03-10T00:30:00Z")).toBe(0);
    expect(await seconds("2025-03-10T00:00:00Z", "2025-03-10T01:15:00Z")).toBe(900);
    expect(await seconds("2025-03-10T05:00:00Z", "2025-03-10T04:00:00Z")).toBe(0);
  });
});

describe("KPIs on a business clock", () => {
  beforeAll(async () => {
    await db.get().insert("test.fixture", "tickets", fixtureTickets);
  });

  it("basic-tier tickets count business time only: FRT median 480 s, mean 2180 s; resolution p90 32400 s; SLA unchanged", async () => {
    const values = await computeKpis(db.get(), {
      filter: FIXTURE_FILTER,
      timezone: FIXTURE_TIMEZONE,
      fcrWindowDays: 7,
      asOf: FIXTURE_AS_OF,
      schedule: DEFAULT_SCHEDULE,
      clocks: { basic: "business", advanced: "calendar", enterprise: "calendar" },
    });
    const byId = Object.fromEntries(values.map((v) => [v.id, v]));
    expect(byId.frt!.n).toBe(9);
    expect(byId.frt!.value).toBe(480);
    expect(byId.frt!.extras.mean).toBeCloseTo(19620 / 9, 8);
    expect(byId.resolution!.value).toBe(7200);
    expect(byId.resolution!.extras.p90).toBe(32400);
    expect(byId.sla!.extras).toEqual({ achieved: 5, breached: 4 });
  });
});

describe("business-hours config file", () => {
  it("reads the schedule and clocks, and names the field when it is wrong", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "si-bh-"));
    const good = path.join(dir, "good.yaml");
    writeFileSync(good, "schedule:\n  timezone: Europe/Berlin\n  workdays: [1,2,3,4]\n  start: '08:00'\n  end: '16:30'\nclocks:\n  basic: business\n  advanced: calendar\n  enterprise: calendar\n");
    expect(loadBusinessHours(good)).toEqual({
      schedule: { timezone: "Europe/Berlin", workdays: [1, 2, 3, 4], start: "08:00", end: "16:30", holidays: [] },
      clocks: { basic: "business", advanced: "calendar", enterprise: "calendar" },
    });
    const bad = path.join(dir, "bad.yaml");
    writeFileSync(bad, "schedule:\n  timezone: Asia/Shanghai\n  workdays: [1]\n  start: '18:00'\n  end: '09:00'\n");
    expect(() => loadBusinessHours(bad)).toThrow(/^bad\.yaml: schedule\.end: start must be before end/);
    expect(loadBusinessHours(path.join(dir, "missing.yaml")).clocks.basic).toBe("calendar");
    expect(loadBusinessHours().schedule.timezone).toBe("Asia/Shanghai");
  });
});
