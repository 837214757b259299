import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadDemoData } from "../../jobs/demo/load";
import type { Role } from "../../server/auth/permissions";
import { createUser } from "../../server/auth/users";
import { sql } from "../../server/clickhouse/sql";
import { startAppServer } from "../helpers/app-server";
import { launchChromium, signInThroughForm } from "../helpers/browser";
import { withTestDb } from "../helpers/test-db";

/** Each role signs in through the real form and sees exactly its own screens. */
const SCREENSHOTS = "tests/e2e/screenshots";
const PASSWORD = "e2e-role-password";
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

const db = withTestDb("e2e_roles");
let app: Awaited<ReturnType<typeof startAppServer>>;
let browser: Browser;
let team = "";
let agent = "";

const SCREENS: Record<Role, string[]> = {
  admin: ["/", "/teams", "/admin/users", "/admin/keys", "/admin/audit"],
  manager: ["/", "/teams"],
  exec: ["/", "/teams"],
  qa: ["/"],
  agent: ["/"],
};
const EXPORTS: Record<Role, boolean> = { admin: true, manager: true, exec: true, qa: false, agent: false };

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await loadDemoData(db.get(), { scale: 0.02, seed: 11, end: new Date("2026-06-30T00:00:00Z") });
  const V = z.object({ v: z.string() });
  team = (await db.get().query("test", sql`SELECT team AS v FROM tickets GROUP BY team ORDER BY count() DESC LIMIT 1`, V))[0]!.v;
  agent = (await db.get().query("test", sql`SELECT agent AS v FROM tickets WHERE agent != '' GROUP BY agent ORDER BY count() DESC LIMIT 1`, V))[0]!.v;
  for (const role of Object.keys(SCREENS) as Role[]) {
    await createUser(db.get(), {
      email: `${role}@e2e.test`,
      password: PASSWORD,
      role,
      displayName: `E2E ${role}`,
      teamScope: role === "manager" ? [team] : [],
      agentScope: role === "agent" ? agent : "",
    });
  }
  app = await startAppServer({ CLICKHOUSE_DATABASE: db.get().config.database });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  return context.newPage();
}

