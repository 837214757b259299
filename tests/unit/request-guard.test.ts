import { describe, expect, it } from "vitest";
import { crossSiteRefusal, readSmallBody, safeNextPath } from "../../server/auth/request-guard";

/** The generic guards in front of the state-changing routes (sign-in, sign-out, admin forms). */

function post(headers: Record<string, string>, body?: string): Request {
  return new Request("http://app.example:3000/api/auth/sign-in", { method: "POST", headers, body });
}

describe("crossSiteRefusal", () => {
  const host = { host: "app.example:3000" };

  it("refuses what the browser says is cross-site or same-site (another subdomain)", () => {
    expect(crossSiteRefusal(post({ ...host, "sec-fetch-site": "cross-site" }))).toMatch(/cross-site/);
    expect(crossSiteRefusal(post({ ...host, "sec-fetch-site": "same-site", origin: "http://app.example:3000" }))).toMatch(/same-site/);
    expect(crossSiteRefusal(post({ ...host, "sec-fetch-site": "cross-site", origin: "http://app.example:3000" }))).not.toBeNull();
  });

  it("refuses a foreign, opaque or malformed Origin", () => {
    expect(crossSiteRefusal(post({ ...host, origin: "https://evil.example" }))).toMatch(/evil\.example/);
    // Same name, other port, or the name as a prefix of another: still another origin.
    expect(crossSiteRefusal(post({ ...host, origin: "http://app.example:4000" }))).not.toBeNull();
    expect(crossSiteRefusal(post({ ...host, origin: "http://app.example:3000.evil.example" }))).not.toBeNull();
    expect(crossSiteRefusal(post({ ...host, origin: "http://evil.example/app.example:3000" }))).not.toBeNull();
    expect(crossSiteRefusal(post({ ...host, origin: "null" }))).toMatch(/opaque/);
    expect(crossSiteRefusal(post({ ...host, origin: "not a url" }))).toMatch(/malformed/);
    // A foreign Origin is refused even when Sec-Fetch-Site claims same-origin.
    expect(crossSiteRefusal(post({ ...host, origin: "https://evil.example", "sec-fetch-site": "same-origin" }))).not.toBeNull();
    // No Host to compare with: nothing vouches for the Origin.
    expect(crossSiteRefusal(new Request("http://x/", { method: "POST", headers: { origin: "http://x" } }))).not.toBeNull();
  });

  it("allows the same origin, also behind a proxy", () => {
    expect(crossSiteRefusal(post({ ...host, origin: "http://app.example:3000" }))).toBeNull();
    expect(crossSiteRefusal(post({ ...host, origin: "http://app.example:3000", "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(crossSiteRefusal(post({ host: "127.0.0.1:3000", "x-forwarded-host": "insights.example", origin: "https://insights.example" }))).toBeNull();
    expect(crossSiteRefusal(post({ host: "insights.example", "x-forwarded-host": "proxy.internal", origin: "https://insights.example" }))).not.toBeNull();
  });

  it("allows requests without Origin (curl, API clients) and user-initiated navigations", () => {
    expect(crossSiteRefusal(post(host))).toBeNull();
    expect(crossSiteRefusal(post({ ...host, "sec-fetch-site": "none" }))).toBeNull();
    expect(crossSiteRefusal(post({ ...host, "sec-fetch-site": "same-origin" }))).toBeNull();
  });
});

describe("safeNextPath", () => {
  it("keeps a path on this site", () => {
    expect(safeNextPath("/teams?x=1")).toBe("/teams?x=1");
    expect(safeNextPath("/")).toBe("/");
    expect(safeNextPath("/drill/tickets#row-3")).toBe("/drill/tickets#row-3");
    expect(safeNextPath("/工单?q=%27")).toBe("/工单?q=%27");
  });

  it("sends anything else home", () => {
    const hostile: unknown[] = [
      "//evil.com",
      "//evil.com/path",
      "/\\evil",
      "/\\/evil.com",
      "\\\\evil.com",
      "https://evil",
      "http://evil.com/",
      "javascript:alert(1)",
      "data:text/html,x",
      "evil.com",
      " /teams",
      "",
      "/teams\nSet-Cookie: x=1",
      "/teams\r\n",
      "/\t/evil.com",
      "/\u0000",
      `/${"a".repeat(2000)}`,
      undefined,
      null,
      42,
      ["/teams"],
      { toString: () => "/teams" },
    ];
    for (const value of hostile) expect(safeNextPath(value), JSON.stringify(value)).toBe("/");
  });
});

describe("readSmallBody", () => {
  const form = { "content-type": "application/x-www-form-urlencoded" };
  const json = { "content-type": "application/json" };

  it("reads a form or JSON object within the limit", async () => {
    expect(await readSmallBody(post(form, "email=a%40b.c&password=x%27y"), 100)).toEqual({ email: "a@b.c", password: "x'y" });
    expect(await readSmallBody(post(json, '{"email":"a@b.c","n":1}'), 100)).toEqual({ email: "a@b.c", n: 1 });
    // Exactly at the limit is allowed.
    expect(await readSmallBody(post(form, "a=".padEnd(100, "x")), 100)).toEqual({ a: "x".repeat(98) });
  });

  it("returns null for a body over the limit, declared or not", async () => {
    expect(await readSmallBody(post(form, "a=".padEnd(101, "x")), 100)).toBeNull();
    expect(await readSmallBody(post(json, JSON.stringify({ a: "x".repeat(10_000) })), 1000)).toBeNull();
    expect(await readSmallBody(post({ ...form, "content-length": "1000000" }, "a=1"), 100)).toBeNull();
    // The limit is in bytes: 60 characters of 2 bytes each are 120 bytes.
    expect(await readSmallBody(post(form, `a=${"é".repeat(60)}`), 100)).toBeNull();
  });

  it("turns malformed or non-object JSON into an empty object", async () => {
    expect(await readSmallBody(post(json, "{not json"), 100)).toEqual({});
    expect(await readSmallBody(post(json, '["a"]'), 100)).toEqual({});
    expect(await readSmallBody(post(json, "null"), 100)).toEqual({});
    expect(await readSmallBody(post(json, '"x"'), 100)).toEqual({});
  });
});
