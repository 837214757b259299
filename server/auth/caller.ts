import { env } from "../env";
import type { Role } from "./permissions";

/** Who is calling. Sign-in (a later issue) resolves this from the session cookie. */
export interface Caller {
  id: string;
  role: Role;
  /** Teams whose rows this caller may see; null = all teams. */
  teamScope: string[] | null;
}

/**
 * Until sign-in lands, every request acts as the local demo user whose role SI_DEMO_ROLE sets.
 * This is the single place the session lookup will plug in.
 */
export async function resolveCaller(_headers: Headers): Promise<Caller | null> {
  return { id: "demo", role: env().SI_DEMO_ROLE, teamScope: null };
}
