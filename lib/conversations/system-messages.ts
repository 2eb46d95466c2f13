// The lines Sportello writes into a chat's thread, in the customer's language (the session's metadata.locale,
// set from the escalation's `locale`). Italian unless the customer asked for English.
import type { Prisma } from "@/lib/db/generated/client";
import type { Locale } from "@/lib/i18n/config";
import { systemLines } from "@/lib/i18n/server-text";

export function sessionLocale(metadata: Prisma.JsonValue | null | undefined): Locale {
  const locale = (metadata as { locale?: unknown } | null | undefined)?.locale;
  return locale === "en" ? "en" : "it";
}

/** The thread lines, from the server catalogue (lib/i18n/messages/<locale>/system.json). */
export function systemText(locale: Locale) {
  const t = systemLines(locale);
  return {
    // "è in chat" takes no gender: right whoever the operator is.
    joined: (name: string) => t("joined", { name }),
    closedByOperator: () => t("closedByOperator"),
    closedByCustomer: () => t("closedByCustomer"),
    requeued: () => t("requeued"),
    ticketOpened: (number: number) => t("ticketOpened", { number: String(number) }),
    handedBack: () => t("handedBack"),
    takenOver: (name: string) => t("takenOver", { name }),
    /** Sent over WhatsApp when an escalation from that channel is assigned. */
    operatorContacting: () => t("operatorContacting"),
    passedToColleague: () => t("passedToColleague"),
    queueTimeout: () => t("queueTimeout"),
    continueOnWhatsapp: (position: number) => t("continueOnWhatsapp", { position: String(position) }),
  };
}

const joinedSuffixes = new Map<Locale, string>();

/**
 * The suffix after the operator's name in the "joined" line, for the escalation's SQL function. Formatted once per
 * locale (the catalogue is fixed for the process): a translator per escalation was 1 % of the server's CPU.
 */
export function joinedSuffix(locale: Locale): string {
  let suffix = joinedSuffixes.get(locale);
  if (suffix === undefined) joinedSuffixes.set(locale, (suffix = systemText(locale).joined("")));
  return suffix;
}
