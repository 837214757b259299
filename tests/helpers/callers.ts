import type { Caller } from "../../server/auth/caller";
import type { Role } from "../../server/auth/permissions";

/** A signed-in caller for procedure tests (what resolveCaller returns for a session). */
export function testCaller(role: Role, over: Partial<Caller> = {}): Caller {
  return { id: `${role}-1`, email: `${role}@example.com`, displayName: role, role, teamScope: null, agentScope: null, ...over };
}
