"use client";

import { createContext, useContext, type ReactNode } from "react";
import { LOCALE_COOKIE, MESSAGES, type Locale, type Messages } from "./messages";

const LocaleContext = createContext<Locale>("en");

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/** The caller's language and its UI strings; `pick` chooses the side of a bilingual label. */
export function useLocale(): { locale: Locale; t: Messages; pick: (text: { en: string; zh: string }) => string } {
  const locale = useContext(LocaleContext);
  return { locale, t: MESSAGES[locale], pick: (text) => text[locale] };
}

/** Switches language: a cookie the server reads, then a reload so server-rendered text follows. */
export function LocaleSwitch() {
  const { locale } = useLocale();
  const next: Locale = locale === "en" ? "zh" : "en";
  return (
    <button
      type="button"
      className="locale-switch"
      data-testid="locale-switch"
      onClick={() => {
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        window.location.reload();
      }}
    >
      {next === "zh" ? "中文" : "English"}
    </button>
  );
}
