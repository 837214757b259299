import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { resolveCaller, type Caller } from "@/server/auth/caller";
import { can, type Permission } from "@/server/auth/permissions";

/** The signed-in caller of this render (one session lookup per request). */
export const currentCaller = cache(async (): Promise<Caller | null> => resolveCaller(await headers()));

/**
 * For pages: who is asking and whether their role may open the page. Nobody signed in → to the
 * sign-in page (and back here afterwards). The procedures check again: this only decides what
 * to render.
 */
export async function pageAccess(permission: Permission, path: string): Promise<{ caller: Caller; allowed: boolean }> {
  const caller = await currentCaller();
  if (!caller) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return { caller, allowed: can(caller.role, permission) };
}

/** The path and query of a page, for returning to it after sign-in. */
export function pathWithQuery(path: string, params: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) query.append(k, one);
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}
