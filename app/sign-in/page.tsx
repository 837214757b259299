import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { currentCaller } from "@/components/auth/guard";
import { LOCALE_COOKIE, MESSAGES, parseLocale } from "@/components/i18n/messages";
import { safeNextPath } from "@/server/auth/request-guard";

export const dynamic = "force-dynamic";

/** A plain form posting to /api/auth/sign-in: it works before (and without) any JavaScript. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : "/");
  if (await currentCaller()) redirect(next);
  const t = MESSAGES[parseLocale((await cookies()).get(LOCALE_COOKIE)?.value)];
  const wait = typeof params.wait === "string" && /^\d{1,4}$/.test(params.wait) ? params.wait : "15";
  const error =
    params.error === "invalid" ? t.signInInvalid : params.error === "locked" ? t.signInLocked : params.error === "rate_limited" ? t.signInRateLimited : null;
  return (
    <main className="sign-in">
      <h1>{t.signIn}</h1>
      {error && (
        <p className="error" role="alert" data-testid="sign-in-error">
          {error.replace("{wait}", wait)}
        </p>
      )}
      <form method="post" action="/api/auth/sign-in">
        <input type="hidden" name="next" value={next} />
        <label>
          {t.email}
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label>
          {t.password}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" data-testid="sign-in-submit">
          {t.signIn}
        </button>
      </form>
    </main>
  );
}
