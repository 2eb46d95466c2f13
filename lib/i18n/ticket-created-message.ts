import "server-only";
import type { Locale } from "@/lib/i18n/config";
import { systemLines } from "@/lib/i18n/server-text";

/**
 * What the customer is told when their request becomes a ticket (the escalation's answer, the WhatsApp reply, the
 * queue timeout's line), with when operators are back if the desk is closed.
 */
export function ticketCreatedMessage(number: number, slaHours: number, locale = "it", reopens?: { at: Date; timeZone: string } | null): string {
  const l: Locale = locale === "en" ? "en" : "it";
  const t = systemLines(l);
  const within = slaHours >= 1 ? `${Math.round(slaHours)}h` : `${Math.round(slaHours * 60)} min`;
  if (!reopens) return t("ticketCreated", { number: String(number), within });
  const when = new Intl.DateTimeFormat(l === "en" ? "en-GB" : "it-IT", {
    timeZone: reopens.timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
  }).format(reopens.at);
  return t("ticketCreatedOperatorsBack", { number: String(number), within, when });
}
