import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AUDIT_ACTIONS } from "../../server/auth/audit";
import { resolveCaller } from "../../server/auth/caller";
import { handleSignIn, handleSignOut } from "../../server/auth/http";
import { hashPassword, verifyPassword } from "../../server/auth/password";
import { can, ROLES } from "../../server/auth/permissions";
import { createSession, findSession, revokeUserSessions, SESSION_COOKIE } from "../../server/auth/sessions";
import { AttemptLimiter, LOCKOUT, signIn } from "../../server/auth/sign-in";
import { createUser, updateUser } from "../../server/auth/users";
import { sql } from "../../server/clickhouse/sql";
import { appRouter, createCaller } from "../../server/routers/root";
import { testCaller } from "../helpers/callers";
import { withTestDb } from "../helpers/test-db";

const db = withTestDb("auth");
const HOUR = 3_600_000;
const PASSWORD = "correct horse battery";
let seq = 0;
const newUser = async (role: (typeof ROLES)[number] = "manager", over: { agentScope?: string } = {}) =>
  createUser(db.get(), { email: `user${++seq}@example.com`, role, password: PASSWORD, ...over });
const options = (over: Partial<Parameters<typeof signIn>[3]> = {}) => ({ ip: "10.0.0.1", sessionTtlMs: HOUR, limiter: new AttemptLimiter(), ...over });
const cookieHeaders = (token: string) => new Headers({ cookie: `other=1; ${SESSION_COOKIE}=${token}` });

async function auditRows(target: string) {
  return db.get().query(
    "test",
    sql`SELECT action, actor_id, detail, ip FROM audit_log WHERE target = ${target} ORDER BY at, action`,
    z.object({ action: z.string(), actor_id: z.string(), detail: z.string(), ip: z.string() }),
  );
}

describe("passwords", () => {
  it("are stored as salted scrypt hashes that verify only the same password", async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD + " ", a)).toBe(false);
    expect(await verifyPassword(PASSWORD, "scrypt$garbage")).toBe(false);
  });
});

describe("sign-in", () => {
  it("a right password opens a session that resolves to the user; every outcome is audited without the password", async () => {
    const user = await newUser("manager");
    const ok = await signIn(db.get(), user.email.toUpperCase(), PASSWORD, options());
    expect(ok).toMatchObject({ ok: true, user: { id: user.id, role: "manager" } });
    const caller = await resolveCaller(cookieHeaders((ok as { token: string }).token), db.get());
    expect(caller).toMatchObject({ id: user.id, email: user.email, role: "manager", teamScope: null, agentScope: null });

    expect(await signIn(db.get(), user.email, "wrong password!", options())).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(db.get(), "nobody@example.com", PASSWORD, options())).toEqual({ ok: false, reason: "invalid" });
    const rows = await auditRows(user.email);
    expect(rows.map((r) => r.action).sort()).toEqual(["auth.sign_in", "auth.sign_in_failed"]);
    expect(rows.find((r) => r.action === "auth.sign_in_failed")).toMatchObject({ actor_id: user.id, ip: "10.0.0.1" });
    expect(JSON.parse(rows.find((r) => r.action === "auth.sign_in_failed")!.detail)).toEqual({ reason: "wrong_password" });
    expect(JSON.parse((await auditRows("nobody@example.com"))[0]!.detail)).toEqual({ reason: "unknown_user" });
    for (const r of rows) expect(r.detail).not.toContain(PASSWORD);
  });

  it("refuses a disabled user with the same answer as a wrong password", async () => {
    const user = await newUser("exec");
    await updateUser(db.get(), user.id, { disabled: true });
    expect(await signIn(db.get(), user.email, PASSWORD, options())).toEqual({ ok: false, reason: "invalid" });
  });

  it(`locks an address after ${LOCKOUT.failures} failures, even for the right password, until the lock runs out`, async () => {
    const user = await newUser("qa");
    for (let i = 0; i < LOCKOUT.failures; i++) expect((await signIn(db.get(), user.email, `wrong-${i}-password`, options())).ok).toBe(false);
    const locked = await signIn(db.get(), user.email, PASSWORD, options());
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    expect((locked as { retryAfterS: number }).retryAfterS).toBeGreaterThan(LOCKOUT.lockMs / 1000 - 60);
    // Another address is not affected.
    const other = await newUser("qa");
    expect((await signIn(db.get(), other.email, PASSWORD, options())).ok).toBe(true);
    // After the lock (as seen 16 minutes later) the right password works again and the count restarts.
    const later = new Date(Date.now() + LOCKOUT.lockMs + 60_000);
    expect((await signIn(db.get(), user.email, PASSWORD, options({ now: later }))).ok).toBe(true);
  });

  it("limits attempts per client address", async () => {
    const user = await newUser("manager");
    const limiter = new AttemptLimiter({ attempts: 3, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) await signIn(db.get(), user.email, `wrong-${i}-password`, options({ limiter, ip: "10.9.9.9" }));
    expect(await signIn(db.get(), user.email, PASSWORD, options({ limiter, ip: "10.9.9.9" }))).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((await signIn(db.get(), user.email, PASSWORD, options({ limiter, ip: "10.9.9.10" }))).ok).toBe(true);
  });
});

