import "server-only";
import { cookies } from "next/headers";
import { DEFAULT_LOCALE, LOCALE_COOKIE, toLocale, type Locale } from "@/lib/i18n/config";

/** The request's UI locale: Italian by default; English when the user chose it (the language switcher's cookie). */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  return chosen ? toLocale(chosen) : DEFAULT_LOCALE;
}
