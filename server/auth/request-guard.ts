/**
 * Cross-site request forgery: a state-changing request must come from our own pages. Browsers
 * send Origin on every POST (and Sec-Fetch-Site); a request whose Origin is another site, or
 * which says it is cross-site, is refused. Scripts without a browser (curl, API clients) send
 * neither and carry no session cookie of a victim, so they pass this check and meet the others.
 */
export function crossSiteRefusal(req: Request): string | null {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `${site} request refused`;
  const origin = req.headers.get("origin");
  if (origin === null) return null;
  if (origin === "null") return "request from an opaque origin refused";
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return "malformed Origin refused";
  }
  return host && originHost === host ? null : `request from another origin (${originHost}) refused`;
}

/** Whether the browser reached us over https (directly or through a proxy), for the Secure cookie flag. */
export function isHttps(req: Request): boolean {
  return (req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "")) === "https";
}

/** Reads a small body (form or JSON) with a size cap; null when too large. */
export async function readSmallBody(req: Request, maxBytes: number): Promise<Record<string, unknown> | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return null;
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) return null;
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    try {
      const value = JSON.parse(text) as unknown;
      return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** A path on this site to return to after sign-in; anything else (another host, //evil) → "/". */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.length > 2000 || /[\u0000-\u001f]/.test(value)) return "/";
  return value;
}
