// Locales of the UI. Italian first, as the product's home market; English selectable. Browser-safe.
export const LOCALES = ["it", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "it";
export const LOCALE_COOKIE = "sportello_locale";

export function toLocale(value: string | null | undefined): Locale {
  const short = value?.slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(short ?? "") ? (short as Locale) : DEFAULT_LOCALE;
}
