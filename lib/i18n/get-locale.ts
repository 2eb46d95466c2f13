import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, toLocale, type Locale } from "@/lib/i18n/config";

/** The request's UI locale: the explicit choice (cookie) first, then the browser's language, then Italian. */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (chosen) return toLocale(chosen);
  const accept = (await headers()).get("accept-language");
  return toLocale(accept?.split(",")[0]);
}
