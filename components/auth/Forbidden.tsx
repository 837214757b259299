import { cookies } from "next/headers";
import { LOCALE_COOKIE, MESSAGES, parseLocale } from "@/components/i18n/messages";

/** What a signed-in user sees on a page their role may not open. */
export async function Forbidden({ role }: { role: string }) {
  const t = MESSAGES[parseLocale((await cookies()).get(LOCALE_COOKIE)?.value)];
  return (
    <main className="overview" data-testid="forbidden">
      <h1>{t.forbiddenTitle}</h1>
      <p>{t.forbiddenBody.replace("{role}", role)}</p>
    </main>
  );
}
