import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Caller } from "../../server/auth/caller";
import { createSession, findSession } from "../../server/auth/sessions";
import { getUser } from "../../server/auth/users";
import { sql } from "../../server/clickhouse/sql";
import { verifyApiKey } from "../../server/ingest/api-keys";
import { appRouter, createCaller } from "../../server/routers/root";
import { testCaller } from "../helpers/callers";
import { withTestDb } from "../helpers/test-db";

/** The admin area: users, API keys and the audit log, through the tRPC procedures. */
const db = withTestDb("admin");
const caller = (who: Caller) =>
  createCaller({ caller: who, db: db.get(), timezone: "UTC", fcrWindowDays: 7, now: () => new Date(), ip: "203.0.113.7" });
const admin = () => caller(testCaller("admin"));
const HOUR = 3_600_000;

const AuditRow = z.object({ actor_id: z.string(), actor_role: z.string(), action: z.string(), target: z.string(), detail: z.string(), ip: z.string() });
/** Every audit row, raw, to look for secrets in any column. */
const auditRows = (action: string) => db.get().query("test.audit", sql`SELECT actor_id, actor_role, action, target, detail, ip FROM audit_log WHERE action = ${action}`, AuditRow);

const newUser = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  displayName: "Test User",
  role: "manager" as const,
  teamScope: ["Team A"],
  password: "correct horse battery",
  ...extra,
});

