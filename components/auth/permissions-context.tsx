"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { Permission } from "@/server/auth/permissions";

const PermissionsContext = createContext<readonly Permission[]>([]);

/** The signed-in caller's permissions, for hiding what their role cannot do (the server is the guard). */
export function PermissionsProvider({ permissions, children }: { permissions: readonly Permission[]; children: ReactNode }) {
  return <PermissionsContext.Provider value={permissions}>{children}</PermissionsContext.Provider>;
}

export function useCan(permission: Permission): boolean {
  return useContext(PermissionsContext).includes(permission);
}
