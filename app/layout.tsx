import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { LocaleProvider, LocaleSwitch } from "@/components/i18n/locale";
import { LOCALE_COOKIE, parseLocale } from "@/components/i18n/messages";
import { NavLinks } from "@/components/ui/NavLinks";
import { TRPCReactProvider } from "@/components/trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: "Support Insights",
  description: "KPIs, quality and hotspots of customer-support operations",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = parseLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body>
        <LocaleProvider locale={locale}>
        <nav className="top-nav" aria-label="Main">
          <strong>Support Insights</strong>
          <NavLinks />
          <LocaleSwitch />
        </nav>
        <TRPCReactProvider>{children}</TRPCReactProvider>
        </LocaleProvider>
      </body>
    </html>
  );
}
