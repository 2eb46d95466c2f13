// All UI strings, one JSON file per feature namespace and locale. Add a namespace by importing its two files here.
import commonIt from "@/lib/i18n/messages/it/common.json";
import commonEn from "@/lib/i18n/messages/en/common.json";
import type { Locale } from "@/lib/i18n/config";

export const messages = {
  it: { common: commonIt },
  en: { common: commonEn },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof messages)["it"];

export function messagesFor(locale: Locale): Messages {
  return messages[locale] as Messages;
}