describe("signed out", () => {
  it("every screen sends you to sign-in and back afterwards; a wrong password says so; sign-out ends the session", async () => {
    const page = await freshPage();
    await page.goto(`${app.url}/teams?channel=phone`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(new URL(page.url()).searchParams.get("next")).toBe("/teams?channel=phone");
    expect((await page.request.get(`${app.url}/api/trpc/meta.dataRange`)).status()).toBe(401);
    expect((await page.request.get(`${app.url}/api/export?target=tickets&format=csv&from=2026-06-01&to=2026-06-30`)).status()).toBe(401);

    await page.locator("input[name=email]").fill("manager@e2e.test");
    await page.locator("input[name=password]").fill("not the password");
    await page.getByTestId("sign-in-submit").click();
    await poll(() => page.getByTestId("sign-in-error").isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/sign-in-error.png` });

    await page.locator("input[name=email]").fill("manager@e2e.test");
    await page.locator("input[name=password]").fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname === "/teams"), page.getByTestId("sign-in-submit").click()]);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "si_session")).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await Promise.all([page.waitForURL((u) => u.pathname === "/sign-in"), page.getByTestId("sign-out").click()]);
    await page.goto(`${app.url}/`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.context().close();
  });

  it("answers with security headers", async () => {
    const page = await freshPage();
    const response = await page.request.get(`${app.url}/sign-in`);
    const headers = response.headers();
    expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(headers["content-security-policy"]).toMatch(/default-src 'self'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    await page.context().close();
  });
});

describe.each(Object.keys(SCREENS) as Role[])("signed in as %s", (role) => {
  it("sees exactly this role's screens, exports only if allowed, and only rows in scope", async () => {
    const page = await freshPage();
    await signInThroughForm(page, app.url, `${role}@e2e.test`, PASSWORD);
    await page.getByTestId("kpi-card-csat").waitFor();
    await poll(() => page.getByTestId("whoami").innerText()).toContain(`E2E ${role}`);
    const links = await page.locator("nav [data-testid^=nav-]").evaluateAll((els) => els.map((e) => e.getAttribute("href")));
    expect(links).toEqual(SCREENS[role]);

    await page.getByTestId("kpi-card-csat").click();
    await page.getByTestId("drill-panel").getByTestId("drill-total").waitFor();
    expect(await page.getByTestId("export-csv").count()).toBe(EXPORTS[role] ? 1 : 0);
    const exportStatus = (await page.request.get(`${app.url}/api/export?target=tickets&format=csv&from=2026-06-01&to=2026-06-30`)).status();
    expect(exportStatus).toBe(EXPORTS[role] ? 200 : 403);
    await page.screenshot({ path: `${SCREENSHOTS}/role-${role}.png` });

    // Screens the role may not open say so (the server refuses their data as well).
    for (const path of ["/teams", "/admin/users", "/admin/keys", "/admin/audit"]) {
      await page.goto(`${app.url}${path}`);
      expect(await page.getByTestId("forbidden").count(), `${role} ${path}`).toBe(SCREENS[role].includes(path) ? 0 : 1);
    }

    // Scopes hold on the server: the filter values offered are those of the caller's rows only.
    const values = await page.request.get(`${app.url}/api/trpc/meta.dimensionValues`);
    const dims = z.object({ result: z.object({ data: z.object({ team: z.array(z.string()), agent: z.array(z.string()) }) }) }).parse(await values.json()).result.data;
    if (role === "manager") expect(dims.team).toEqual([team]);
    else if (role === "agent") expect(dims.agent).toEqual([agent]);
    else expect(dims.team.length).toBeGreaterThan(1);
    await page.context().close();
  });
});

describe("the admin screens", () => {
  it("an admin adds a user who can then sign in, disables them (signed out at once), issues and revokes an ingest key, and the audit log shows it all", async () => {
    const admin = await freshPage();
    admin.on("dialog", (d) => void d.accept());
    await signInThroughForm(admin, app.url, "admin@e2e.test", PASSWORD, "/admin/users");
    await admin.getByTestId("users-table").waitFor();
    expect(await admin.getByTestId("user-row").count()).toBe(Object.keys(SCREENS).length);
    await admin.getByTestId("user-email").fill("new.manager@e2e.test");
    await admin.getByTestId("user-role").selectOption("manager");
    await admin.getByTestId("user-password").fill("new-manager-password");
    await admin.getByTestId("user-create-submit").click();
    await poll(() => admin.getByTestId("user-row").count()).toBe(Object.keys(SCREENS).length + 1);
    await admin.screenshot({ path: `${SCREENSHOTS}/admin-users.png`, fullPage: true });

    const newcomer = await freshPage();
    await signInThroughForm(newcomer, app.url, "new.manager@e2e.test", "new-manager-password");
    await newcomer.getByTestId("kpi-card-csat").waitFor();

    const row = admin.locator("[data-testid=user-row][data-email='new.manager@e2e.test']");
    await row.getByTestId("user-toggle-disabled").click();
    await poll(() => row.getByTestId("user-status").innerText()).toMatch(/disabled/i);
    await newcomer.reload();
    expect(new URL(newcomer.url()).pathname).toBe("/sign-in");

    await admin.goto(`${app.url}/admin/keys`);
    await admin.getByTestId("key-source").fill("crm-e2e");
    await admin.getByTestId("key-create-submit").click();
    const key = await admin.getByTestId("new-key").innerText();
    expect(key).toMatch(/^sik_[a-f0-9]{16}_/);
    const push = () =>
      admin.request.post(`${app.url}/api/ingest/tickets`, {
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        data: [{ id: "E2E-KEY-1", created_at: "2026-06-01T08:00:00Z", status: "open", priority: "P2", channel: "email" }],
      });
    expect((await push()).status()).toBe(200);
    await admin.screenshot({ path: `${SCREENSHOTS}/admin-keys.png`, fullPage: true });
    await admin.getByTestId("key-revoke").first().click();
    await poll(async () => (await push()).status()).toBe(401);

    await admin.goto(`${app.url}/admin/audit`);
    await admin.getByTestId("audit-table").waitFor();
    const actions = await admin.getByTestId("audit-row").allInnerTexts();
    for (const action of ["auth.sign_in", "auth.sign_in_failed", "auth.sign_out", "export", "user.create", "user.update", "api_key.create", "api_key.revoke"]) {
      expect(actions.some((text) => text.includes(action)), action).toBe(true);
    }
    await admin.screenshot({ path: `${SCREENSHOTS}/admin-audit.png`, fullPage: true });
    await admin.context().close();
    await newcomer.context().close();
  });
});
