// The lines Sportello writes into a chat's thread, in the customer's language (the session's metadata.locale,
// set from the escalation's `locale`). Italian unless the customer asked for English.
import type { Prisma } from "@/lib/db/generated/client";
import type { Locale } from "@/lib/i18n/config";


export function sessionLocale(metadata: Prisma.JsonValue | null | undefined): Locale {
  const locale = (metadata as { locale?: unknown } | null | undefined)?.locale;
  return locale === "en" ? "en" : "it";
}

const texts = {
  it: {
    // "è in chat" takes no gender: right whoever the operator is.
    joined: (name: string) => `${name} è ora in chat.`,
    closedByOperator: () => "La chat è stata chiusa dall'operatore.",
    closedByCustomer: () => "La chat è stata chiusa dal cliente.",
    requeued: () => "L'operatore non è più disponibile: ti rimettiamo in coda.",
    ticketOpened: (number: number) => `Abbiamo aperto il ticket #${number}: riceverai la risposta via email/WhatsApp.`,
    handedBack: () => "L'operatore ha restituito la conversazione all'assistente virtuale.",
    takenOver: (name: string) => `${name}, responsabile del servizio, prosegue ora la conversazione per aiutarti al meglio. Grazie per la pazienza.`,
  },
  en: {
    joined: (name: string) => `${name} is now in the chat.`,
    closedByOperator: () => "The operator closed the chat.",
    closedByCustomer: () => "The customer closed the chat.",
    requeued: () => "The operator is no longer available: you are back in the queue.",
    ticketOpened: (number: number) => `We opened ticket #${number}: the answer will reach you by email/WhatsApp.`,
    handedBack: () => "The operator handed the conversation back to the assistant.",
    takenOver: (name: string) => `${name}, a supervisor, is taking over the conversation to help you further. Thank you for your patience.`,
  },
} satisfies Record<Locale, Record<string, (...args: never[]) => string>>;

export function systemText(locale: Locale) {
  return texts[locale];
}

/** The suffix after the operator's name in the "joined" line, for the escalation's SQL function. */
export function joinedSuffix(locale: Locale): string {
  return texts[locale].joined("");
}
