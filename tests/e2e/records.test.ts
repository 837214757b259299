import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadDemoData } from "../../jobs/demo/load";
import { loadConfig } from "../../jobs/nlp/config";
import { runNlpJob } from "../../jobs/nlp/job";
import { Tagger } from "../../jobs/nlp/tagger";
import { createUser } from "../../server/auth/users";
import { sql } from "../../server/clickhouse/sql";
import { findPii } from "../../server/text/pii";
import { conversationRow } from "../fixtures/factories";
import { startAppServer } from "../helpers/app-server";
import { launchChromium, signInThroughForm } from "../helpers/browser";
import { withTestDb } from "../helpers/test-db";

/** From a KPI card to a record: the drill-down links to each record; QA reads a transcript, unredacted on request (logged). */
const SCREENSHOTS = "tests/e2e/screenshots";
const PASSWORD = "e2e-records-password";
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

const db = withTestDb("e2e_records");
let app: Awaited<ReturnType<typeof startAppServer>>;
let browser: Browser;
/** A conversation whose transcript holds a mobile number and that has a QA flag on an utterance. */
let withPii = { id: "", phone: "" };
/** An id with characters that must survive the URL: space, CJK, slash, percent, hash, question mark. */
const ODD_ID = "CV 测试/1 %20#?";

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await loadDemoData(db.get(), { scale: 0.02, seed: 5, end: new Date("2026-06-30T00:00:00Z") });
  await runNlpJob(db.get(), new Tagger(loadConfig()), { shard: { k: 0, n: 1 }, kinds: ["conversation"] });
  const rows = await db.get().query(
    "test",
    sql`SELECT id, utt_text FROM conversations
        WHERE id IN (SELECT record_id FROM nlp_results WHERE record_kind = 'conversation' AND has(pii_kinds, 'mobile'))
          AND id IN (SELECT record_id FROM qa_flags WHERE record_kind = 'conversation' AND utterance_index >= 0)
        ORDER BY id LIMIT 20`,
    z.object({ id: z.string(), utt_text: z.array(z.string()) }),
  );
  for (const row of rows) {
    const phone = row.utt_text.flatMap((text) => findPii(text)).find((hit) => hit.kind === "mobile")?.value;
    if (phone) {
      withPii = { id: row.id, phone };
      break;
    }
  }
  expect(withPii.id, "the demo data has a tagged conversation with a mobile number and a QA flag").not.toBe("");
  await db.get().insert("test", "conversations", [
    conversationRow({
      id: ODD_ID,
      started_at: "2026-06-29T01:00:00Z",
      utt_speaker: ["customer"],
      utt_start_ms: [0],
      utt_end_ms: [3000],
      utt_text: ["请回电 13912345678"],
    }),
  ]);
  for (const role of ["qa", "manager"] as const) {
    await createUser(db.get(), { email: `${role}@records.test`, password: PASSWORD, role, displayName: `E2E ${role}` });
  }
  app = await startAppServer({ CLICKHOUSE_DATABASE: db.get().config.database });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signedIn(role: "qa" | "manager", next = "/"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await signInThroughForm(page, app.url, `${role}@records.test`, PASSWORD, next);
  return page;
}

const transcriptText = (page: Page) => page.getByTestId("transcript").innerText();