describe("sessions", () => {
  it("expire", async () => {
    const user = await newUser("manager");
    const { token, expiresAt } = await createSession(db.get(), user.id, HOUR);
    expect(await findSession(db.get(), token)).toMatchObject({ userId: user.id });
    expect(await findSession(db.get(), token, new Date(expiresAt.getTime() + 1000))).toBeNull();
    const short = await createSession(db.get(), user.id, 1000, new Date(Date.now() - 5000));
    expect(await resolveCaller(cookieHeaders(short.token), db.get())).toBeNull();
  });

  it("end on sign-out, and all of a user's end when an admin revokes them", async () => {
    const user = await newUser("manager");
    const a = await createSession(db.get(), user.id, HOUR);
    const b = await createSession(db.get(), user.id, HOUR);
    await revokeUserSessions(db.get(), user.id);
    expect(await findSession(db.get(), a.token)).toBeNull();
    expect(await findSession(db.get(), b.token)).toBeNull();
    expect(await findSession(db.get(), "not a token")).toBeNull();
  });

  it("a disabled user's session no longer resolves", async () => {
    const user = await newUser("exec");
    const { token } = await createSession(db.get(), user.id, HOUR);
    expect(await resolveCaller(cookieHeaders(token), db.get())).not.toBeNull();
    await updateUser(db.get(), user.id, { disabled: true });
    expect(await resolveCaller(cookieHeaders(token), db.get())).toBeNull();
  });
});

