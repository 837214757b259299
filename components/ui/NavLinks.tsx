"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLocale } from "@/components/i18n/locale";
import { NAV_ITEMS } from "./nav-items";

/** The links the server decided this caller may see (by href). */
export function NavLinks({ allowed }: { allowed: readonly string[] }) {
  const pathname = usePathname();
  const { t } = useLocale();
  return (
    <>
      {NAV_ITEMS.filter((item) => allowed.includes(item.href)).map((item) => (
        <Link key={item.href} href={item.href} aria-current={pathname === item.href ? "page" : undefined} data-testid={`nav-${item.href}`}>
          {t[item.label]}
        </Link>
      ))}
    </>
  );
}
