import { mkdirSync, readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../jobs/demo/load";
import { loadConfig } from "../../jobs/nlp/config";
import { runNlpJob } from "../../jobs/nlp/job";
import { Tagger } from "../../jobs/nlp/tagger";
import { createUser } from "../../server/auth/users";
import { sql } from "../../server/clickhouse/sql";
import { env } from "../../server/env";
import { createCaller } from "../../server/routers/root";
import { testCaller } from "../helpers/callers";
import { startAppServer } from "../helpers/app-server";
import { launchChromium, signInThroughForm } from "../helpers/browser";
import { withTestDb } from "../helpers/test-db";

const SCREENSHOTS = "tests/e2e/screenshots";
// Queries run on a 2-core machine next to the build; give polled UI changes time to land.
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const KPI_IDS = ["nps", "csat", "fcr", "frt", "aht", "sla"];
const ALL_KPIS = 16;

const db = withTestDb("e2e");
const MANAGER = { email: "mia@example.com", password: "e2e-manager-password" };
let app: Awaited<ReturnType<typeof startAppServer>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await loadDemoData(db.get(), { scale: 0.05, seed: 7, end: new Date("2026-06-30T00:00:00Z") });
  await runNlpJob(db.get(), new Tagger(loadConfig()), { shard: { k: 0, n: 1 }, kinds: ["conversation"] });
  app = await startAppServer({ CLICKHOUSE_DATABASE: db.get().config.database });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await createUser(db.get(), { email: MANAGER.email, password: MANAGER.password, role: "manager", displayName: "Mia Manager" });
  await signInThroughForm(page, app.url, MANAGER.email, MANAGER.password);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/**
 * Clicks a download link and returns the saved file. Chromium on a loaded 2-core machine has
 * now and then reported a download as canceled; one more click is what a person would do.
 */
async function download(link: Locator): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const [started] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const failure = await started.failure();
    if (!failure) return started.path();
    if (attempt === 2) throw new Error(`download failed twice: ${failure}`);
  }
}

async function cardTexts(): Promise<Record<string, { value: string; n: string }>> {
  const out: Record<string, { value: string; n: string }> = {};
  for (const id of KPI_IDS) {
    const card = page.getByTestId(`kpi-card-${id}`);
    out[id] = { value: (await card.getByTestId("kpi-value").innerText()).trim(), n: (await card.getByTestId("kpi-n").innerText()).trim() };
  }
  return out;
}