describe("the sign-in and sign-out endpoints", () => {
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    new Request(`http://app.test${path}`, { method: "POST", body, headers: { host: "app.test", "content-type": "application/x-www-form-urlencoded", ...headers } });

  it("set an http-only SameSite cookie with an expiry and go back to the page asked for; sign-out ends the session", async () => {
    const user = await newUser("manager");
    const form = new URLSearchParams({ email: user.email, password: PASSWORD, next: "/teams?channel=phone" }).toString();
    const res = await handleSignIn(post("/api/auth/sign-in", form, { origin: "http://app.test" }), { db: db.get(), sessionTtlMs: HOUR, limiter: new AttemptLimiter() });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/teams?channel=phone");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=(3599|3600)/);
    expect(cookie).not.toMatch(/Secure/);
    const token = /=([^;]+);/.exec(cookie)![1]!;

    const https = await handleSignIn(post("/api/auth/sign-in", form, { "x-forwarded-proto": "https" }), { db: db.get(), sessionTtlMs: HOUR, limiter: new AttemptLimiter() });
    expect(https.headers.get("set-cookie")).toMatch(/Secure/);

    const out = await handleSignOut(post("/api/auth/sign-out", "", { cookie: `${SESSION_COOKIE}=${token}`, origin: "http://app.test" }), { db: db.get() });
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(await findSession(db.get(), token)).toBeNull();
    expect((await auditRows(user.email)).map((r) => r.action)).toContain("auth.sign_out");
  });

  it("refuse cross-site posts, send failures back to the form with the reason, and never redirect off-site", async () => {
    const user = await newUser("manager");
    const deps = { db: db.get(), sessionTtlMs: HOUR, limiter: new AttemptLimiter() };
    const good = new URLSearchParams({ email: user.email, password: PASSWORD }).toString();
    expect((await handleSignIn(post("/api/auth/sign-in", good, { origin: "https://evil.example" }), deps)).status).toBe(403);
    expect((await handleSignIn(post("/api/auth/sign-in", good, { "sec-fetch-site": "cross-site" }), deps)).status).toBe(403);
    const wrong = new URLSearchParams({ email: user.email, password: "nope nope nope", next: "//evil.example/x" }).toString();
    const failed = await handleSignIn(post("/api/auth/sign-in", wrong), deps);
    expect(failed.status).toBe(303);
    expect(failed.headers.get("location")).toBe("/sign-in?error=invalid");
    const offsite = new URLSearchParams({ email: user.email, password: PASSWORD, next: "https://evil.example/" }).toString();
    expect((await handleSignIn(post("/api/auth/sign-in", offsite), deps)).headers.get("location")).toBe("/");
    const json = await handleSignIn(post("/api/auth/sign-in", JSON.stringify({ email: user.email, password: "x" }), { "content-type": "application/json" }), deps);
    expect(json.status).toBe(401);
    expect((await handleSignIn(post("/api/auth/sign-in", "email=" + "a".repeat(10_000)), deps)).status).toBe(413);
  });
});

describe("every procedure × every role, as the matrix says", () => {
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string; meta?: { permission?: string } } }>);
  const ctx = (role: (typeof ROLES)[number] | null) => ({
    caller: role ? testCaller(role, role === "agent" ? { agentScope: "nobody" } : {}) : null,
    db: db.get(),
    timezone: "Asia/Shanghai",
    fcrWindowDays: 7,
    now: () => new Date("2026-07-01T00:00:00Z"),
  });
  /** Calls a procedure by its path with an input it may well refuse: only the permission check matters here. */
  async function outcome(role: (typeof ROLES)[number] | null, path: string): Promise<string> {
    let target: unknown = createCaller(ctx(role));
    for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
    try {
      await (target as (input: unknown) => Promise<unknown>)(undefined);
      return "ok";
    } catch (error) {
      return error instanceof TRPCError ? error.code : "other";
    }
  }

  it.each(ROLES.flatMap((role) => procedures.map(([path, p]) => [role, path, p._def.meta!.permission!] as const)))(
    "%s → %s (%s)",
    async (role, path, permission) => {
      const result = await outcome(role, path);
      if (can(role, permission as Parameters<typeof can>[1])) expect(["ok", "BAD_REQUEST"]).toContain(result);
      else expect(result).toBe("FORBIDDEN");
    },
  );

  it.each(procedures.map(([path]) => path))("nobody signed in → UNAUTHORIZED on %s", async (path) => {
    expect(await outcome(null, path)).toBe("UNAUTHORIZED");
  });
});

describe("the audit log", () => {
  it("knows each event type this build writes", () => {
    expect([...AUDIT_ACTIONS].sort()).toEqual(
      [
        "api_key.create",
        "api_key.revoke",
        "auth.sign_in",
        "auth.sign_in_failed",
        "auth.sign_out",
        "export",
        "transcript.view_unredacted",
        "user.create",
        "user.update",
      ].sort(),
    );
  });
});
