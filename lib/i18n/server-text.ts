import "server-only";
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/lib/i18n/config";
import emailIt from "@/lib/i18n/messages/it/email.json";
import emailEn from "@/lib/i18n/messages/en/email.json";
import systemIt from "@/lib/i18n/messages/it/system.json";
import systemEn from "@/lib/i18n/messages/en/system.json";
import whatsappIt from "@/lib/i18n/messages/it/whatsapp.json";
import whatsappEn from "@/lib/i18n/messages/en/whatsapp.json";

// Text the server writes (emails, WhatsApp messages, the lines Sportello adds to a thread), from the same catalogue folder and ICU format
// as the UI's (lib/i18n/messages.ts). Kept out of the UI bundle: browsers never render these.
export const serverMessages = {
  it: { email: emailIt, system: systemIt, whatsapp: whatsappIt },
  en: { email: emailEn, system: systemEn, whatsapp: whatsappEn },
} satisfies Record<Locale, Record<string, unknown>>;

type ServerMessages = (typeof serverMessages)["it"];

export function emailText(locale: Locale) {
  return createTranslator({ locale, messages: serverMessages[locale] as ServerMessages, namespace: "email" });
}

export function systemLines(locale: Locale) {
  return createTranslator({ locale, messages: serverMessages[locale] as ServerMessages, namespace: "system" });
}

export function whatsappText(locale: Locale) {
  return createTranslator({ locale, messages: serverMessages[locale] as ServerMessages, namespace: "whatsapp" });
}