describe("admin procedures refuse other roles", () => {
  /** One valid input per admin procedure; a new procedure must be added here. */
  const inputs: Record<string, unknown> = {
    "admin.users.list": undefined,
    "admin.users.create": newUser("forbidden@example.com"),
    "admin.users.update": { id: "manager-1", patch: { disabled: true } },
    "admin.keys.list": undefined,
    "admin.keys.create": { source: "forbidden" },
    "admin.keys.revoke": { id: "0123456789abcdef" },
    "admin.audit.list": {},
  };

  it("lists every admin procedure", () => {
    const paths = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith("admin."));
    expect(paths.sort()).toEqual(Object.keys(inputs).sort());
  });

  it.each(["manager", "exec", "qa", "agent"] as const)("%s is FORBIDDEN on every one, and nothing is written", async (role) => {
    const api = caller(testCaller(role)) as unknown as Record<string, Record<string, Record<string, (input: unknown) => Promise<unknown>>>>;
    for (const [path, input] of Object.entries(inputs)) {
      const [, area, name] = path.split(".") as [string, string, string];
      await expect(api.admin![area]![name]!(input), path).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await admin().admin.users.list()).not.toContainEqual(expect.objectContaining({ email: "forbidden@example.com" }));
    expect(await admin().admin.keys.list()).toEqual([]);
  });

  it("nobody signed in is UNAUTHORIZED", async () => {
    const anonymous = createCaller({ caller: null, db: db.get(), timezone: "UTC", fcrWindowDays: 7, now: () => new Date() });
    await expect(anonymous.admin.users.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("users", () => {
  it("creates a user, lists it without a password hash, and audits it without the password", async () => {
    const user = await admin().admin.users.create(newUser("  New.Person@Example.com ", { teamScope: ["Team A", "Team B"] }));
    expect(user).toMatchObject({ email: "new.person@example.com", role: "manager", teamScope: ["Team A", "Team B"], disabled: false });
    const listed = (await admin().admin.users.list()).find((u) => u.id === user.id)!;
    expect(listed.email).toBe("new.person@example.com");
    expect(Object.keys(listed)).not.toContain("passwordHash");
    expect(JSON.stringify(listed)).not.toMatch(/scrypt/);

    const rows = (await auditRows("user.create")).filter((r) => r.target === "new.person@example.com");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: "admin-1", actor_role: "admin", ip: "203.0.113.7" });
    expect(JSON.parse(rows[0]!.detail)).toEqual({ id: user.id, role: "manager", teamScope: ["Team A", "Team B"], agentScope: "" });
    expect(JSON.stringify(rows[0])).not.toContain("correct horse");
    expect(JSON.stringify(rows[0])).not.toContain("scrypt");
  });

  it("refuses a duplicate e-mail (whatever its case) with a clear message", async () => {
    await admin().admin.users.create(newUser("dup@example.com"));
    const again = admin().admin.users.create(newUser("DUP@example.com", { role: "qa" }));
    await expect(again).rejects.toMatchObject({ code: "BAD_REQUEST", message: "a user with e-mail dup@example.com already exists" });
    expect((await admin().admin.users.list()).filter((u) => u.email === "dup@example.com")).toHaveLength(1);
  });

  it("refuses an agent without an agent name, and a short password", async () => {
    await expect(admin().admin.users.create(newUser("agent@example.com", { role: "agent" }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/agent needs/),
    });
    await expect(admin().admin.users.create(newUser("short@example.com", { password: "short" }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("a role change signs the user out everywhere and is audited with before and after", async () => {
    const user = await admin().admin.users.create(newUser("role@example.com"));
    const session = await createSession(db.get(), user.id, HOUR);
    const unrelated = await admin().admin.users.create(newUser("bystander@example.com"));
    const otherSession = await createSession(db.get(), unrelated.id, HOUR);
    expect(await findSession(db.get(), session.token)).not.toBeNull();

    const after = await admin().admin.users.update({ id: user.id, patch: { role: "qa" } });
    expect(after.role).toBe("qa");
    expect((await getUser(db.get(), user.id))!.role).toBe("qa");
    expect(await findSession(db.get(), session.token)).toBeNull();
    expect(await findSession(db.get(), otherSession.token)).not.toBeNull();

    const rows = (await auditRows("user.update")).filter((r) => r.target === "role@example.com");
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.detail)).toEqual({ id: user.id, role: { before: "manager", after: "qa" } });
  });

  it("a change that does not affect access keeps the sessions", async () => {
    const user = await admin().admin.users.create(newUser("rename@example.com"));
    const session = await createSession(db.get(), user.id, HOUR);
    await admin().admin.users.update({ id: user.id, patch: { displayName: "Renamed" } });
    expect(await findSession(db.get(), session.token)).not.toBeNull();
    const rows = (await auditRows("user.update")).filter((r) => r.target === "rename@example.com");
    expect(JSON.parse(rows[0]!.detail)).toEqual({ id: user.id, displayName: { before: "Test User", after: "Renamed" } });
  });

  it("disabling signs the user out; enabling again works", async () => {
    const user = await admin().admin.users.create(newUser("disable@example.com"));
    const session = await createSession(db.get(), user.id, HOUR);
    await admin().admin.users.update({ id: user.id, patch: { disabled: true } });
    expect((await getUser(db.get(), user.id))!.disabled).toBe(true);
    expect(await findSession(db.get(), session.token)).toBeNull();
    await admin().admin.users.update({ id: user.id, patch: { disabled: false } });
    expect((await getUser(db.get(), user.id))!.disabled).toBe(false);
    const details = (await auditRows("user.update")).filter((r) => r.target === "disable@example.com").map((r) => JSON.parse(r.detail));
    expect(details).toContainEqual({ id: user.id, disabled: { before: false, after: true } });
    expect(details).toContainEqual({ id: user.id, disabled: { before: true, after: false } });
  });

  it("a password reset signs the user out and audits only that it happened", async () => {
    const user = await admin().admin.users.create(newUser("reset@example.com"));
    const session = await createSession(db.get(), user.id, HOUR);
    await admin().admin.users.update({ id: user.id, patch: { password: "a brand new secret" } });
    expect(await findSession(db.get(), session.token)).toBeNull();
    const rows = (await auditRows("user.update")).filter((r) => r.target === "reset@example.com");
    expect(JSON.parse(rows[0]!.detail)).toEqual({ id: user.id, password: "reset" });
    expect(JSON.stringify(rows)).not.toContain("brand new");
  });

  it("an admin cannot disable themselves or drop their own admin role, nor leave no active admin", async () => {
    const me = await admin().admin.users.create(newUser("me@example.com", { role: "admin", teamScope: [] }));
    const self = caller(testCaller("admin", { id: me.id, email: me.email }));
    await expect(self.admin.users.update({ id: me.id, patch: { disabled: true } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/cannot disable your own account/),
    });
    await expect(self.admin.users.update({ id: me.id, patch: { role: "manager" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/cannot remove your own admin role/),
    });
    expect(await getUser(db.get(), me.id)).toMatchObject({ role: "admin", disabled: false });
    // Changing their own name or password is fine.
    await self.admin.users.update({ id: me.id, patch: { displayName: "Me" } });

    // me is the only admin user: another (session-less) admin may not disable or demote them either.
    await expect(admin().admin.users.update({ id: me.id, patch: { disabled: true } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/last active admin/),
    });
    const second = await admin().admin.users.create(newUser("second-admin@example.com", { role: "admin", teamScope: [] }));
    await caller(testCaller("admin", { id: second.id })).admin.users.update({ id: me.id, patch: { role: "exec" } });
    expect((await getUser(db.get(), me.id))!.role).toBe("exec");
  });

  it("an unknown user id is NOT_FOUND", async () => {
    await expect(admin().admin.users.update({ id: "nobody", patch: { disabled: true } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("API keys", () => {
  it("creates a key shown once, audits it without the key, and revoking it stops it working", async () => {
    const created = await admin().admin.keys.create({ source: "zendesk-eu" });
    expect(created.key).toMatch(/^sik_[a-f0-9]{16}_/);
    expect(await verifyApiKey(db.get(), created.key)).toEqual({ id: created.id, source: "zendesk-eu" });

    // The secret is base64url, which has "_" among its letters: cut it off by the prefix, not split on "_".
    const secret = created.key.slice(`sik_${created.id}_`.length);
    expect(secret.length).toBeGreaterThan(20);
    const listed = (await admin().admin.keys.list()).find((k) => k.id === created.id)!;
    expect(listed).toMatchObject({ source: "zendesk-eu", created_by: "admin-1", revoked_at: null });
    expect(JSON.stringify(listed)).not.toContain(secret);

    const createRows = await auditRows("api_key.create");
    expect(createRows).toHaveLength(1);
    expect(JSON.parse(createRows[0]!.detail)).toEqual({ id: created.id, source: "zendesk-eu" });
    expect(JSON.stringify(createRows)).not.toContain(secret);

    expect(await admin().admin.keys.revoke({ id: created.id })).toEqual({ id: created.id, alreadyRevoked: false });
    expect(await verifyApiKey(db.get(), created.key)).toBeNull();
    expect((await admin().admin.keys.list()).find((k) => k.id === created.id)!.revoked_at).not.toBeNull();
    const revokeRows = await auditRows("api_key.revoke");
    expect(revokeRows).toHaveLength(1);
    expect(revokeRows[0]).toMatchObject({ target: "zendesk-eu", actor_id: "admin-1" });
    expect(JSON.parse(revokeRows[0]!.detail)).toEqual({ id: created.id, source: "zendesk-eu" });

    // Again: nothing to do, nothing logged.
    expect(await admin().admin.keys.revoke({ id: created.id })).toEqual({ id: created.id, alreadyRevoked: true });
    expect(await auditRows("api_key.revoke")).toHaveLength(1);
  });

  it("refuses a bad source name and an unknown key", async () => {
    await expect(admin().admin.keys.create({ source: "no spaces please" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin().admin.keys.revoke({ id: "ffffffffffffffff" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("audit log", () => {
  it("filters by action, actor, target and dates, newest first, 100 a page with the total", async () => {
    const rows = [];
    // 150 exports over 2020-03-01..2020-03-15 (10 a day), and 5 sign-ins on 2020-03-10.
    for (let i = 0; i < 150; i++) {
      const at = new Date(Date.UTC(2020, 2, 1 + Math.floor(i / 10), 8, i % 10));
      rows.push({ at: at.toISOString().slice(0, 19).replace("T", " "), actor_id: i % 2 ? "u-odd" : "u-even", actor_role: "manager", action: "export", target: `tickets #${i}`, detail: "{}", ip: "" });
    }
    for (let i = 0; i < 5; i++) {
      rows.push({ at: `2020-03-10 12:00:0${i}`, actor_id: "u-odd", actor_role: "manager", action: "auth.sign_in", target: "odd@example.com", detail: "{}", ip: "" });
    }
    await db.get().insert("test.audit", "audit_log", rows);

    const list = admin().admin.audit.list;
    const page1 = await list({ action: "export" });
    expect(page1.total).toBe(150);
    expect(page1.rows).toHaveLength(100);
    expect(page1.rows[0]!.at).toBe("2020-03-15 08:09:00");
    const times = page1.rows.map((r) => r.at);
    expect([...times].sort().reverse()).toEqual(times);
    const page2 = await list({ action: "export", offset: 100 });
    expect(page2.total).toBe(150);
    expect(page2.rows).toHaveLength(50);
    expect(page2.rows.at(-1)!.at).toBe("2020-03-01 08:00:00");
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.target)).size).toBe(150);

    const days = await list({ action: "export", from: "2020-03-02", to: "2020-03-03" });
    expect(days.total).toBe(20);
    for (const r of days.rows) expect(r.at >= "2020-03-02" && r.at < "2020-03-04").toBe(true);

    const signIns = await list({ action: "auth.sign_in", from: "2020-03-10", to: "2020-03-10" });
    expect(signIns.total).toBe(5);
    expect(await list({ actor: "u-odd", from: "2020-03-01", to: "2020-03-31" })).toMatchObject({ total: 80 });
    // Target matches a part of the text, whatever its case: "#14" is #14 and #140–#149.
    expect(await list({ target: "TICKETS #14", from: "2020-03-01", to: "2020-03-31" })).toMatchObject({ total: 11 });
  });

  it("rejects malformed filters", async () => {
    await expect(admin().admin.audit.list({ from: "March" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // @ts-expect-error not an audit action
    await expect(admin().admin.audit.list({ action: "drop.table" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
