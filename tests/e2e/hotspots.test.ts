import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../jobs/demo/load";
import { demoSpikes } from "../../jobs/demo/spikes";
import { loadConfig } from "../../jobs/nlp/config";
import { runNlpJob } from "../../jobs/nlp/job";
import { Tagger } from "../../jobs/nlp/tagger";
import { createUser } from "../../server/auth/users";
import { addDays } from "../../server/kpi/filters";
import { findPii } from "../../server/text/pii";
import { startAppServer } from "../helpers/app-server";
import { launchChromium, signInThroughForm } from "../helpers/browser";
import { withTestDb } from "../helpers/test-db";

/** The hotspot panel in a real browser: a topic's trend, keywords and example tickets. */
const SCREENSHOTS = "tests/e2e/screenshots";
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const END = new Date("2026-06-30T00:00:00Z");

const db = withTestDb("e2e_hotspots");
const MANAGER = { email: "hana@example.com", password: "e2e-hotspot-password" };
let app: Awaited<ReturnType<typeof startAppServer>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await loadDemoData(db.get(), { scale: 0.05, seed: 7, end: END });
  await runNlpJob(db.get(), new Tagger(loadConfig()), { shard: { k: 0, n: 1 }, kinds: ["ticket"] });
  app = await startAppServer({ CLICKHOUSE_DATABASE: db.get().config.database });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await createUser(db.get(), { email: MANAGER.email, password: MANAGER.password, role: "manager", displayName: "Hana Hotspots" });
  await signInThroughForm(page, app.url, MANAGER.email, MANAGER.password);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("hotspot detail in a real browser", () => {
  it("selecting the top topic shows its trend, keywords and example tickets that link to their pages", async () => {
    const spike = demoSpikes(END).find((s) => s.id === "billing-rule-change")!;
    await page.goto(`${app.url}/?from=${spike.start}&to=${addDays(spike.start, 6)}`);
    const panel = page.getByTestId("hotspots");
    const top = panel.locator("tbody tr").first();
    await top.waitFor();
    const topic = (await top.getAttribute("data-topic"))!;
    expect(await panel.getByTestId("hotspot-detail").count()).toBe(0);

    await top.click();
    expect(await top.getAttribute("aria-selected")).toBe("true");
    const detail = panel.getByTestId("hotspot-detail");
    await detail.getByTestId("hotspot-keywords").waitFor();
    expect(await detail.locator("h3").innerText()).toContain(topic);
    expect(await detail.locator("canvas").count()).toBeGreaterThan(0);
    const chips = await detail.getByTestId("hotspot-keywords").locator("li").allInnerTexts();
    expect(chips.length).toBeGreaterThan(0);
    for (const chip of chips) expect(chip).toMatch(/\S+\s+[\d,]+$/);
    const links = detail.getByTestId("hotspot-example-link");
    expect(await links.count()).toBe(5);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))) expect(href).toMatch(/^\/records\/tickets\//);
    for (const snippet of await detail.locator(".snippet").allInnerTexts()) expect(findPii(snippet)).toEqual([]);
    // The detail fits the 1366-pixel-wide screen without a horizontal scroll bar.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: `${SCREENSHOTS}/hotspot-detail.png` });

    // The topic's tickets are still one click away.
    await top.getByTestId("hotspot-tickets").click();
    const drill = page.getByTestId("drill-panel");
    await drill.getByTestId("drill-total").waitFor();
    expect(await drill.locator("h2").innerText()).toContain(topic);

    // An example opens its ticket's page.
    const id = (await links.first().innerText()).trim();
    await links.first().click();
    await poll(() => page.url()).toContain(`/records/tickets/${encodeURIComponent(id)}`);
    await page.getByText(id).first().waitFor();
  });

  it("a click on the selected row closes the detail again", async () => {
    await page.goto(app.url);
    const top = page.getByTestId("hotspots").locator("tbody tr").first();
    await top.waitFor();
    await top.click();
    await page.getByTestId("hotspot-detail").waitFor();
    await top.click();
    await poll(() => page.getByTestId("hotspot-detail").count()).toBe(0);
  });
});
