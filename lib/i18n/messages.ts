// All UI strings, one JSON file per feature namespace and locale. Add a namespace by importing its two files here.
import commonIt from "@/lib/i18n/messages/it/common.json";
import commonEn from "@/lib/i18n/messages/en/common.json";
import authIt from "@/lib/i18n/messages/it/auth.json";
import authEn from "@/lib/i18n/messages/en/auth.json";
import chatIt from "@/lib/i18n/messages/it/chat.json";
import chatEn from "@/lib/i18n/messages/en/chat.json";
import operatorIt from "@/lib/i18n/messages/it/operator.json";
import operatorEn from "@/lib/i18n/messages/en/operator.json";
import adminIt from "@/lib/i18n/messages/it/admin.json";
import adminEn from "@/lib/i18n/messages/en/admin.json";
import ticketIt from "@/lib/i18n/messages/it/ticket.json";
import ticketEn from "@/lib/i18n/messages/en/ticket.json";
import embedIt from "@/lib/i18n/messages/it/embed.json";
import embedEn from "@/lib/i18n/messages/en/embed.json";
import faqIt from "@/lib/i18n/messages/it/faq.json";
import faqEn from "@/lib/i18n/messages/en/faq.json";
import contactsIt from "@/lib/i18n/messages/it/contacts.json";
import contactsEn from "@/lib/i18n/messages/en/contacts.json";
import customerIt from "@/lib/i18n/messages/it/customer.json";
import customerEn from "@/lib/i18n/messages/en/customer.json";
import cannedIt from "@/lib/i18n/messages/it/canned.json";
import cannedEn from "@/lib/i18n/messages/en/canned.json";
import superviseIt from "@/lib/i18n/messages/it/supervise.json";
import superviseEn from "@/lib/i18n/messages/en/supervise.json";
import teamsIt from "@/lib/i18n/messages/it/teams.json";
import teamsEn from "@/lib/i18n/messages/en/teams.json";
import type { Locale } from "@/lib/i18n/config";

export const messages = {
  it: { common: commonIt, auth: authIt, chat: chatIt, operator: operatorIt, admin: adminIt, ticket: ticketIt, embed: embedIt, faq: faqIt, contacts: contactsIt, customer: customerIt, canned: cannedIt, supervise: superviseIt, teams: teamsIt },
  en: { common: commonEn, auth: authEn, chat: chatEn, operator: operatorEn, admin: adminEn, ticket: ticketEn, embed: embedEn, faq: faqEn, contacts: contactsEn, customer: customerEn, canned: cannedEn, supervise: superviseEn, teams: teamsEn },
} satisfies Record<Locale, Record<string, unknown>>;

export type Messages = (typeof messages)["it"];

export function messagesFor(locale: Locale): Messages {
  return messages[locale] as Messages;
}
