import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, can } from "../../server/auth/permissions";
import { scopeFilter, NO_TEAM } from "../../server/auth/scope";
import { appRouter } from "../../server/routers/root";

describe("every tRPC procedure declares its permission", () => {
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { permission?: string } } }>);

  it("has at least the dashboard procedures", () => {
    expect(procedures.map(([path]) => path)).toEqual(expect.arrayContaining(["overview.kpis", "drilldown.list", "meta.dataRange"]));
  });

  it.each(procedures.map(([path, p]) => [path, p._def.meta?.permission]))("%s → %s", (_path, permission) => {
    expect(PERMISSIONS).toContain(permission);
  });

  it("only roles meant to see dashboards may", () => {
    expect(ROLES.filter((r) => can(r, "dashboard.export"))).toEqual(["admin", "manager", "exec"]);
    expect(ROLES.filter((r) => can(r, "people.view"))).toEqual(["admin", "manager", "exec"]);
    expect(ROLES.filter((r) => can(r, "transcript.unredacted"))).toEqual(["admin", "qa"]);
    for (const p of ["admin.users", "admin.audit", "admin.keys"] as const) expect(ROLES.filter((r) => can(r, p))).toEqual(["admin"]);
  });
});

describe("team scope", () => {
  const filter = { from: "2026-01-01", to: "2026-01-31" };
  it("narrows to the caller's teams, keeps asked-for teams inside it, and matches nothing outside it", () => {
    expect(scopeFilter({ teamScope: null, agentScope: null }, { ...filter, team: ["B"] }).team).toEqual(["B"]);
    expect(scopeFilter({ teamScope: ["A", "C"], agentScope: null }, filter).team).toEqual(["A", "C"]);
    expect(scopeFilter({ teamScope: ["A", "C"], agentScope: null }, { ...filter, team: ["C", "B"] }).team).toEqual(["C"]);
    expect(scopeFilter({ teamScope: ["A"], agentScope: null }, { ...filter, team: ["B"] }).team).toEqual([NO_TEAM]);
  });
});