describe("record pages in a real browser", () => {
  it("a drill-down row links to its record: card → list → conversation transcript → its ticket", async () => {
    const page = await signedIn("qa");
    await page.getByTestId("kpi-card-aht").click();
    const link = page.getByTestId("drill-panel").getByTestId("drill-record-link").first();
    await link.waitFor();
    const id = await link.innerText();
    await Promise.all([page.waitForURL((u) => u.pathname === `/records/conversations/${encodeURIComponent(id)}`), link.click()]);
    await page.getByTestId("record-conversation").waitFor();
    expect(await page.getByTestId("record-id").innerText()).toBe(id);
    expect(await page.getByTestId("utterance").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("text-mode").getAttribute("data-mode")).toBe("redacted_by_tagger");
    await page.screenshot({ path: `${SCREENSHOTS}/record-from-drilldown.png` });

    // Back returns to the overview.
    await Promise.all([page.waitForURL((u) => u.pathname === "/"), page.getByTestId("record-back").click()]);
    await page.getByTestId("kpi-card-aht").waitFor();

    const ticketLink = await db
      .get()
      .query("test", sql`SELECT ticket_id FROM conversations WHERE id = ${id} AND ticket_id != '' LIMIT 1`, z.object({ ticket_id: z.string() }));
    if (ticketLink[0]) {
      await page.goto(`${app.url}/records/conversations/${encodeURIComponent(id)}`);
      await page.getByTestId("record-conversation").getByTestId("record-link").first().click();
      await page.getByTestId("record-ticket").waitFor();
      expect(await page.getByTestId("timeline-step").count()).toBe(4);
      expect(await page.getByTestId("ticket-conversations").innerText()).toContain(id);
      await page.screenshot({ path: `${SCREENSHOTS}/record-ticket.png`, fullPage: true });
    }
    await page.context().close();
  });

  it("QA sees a redacted transcript, jumps from a flag to its evidence, and toggles unredacted (logged each time)", async () => {
    const page = await signedIn("qa", `/records/conversations/${encodeURIComponent(withPii.id)}`);
    await page.getByTestId("transcript").waitFor();
    expect(await transcriptText(page)).not.toContain(withPii.phone);
    expect(await transcriptText(page)).toContain("[PHONE]");

    const flagLink = page.getByTestId("flag-link").first();
    await flagLink.click();
    const highlighted = page.locator("[data-testid=utterance].highlight");
    await poll(() => highlighted.count()).toBe(1);
    await poll(() => highlighted.isVisible()).toBe(true);
    await page.waitForTimeout(800); // let the smooth scroll settle for the screenshot
    await page.screenshot({ path: `${SCREENSHOTS}/record-conversation.png` });

    await page.getByTestId("unredacted-note").waitFor();
    await page.getByTestId("unredacted-toggle").check();
    await poll(() => page.getByTestId("text-mode").getAttribute("data-mode")).toBe("unredacted");
    expect(await transcriptText(page)).toContain(withPii.phone);
    await page.screenshot({ path: `${SCREENSHOTS}/record-conversation-unredacted.png` });

    await page.getByTestId("unredacted-toggle").uncheck();
    await poll(() => page.getByTestId("text-mode").getAttribute("data-mode")).toBe("redacted_by_tagger");
    expect(await transcriptText(page)).not.toContain(withPii.phone);
    await page.getByTestId("unredacted-toggle").check();
    await poll(() => page.getByTestId("text-mode").getAttribute("data-mode")).toBe("unredacted");

    expect(await transcriptText(page)).toContain(withPii.phone);
    // Each time the toggle is switched on is one logged view (the text is not served from a cache).
    const logged = () =>
      db
        .get()
        .query(
          "test",
          sql`SELECT actor_role FROM audit_log WHERE action = 'transcript.view_unredacted' AND target = ${withPii.id}`,
          z.object({ actor_role: z.string() }),
        );
    await poll(async () => (await logged()).map((r) => r.actor_role)).toEqual(["qa", "qa"]);
    await page.context().close();
  });

  it("a manager sees the redacted transcript without the toggle; an unknown record is a 404 page", async () => {
    const page = await signedIn("manager", `/records/conversations/${encodeURIComponent(withPii.id)}`);
    await page.getByTestId("transcript").waitFor();
    expect(await page.getByTestId("unredacted-toggle").count()).toBe(0);
    expect(await transcriptText(page)).not.toContain(withPii.phone);

    // An untagged conversation with an awkward id: found by its encoded path, masked on the fly.
    await page.goto(`${app.url}/records/conversations/${encodeURIComponent(ODD_ID)}`);
    await page.getByTestId("transcript").waitFor();
    expect(await page.getByTestId("record-id").innerText()).toBe(ODD_ID);
    expect(await page.getByTestId("text-mode").getAttribute("data-mode")).toBe("redacted_on_the_fly");
    expect(await transcriptText(page)).toContain("请回电 [PHONE]");

    // In Chinese.
    await page.context().addCookies([{ name: "si_locale", value: "zh", url: app.url }]);
    await page.goto(`${app.url}/records/conversations/${encodeURIComponent(withPii.id)}`);
    await page.getByTestId("transcript").waitFor();
    expect(await page.locator("h1").innerText()).toContain("会话");
    await page.screenshot({ path: `${SCREENSHOTS}/record-conversation-zh.png` });

    const response = await page.goto(`${app.url}/records/conversations/${encodeURIComponent("no such id")}`);
    expect(response?.status()).toBe(404);
    await page.getByTestId("record-not-found").waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/record-not-found.png` });
    await page.context().close();
  });
});
