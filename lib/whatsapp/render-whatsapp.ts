import "server-only";
import { DeliveryError } from "@/lib/net/delivery-error";
import { NotificationPayload, outcomeLabel, priorityLabel } from "@/lib/schemas/notification-payload";
import { ticketCreatedMessage } from "@/lib/i18n/ticket-created-message";
import type { Locale } from "@/lib/i18n/config";
import { emailText, whatsappText } from "@/lib/i18n/server-text";

/** The approved templates Sportello uses outside the 24-hour window (Content SIDs in TWILIO_TEMPLATE_*_SID). */
export type WhatsappTemplateName = "ticket_update" | "admin_alert";

export interface RenderedWhatsapp {
  /** The free-form text, allowed only inside the customer's 24-hour window. */
  body: string;
  /** The same news as an approved template: {{1}} a short reference, {{2}} the text. */
  template: { name: WhatsappTemplateName; variables: { "1": string; "2": string } };
  /** Only inside the 24-hour window, never as a template (a survey is no reason to open a conversation). */
  freeformOnly?: boolean;
  /** A file to send with the free-form message (Twilio fetches it); a template carries the text only. */
  mediaUrl?: string;
}

// Twilio refuses WhatsApp bodies over 1,600 characters.
const MAX_BODY = 1_600;
// Template variables may not hold newlines, tabs or runs of spaces, and the whole template stays under 1,024.
const MAX_VARIABLE = 700;

export function templateVariable(value: string, max = MAX_VARIABLE): string {
  const flat = value.replace(/[\r\n\t]+/g, " ").replace(/ {2,}/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat || "-";
}

function truncateBody(value: string): string {
  return value.length > MAX_BODY ? `${value.slice(0, MAX_BODY - 1)}…` : value;
}

const lines = (...parts: (string | undefined | false)[]) => parts.filter(Boolean).join("\n");

function customerUpdate(reference: string, body: string): RenderedWhatsapp {
  return { body, template: { name: "ticket_update", variables: { "1": templateVariable(reference, 60), "2": templateVariable(body) } } };
}

function adminAlert(title: string, body: string): RenderedWhatsapp {
  return { body: lines(title, body), template: { name: "admin_alert", variables: { "1": templateVariable(title, 120), "2": templateVariable(body) } } };
}

function render(kind: string, data: NotificationPayload, l: Locale): RenderedWhatsapp {
  const t = whatsappText(l);
  switch (kind) {
    case "ticket_created_customer":
    case "queue_timeout_ticket": {
      const number = Number(data.required("ticket_number"));
      const text = ticketCreatedMessage(number, data.number("sla_hours") ?? 24, l);
      return customerUpdate(`#${number}`, lines(text, data.text("ticket_url")));
    }
    case "ticket_reply": {
      const number = data.required("ticket_number");
      const who = data.text("operator_name");
      const heading = who ? t("ticketReplyFrom", { number, who }) : t("ticketReply", { number });
      const mediaUrl = data.text("media_url");
      return { ...customerUpdate(`#${number}`, lines(heading, data.required("body"), data.text("ticket_url"))), ...(mediaUrl ? { mediaUrl } : {}) };
    }
    case "queue_position": {
      const position = data.required("position");
      const wait = data.text("estimated_wait") ?? "?";
      // The same words as the email's.
      return customerUpdate(t("queueReference"), emailText(l)("queuePosition.body", { position, wait }));
    }
    case "csat_request": {
      const ratingUrl = data.text("rating_url");
      if (ratingUrl) {
        return { ...customerUpdate("chat", lines(t("csatChat"), ratingUrl)), freeformOnly: true };
      }
      const number = data.required("ticket_number");
      return { ...customerUpdate(`#${number}`, lines(t("csatTicket", { number }), data.required("ticket_url"))), freeformOnly: true };
    }
    case "session_message": {
      const who = data.text("operator_name");
      const body = data.required("body");
      const mediaUrl = data.text("media_url");
      return { ...customerUpdate("chat", who ? `*${who}*: ${body}` : body), ...(mediaUrl ? { mediaUrl } : {}) };
    }
    case "ticket_created_admin": {
      const number = data.required("ticket_number");
      const priority = priorityLabel(l, data.text("priority"));
      const title = t("ticketCreatedAdmin", { number, priority: priority ?? emailText(l)("ticketCreatedAdmin.defaultPriority") });
      const contact = [data.text("customer_email"), data.text("customer_phone")].filter(Boolean).join(" · ");
      return adminAlert(title, lines(data.text("question"), contact || undefined));
    }
    case "urgent_escalation_admin": {
      const outcome = outcomeLabel(l, data.text("outcome"));
      const title = outcome ? t("urgentEscalationOutcome", { outcome }) : t("urgentEscalation");
      return adminAlert(title, lines(data.required("question"), data.text("user_id")));
    }
    case "sla_breach_admin": {
      const number = data.required("ticket_number");
      const title = t("slaBreach", { number });
      return adminAlert(title, lines(data.text("question"), data.text("admin_url")));
    }
    case "missed_assignment_admin": {
      const who = data.strings("operators").join(", ") || data.text("last_operator_name") || data.text("operator_name");
      return adminAlert(t("missedAssignment"), lines(who && t("letGoBy", { who }), data.text("question")));
    }
    case "webhook_disabled_admin": {
      return adminAlert(t("webhookDisabled"), lines(data.required("url"), data.text("reason")));
    }
    default:
      throw new DeliveryError(`no WhatsApp template for "${kind}"`, { retryable: false, code: "unknown_kind" });
  }
}

/** The WhatsApp text of a notification and its template form, in Italian or English. */
export function renderWhatsapp(kind: string, payload: unknown, locale: Locale): RenderedWhatsapp {
  const rendered = render(kind, NotificationPayload.from(kind, payload), locale);
  return { ...rendered, body: truncateBody(rendered.body) };
}
