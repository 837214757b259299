import { cookies } from "next/headers";
import Link from "next/link";
import { LOCALE_COOKIE, MESSAGES, parseLocale } from "@/components/i18n/messages";

/** An unknown record, or one outside the caller's scope: the same page, so neither is confirmed. */
export default async function RecordNotFound() {
  const t = MESSAGES[parseLocale((await cookies()).get(LOCALE_COOKIE)?.value)];
  return (
    <main className="overview record">
      <Link href="/" className="record-back">
        {t.recBack}
      </Link>
      <section className="panel" data-testid="record-not-found">
        <h1>{t.recNotFound}</h1>
        <p>{t.recNotFoundBody}</p>
      </section>
    </main>
  );
}