describe("overview in a real browser", () => {
  it("shows six KPI cards with numbers and sample sizes read from ClickHouse", async () => {
    await page.goto(app.url);
    await page.getByTestId("kpi-card-nps").waitFor();
    expect(await page.locator("[data-testid^=kpi-card-]").count()).toBe(ALL_KPIS);
    for (const value of await page.getByTestId("kpi-value").allInnerTexts()) expect(value).toMatch(/\d/);
    const cards = await cardTexts();
    for (const id of KPI_IDS) {
      expect(cards[id]!.value, id).toMatch(/\d/);
      expect(cards[id]!.n, id).toMatch(/^n = [1-9][\d,]*/);
    }
    // The default range is the last 30 days of data.
    expect(await page.locator("input[name=from]").inputValue()).toBe("2026-06-01");
    expect(await page.locator("input[name=to]").inputValue()).toBe("2026-06-30");
    await page.locator('section[aria-label="Ticket volume by day and channel"] canvas').waitFor();
    await page.locator('section[aria-label="KPI trend"] canvas').waitFor();
    // The trend chart draws its n bars (#cbd5e1, components/charts/trend-option.ts) once its data is there.
    await poll(() =>
      page.locator('section[aria-label="KPI trend"] canvas').evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
        let barPixels = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (Math.abs(data[i]! - 203) < 4 && Math.abs(data[i + 1]! - 213) < 4 && Math.abs(data[i + 2]! - 225) < 4) barPixels++;
        }
        return barPixels;
      }),
    ).toBeGreaterThan(500);
    await page.getByTestId("hotspots").locator("tbody tr").first().waitFor();
    // Every card has its sparkline (inline SVG, one point a day), drawn where the KPI has data.
    expect(await page.getByTestId("sparkline").count()).toBe(ALL_KPIS);
    for (const id of KPI_IDS) {
      const line = page.getByTestId(`kpi-card-${id}`).getByTestId("sparkline");
      expect(Number(await line.getAttribute("data-points")), id).toBeGreaterThan(1);
      expect(await line.locator("path").getAttribute("d"), id).toMatch(/^M[\d.]+ [\d.]+ L/);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/overview.png`, fullPage: true });
  });

  it("changing a filter updates the cards and the shareable URL", async () => {
    const before = await cardTexts();
    await page.getByRole("button", { name: "Last 7 days" }).click();
    await poll(() => page.url()).toContain("from=2026-06-24");
    await poll(async () => (await cardTexts()).csat!.n).not.toBe(before.csat!.n);

    const weekly = await cardTexts();
    await page.locator("select[name=channel]").selectOption("phone");
    await poll(() => page.url()).toContain("channel=phone");
    await poll(async () => (await cardTexts()).aht!.n).not.toBe(weekly.aht!.n);
    await page.screenshot({ path: `${SCREENSHOTS}/overview-filtered.png`, fullPage: true });

    // The shared link opens the same view for a colleague, after their sign-in.
    const shared = page.url();
    const other = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await other.goto(shared);
    expect(new URL(other.url()).pathname).toBe("/sign-in");
    await other.locator("input[name=email]").fill(MANAGER.email);
    await other.locator("input[name=password]").fill(MANAGER.password);
    await Promise.all([other.waitForURL(shared), other.getByTestId("sign-in-submit").click()]);
    await other.getByTestId("kpi-card-aht").waitFor();
    expect(await other.getByTestId("kpi-card-aht").getByTestId("kpi-n").innerText()).toBe(
      await page.getByTestId("kpi-card-aht").getByTestId("kpi-n").innerText(),
    );
    expect(await other.locator("select[name=channel]").inputValue()).toBe("phone");
    await other.close();
  });

  it("clicking a card lists exactly its records, and both exports hold one row per record", async () => {
    await page.goto(app.url);
    const card = page.getByTestId("kpi-card-sla");
    const n = Number((await card.getByTestId("kpi-n").innerText()).match(/n = ([\d,]+)/)![1]!.replace(/,/g, ""));
    expect(n).toBeGreaterThan(0);
    await card.click();
    const panel = page.getByTestId("drill-panel");
    await poll(() => panel.getByTestId("drill-total").innerText()).toMatch(new RegExp(`^${n.toLocaleString("en-US")} records`));
    expect(page.url()).toContain("drill=sla");
    expect(await panel.locator("tbody tr").count()).toBe(Math.min(n, 50));
    await page.screenshot({ path: `${SCREENSHOTS}/drilldown.png`, fullPage: true });

    // Sorting by a column re-orders the list.
    await panel.getByRole("button", { name: /^Ticket/ }).click();
    await poll(() => panel.locator("th[aria-sort=descending]").innerText()).toMatch(/Ticket/);

    const csvPath = await download(panel.getByTestId("export-csv"));
    const csvText = readFileSync(csvPath, "utf8");
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const csvBook = new ExcelJS.Workbook();
    const csvSheet = await csvBook.csv.readFile(csvPath);
    expect(csvSheet.actualRowCount).toBe(n + 1);
    expect(String(csvSheet.getRow(1).getCell(2).value)).toBe("Created (Asia/Shanghai)");
    const states = new Set<string>();
    csvSheet.eachRow((row, i) => {
      if (i > 1) states.add(String(row.getCell(row.cellCount).value));
    });
    expect([...states].sort()).toEqual(["achieved", "breached"]);

    const xlsxPath = await download(panel.getByTestId("export-xlsx"));
    const xlsxBook = new ExcelJS.Workbook();
    await xlsxBook.xlsx.readFile(xlsxPath);
    const sheet = xlsxBook.worksheets[0]!;
    expect(sheet.actualRowCount).toBe(n + 1);
    const ids = new Set<string>();
    sheet.eachRow((row, i) => {
      if (i > 1) ids.add(String(row.getCell(1).value));
    });
    expect(ids.size).toBe(n);

    // Both exports are in the audit log, under the manager who made them.
    const exports = await db.get().query("test", sql`SELECT actor_role, target, detail FROM audit_log WHERE action = 'export' ORDER BY at`);
    expect(exports.map((e) => [e.actor_role, e.target, JSON.parse(String(e.detail)).format])).toEqual([
      ["manager", "sla", "csv"],
      ["manager", "sla", "xlsx"],
    ]);
  });

  it("clicking a bar of the volume chart lists that day's tickets of that channel", async () => {
    await page.goto(app.url);
    const canvas = page.locator('section[aria-label="Ticket volume by day and channel"] canvas');
    // Panels above it load on their own; measure the chart once the layout has settled.
    await page.getByTestId("hotspots").locator("tbody tr").first().waitFor();
    await page.getByTestId("sla-matrix").locator("td button").first().waitFor();
    await canvas.waitFor();
    await canvas.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const box = (await canvas.boundingBox())!;
    // Grid: 48 px left, 16 px right, 28 px bottom (components/charts/volume-option.ts); 30 days.
    const day = 15;
    await page.mouse.click(box.x + 48 + ((day + 0.5) * (box.width - 64)) / 30, box.y + box.height - 31);
    const panel = page.getByTestId("drill-panel");
    await panel.getByTestId("drill-total").waitFor();
    const title = await panel.locator("h2").innerText();
    const [, date, channel] = title.match(/^Tickets on (\d{4}-\d{2}-\d{2}) · via (\w+)/)!;
    expect(date).toBe("2026-06-16");
    const rows = await panel.locator("tbody tr").all();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const cells = await row.locator("td").allInnerTexts();
      expect(cells[1]!.startsWith(date!)).toBe(true);
      expect(cells[2]).toBe(channel);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/drilldown-chart.png`, fullPage: true });
  });

  it("clicking a bar of the FRT distribution lists exactly that bucket's tickets", async () => {
    // The bars as the server computes them for the default range (the last 30 days of data).
    const server = createCaller({
      caller: testCaller("manager"),
      db: db.get(),
      timezone: env().SI_TIMEZONE,
      fcrWindowDays: env().SI_FCR_WINDOW_DAYS,
      now: () => new Date(),
    });
    const bars = await server.overview.frtBuckets({ from: "2026-06-01", to: "2026-06-30" });
    const tallest = bars.reduce((best, b, i) => (b.n > bars[best]!.n ? i : best), 0);
    expect(bars[tallest]!.n).toBeGreaterThan(0);

    await page.goto(app.url);
    const section = page.getByTestId("frt-buckets");
    const canvas = section.locator("canvas");
    await page.getByTestId("hotspots").locator("tbody tr").first().waitFor();
    await page.getByTestId("sla-matrix").locator("td button").first().waitFor();
    await canvas.waitFor();
    await canvas.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    const box = (await canvas.boundingBox())!;
    // Grid: 48 px left, 16 px right, 40 px bottom (components/charts/frt-option.ts); one slot per bucket.
    await page.mouse.click(box.x + 48 + ((tallest + 0.5) * (box.width - 64)) / bars.length, box.y + box.height - 43);
    const drill = page.getByTestId("drill-panel");
    const n = bars[tallest]!.n.toLocaleString("en-US");
    await poll(() => drill.locator("h2").innerText()).toContain(`First response time ${bars[tallest]!.label.en}: ${n} tickets responded`);
    await poll(() => drill.getByTestId("drill-total").innerText()).toMatch(new RegExp(`^${n} records`));
    await page.screenshot({ path: `${SCREENSHOTS}/drilldown-frt.png`, fullPage: true });
  });

  it("clicking a heatmap cell lists exactly the tickets of that weekday and hour, and exports them", async () => {
    const server = createCaller({
      caller: testCaller("manager"),
      db: db.get(),
      timezone: env().SI_TIMEZONE,
      fcrWindowDays: env().SI_FCR_WINDOW_DAYS,
      now: () => new Date(),
    });
    const cells = await server.overview.heatmap({ from: "2026-06-01", to: "2026-06-30" });
    const cell = cells.reduce((best, c) => (c.tickets > best.tickets ? c : best));
    expect(cell.tickets).toBeGreaterThan(0);

    await page.goto(app.url);
    // echarts layers the heatmap over several canvases of the same size; the first is the base one.
    const canvas = page.getByTestId("heatmap").locator("canvas").first();
    await page.getByTestId("hotspots").locator("tbody tr").first().waitFor();
    await page.getByTestId("sla-matrix").locator("td button").first().waitFor();
    await canvas.waitFor();
    await canvas.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    const box = (await canvas.boundingBox())!;
    // Grid: 48 px left, 16 px right, 8 px top, 64 px bottom (components/charts/trend-option.ts); 24 hours × 7 days, Monday on top.
    await page.mouse.click(
      box.x + 48 + ((cell.hour + 0.5) * (box.width - 64)) / 24,
      box.y + 8 + ((cell.weekday - 1 + 0.5) * (box.height - 72)) / 7,
    );
    const drill = page.getByTestId("drill-panel");
    const day = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][cell.weekday - 1]!;
    const hh = (h: number) => `${String(h).padStart(2, "0")}:00`;
    await poll(() => drill.locator("h2").innerText()).toContain(`Tickets on ${day} ${hh(cell.hour)}–${hh(cell.hour + 1)}`);
    const n = cell.tickets.toLocaleString("en-US");
    await poll(() => drill.getByTestId("drill-total").innerText()).toMatch(new RegExp(`^${n} records`));
    for (const row of await drill.locator("tbody tr").all()) {
      const created = (await row.locator("td").allInnerTexts())[1]!;
      expect(Number(created.slice(11, 13))).toBe(cell.hour);
    }
    await page.screenshot({ path: `${SCREENSHOTS}/drilldown-heatmap.png`, fullPage: true });

    // The export link carries the cell and holds one row per ticket.
    const href = (await drill.getByTestId("export-csv").getAttribute("href"))!;
    expect(href).toContain(`target=heat.${cell.weekday}.${cell.hour}`);
    const csvPath = await download(drill.getByTestId("export-csv"));
    const sheet = await new ExcelJS.Workbook().csv.readFile(csvPath);
    expect(sheet.actualRowCount).toBe(cell.tickets + 1);
  });

  it("an SLA cell (priority × tier) opens exactly its judged tickets", async () => {
    await page.goto(app.url);
    const cell = page.getByTestId("sla-matrix").locator("td button").first();
    await cell.waitFor();
    const n = Number((await cell.innerText()).match(/n = ([\d,]+)/)![1]!.replace(/,/g, ""));
    await cell.click();
    const drill = page.getByTestId("drill-panel");
    await poll(() => drill.getByTestId("drill-total").innerText()).toMatch(new RegExp(`^${n.toLocaleString("en-US")} records`));
  });

  it("the hotspot panel ranks topics and a topic opens its tickets", async () => {
    await page.goto(app.url);
    const panel = page.getByTestId("hotspots");
    await panel.locator("tbody tr").first().waitFor();
    const topic = (await panel.locator("tbody tr td").first().innerText()).replace(/\s*spike$/, "").trim();
    await panel.locator("tbody tr").first().getByTestId("hotspot-tickets").click();
    const drill = page.getByTestId("drill-panel");
    await drill.getByTestId("drill-total").waitFor();
    expect(await drill.locator("h2").innerText()).toContain(`Tickets on ${topic}`);
    for (const row of await drill.locator("tbody tr").all()) expect((await row.locator("td").allInnerTexts())[6]).toBe(topic);
  });

  it("switches the whole screen to Chinese and back", async () => {
    await page.goto(app.url);
    await page.getByTestId("locale-switch").click();
    await page.getByRole("heading", { name: "总览" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(await page.getByTestId("kpi-card-nps").locator("h3").innerText()).toBe("净推荐值 NPS");
    expect(await page.getByTestId("kpi-card-sla").getByTestId("kpi-n").innerText()).toMatch(/个已判定工单$/);
    expect(await page.getByRole("button", { name: "最近 7 天" }).count()).toBe(1);
    expect(await page.locator("select[name=compare] option").allInnerTexts()).toEqual(["上一周期", "去年同期"]);
    await page.screenshot({ path: `${SCREENSHOTS}/overview-zh.png`, fullPage: true });
    await page.getByTestId("locale-switch").click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
  });

  it("agents & teams: a KPI per team, and a cell opens exactly its records", async () => {
    await page.goto(`${app.url}/teams`);
    const table = page.getByTestId("people-table");
    await table.locator("tbody tr").first().waitFor();
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(2);
    const cell = table.locator("tbody tr").first().locator("button.cell-link").first();
    const n = Number((await cell.innerText()).match(/n = ([\d,]+)/)![1]!.replace(/,/g, ""));
    await cell.click();
    await poll(() => page.getByTestId("drill-panel").getByTestId("drill-total").innerText()).toMatch(
      new RegExp(`^${n.toLocaleString("en-US")} records`),
    );
    await page.getByRole("group", { name: "Agents & teams" }).getByRole("button", { name: "Agent" }).click();
    await poll(() => table.locator("thead th").first().innerText()).toBe("Agent");
    await page.screenshot({ path: `${SCREENSHOTS}/agents-teams.png`, fullPage: true });
  });

  it("the comparison period can be the same period last year, kept in the URL", async () => {
    await page.goto(app.url);
    await page.getByTestId("kpi-card-csat").waitFor();
    await page.locator("select[name=compare]").selectOption("lastYear");
    await poll(() => page.url()).toContain("compare=lastYear");
    await poll(() => page.getByTestId("kpi-card-csat").locator(".kpi-change").innerText()).toContain("vs same period last year");
    expect(await page.getByTestId("kpi-card-csat").locator(".kpi-change").getAttribute("title")).toBe("2025-06-01 → 2025-06-30");
    await page.goto(page.url());
    expect(await page.locator("select[name=compare]").inputValue()).toBe("lastYear");
  });

  it("a broken link still opens and says what it ignored", async () => {
    await page.goto(`${app.url}/?from=2026-13-45&to=2026-06-30`);
    await poll(() => page.getByRole("alert").first().innerText()).toMatch(/Ignored an invalid filter/);
    expect(await page.getByTestId("kpi-card-nps").getByTestId("kpi-value").innerText()).toMatch(/\d/);
  });
});
