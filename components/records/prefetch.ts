import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/**
 * Loads a record into the page's query cache. Unknown or out-of-scope (NOT_FOUND), or an id the
 * server refuses (BAD_REQUEST), renders the not-found page with a 404; any other failure is left
 * to the client, which shows it and offers a retry.
 */
export async function prefetchRecord(load: () => Promise<unknown>): Promise<void> {
  try {
    await load();
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
  }
}

/**
 * The record id from the route's `[id]` segment. Next.js (16) hands page params over
 * percent-encoded (`encodeURIComponent` of the decoded segment), so they are decoded here once;
 * an undecodable value is taken as it is.
 */
export function recordIdFromParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}
