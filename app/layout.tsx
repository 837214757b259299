import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { currentCaller } from "@/components/auth/guard";
import { PermissionsProvider } from "@/components/auth/permissions-context";
import { LocaleProvider, LocaleSwitch } from "@/components/i18n/locale";
import { LOCALE_COOKIE, MESSAGES, parseLocale } from "@/components/i18n/messages";
import { NavLinks } from "@/components/ui/NavLinks";
import { NAV_ITEMS } from "@/components/ui/nav-items";
import { TRPCReactProvider } from "@/components/trpc/client";
import { can, ROLE_PERMISSIONS } from "@/server/auth/permissions";
import "./globals.css";

export const metadata: Metadata = {
  title: "Support Insights",
  description: "KPIs, quality and hotspots of customer-support operations",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = parseLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const t = MESSAGES[locale];
  const caller = await currentCaller();
  const allowed = caller ? NAV_ITEMS.filter((item) => can(caller.role, item.permission)).map((item) => item.href) : [];
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body>
        <LocaleProvider locale={locale}>
          <nav className="top-nav" aria-label="Main">
            <strong>Support Insights</strong>
            <NavLinks allowed={allowed} />
            <span className="nav-spacer" />
            {caller && (
              <span className="whoami" data-testid="whoami">
                {caller.displayName || caller.email} · {t[`role_${caller.role}`]}
              </span>
            )}
            <LocaleSwitch />
            {caller && (
              <form method="post" action="/api/auth/sign-out">
                <button type="submit" className="sign-out" data-testid="sign-out">
                  {t.signOut}
                </button>
              </form>
            )}
          </nav>
          <PermissionsProvider permissions={caller ? ROLE_PERMISSIONS[caller.role] : []}>
            <TRPCReactProvider>{children}</TRPCReactProvider>
          </PermissionsProvider>
        </LocaleProvider>
      </body>
    </html>
  );
}
