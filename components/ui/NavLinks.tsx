"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLocale } from "@/components/i18n/locale";

export function NavLinks() {
  const pathname = usePathname();
  const { t } = useLocale();
  const links = [
    { href: "/", label: t.overview },
    { href: "/teams", label: t.people },
  ];
  return (
    <>
      {links.map((l) => (
        <Link key={l.href} href={l.href} aria-current={pathname === l.href ? "page" : undefined}>
          {l.label}
        </Link>
      ))}
    </>
  );
}
