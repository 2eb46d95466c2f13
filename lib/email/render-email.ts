import "server-only";
import { appUrl, env } from "@/lib/env";
import { DeliveryError } from "@/lib/net/delivery-error";
import {
  durationLabel,
  formatDateTime,
  NotificationPayload,
  outcomeLabel,
  priorityLabel,
  reasonLabel,
} from "@/lib/schemas/notification-payload";
import type { Locale } from "@/lib/i18n/config";
import { emailText } from "@/lib/i18n/server-text";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

// An email is a heading and blocks; text and HTML are both rendered from them, so the two parts never disagree.
type Block =
  | { kind: "p"; text: string }
  | { kind: "quote"; text: string }
  | { kind: "fields"; rows: [string, string | undefined][] }
  | { kind: "transcript"; lines: { who: string; at?: string; text: string }[] };

interface EmailContent {
  subject: string;
  heading: string;
  blocks: Block[];
  action?: { label: string; url: string };
  footer?: string;
}

const p = (text: string): Block => ({ kind: "p", text });
const quote = (text: string): Block => ({ kind: "quote", text });

function adminUrl(data: NotificationPayload): string {
  return data.text("admin_url") ?? env().ADMIN_URL ?? `${appUrl()}/admin`;
}

type EmailText = ReturnType<typeof emailText>;

function ticketCreatedCustomer(data: NotificationPayload, l: Locale, afterQueue: boolean): EmailContent {
  const t = emailText(l);
  const number = data.required("ticket_number");
  const within = durationLabel(l, data.number("sla_hours") ?? 24);
  const question = data.text("question");
  const url = data.text("ticket_url");
  const byWhatsapp = Boolean(data.text("customer_phone"));
  return {
    subject: t("ticketCreatedCustomer.subject", { number, within }),
    heading: t(afterQueue ? "ticketCreatedCustomer.headingAfterQueue" : "ticketCreatedCustomer.heading"),
    blocks: [
      p(t(afterQueue ? "ticketCreatedCustomer.introAfterQueue" : "ticketCreatedCustomer.intro", { number })),
      ...(question ? [quote(question)] : []),
      p(t("ticketCreatedCustomer.answerWithin", { within, byWhatsapp: String(byWhatsapp) })),
    ],
    action: url ? { label: t("ticketCreatedCustomer.action"), url } : undefined,
  };
}

function ticketCreatedAdmin(data: NotificationPayload, l: Locale): EmailContent {
  const t = emailText(l);
  const number = data.required("ticket_number");
  const priority = priorityLabel(l, data.text("priority"));
  const sla = data.number("sla_hours");
  return {
    subject: t("ticketCreatedAdmin.subject", { number, priority: priority ?? t("ticketCreatedAdmin.defaultPriority") }),
    heading: t("ticketCreatedAdmin.heading", { number }),
    blocks: [
      {
        kind: "fields",
        rows: [
          [t("ticketCreatedAdmin.priority"), priority],
          [t("ticketCreatedAdmin.customerEmail"), data.text("customer_email")],
          [t("ticketCreatedAdmin.customerPhone"), data.text("customer_phone")],
          [t("ticketCreatedAdmin.reason"), reasonLabel(l, data.text("reason"))],
          [t("ticketCreatedAdmin.firstAnswerDue"), sla === undefined ? undefined : durationLabel(l, sla)],
        ],
      },
      ...questionQuote(data),
    ],
    action: { label: t("ticketCreatedAdmin.action"), url: adminUrl(data) },
  };
}

function urgentEscalationAdmin(data: NotificationPayload, l: Locale): EmailContent {
  const t = emailText(l);
  const outcome = outcomeLabel(l, data.text("outcome"));
  return {
    subject: t("urgentEscalationAdmin.subject", { outcome: outcome ?? t("urgentEscalationAdmin.defaultOutcome") }),
    heading: t("urgentEscalationAdmin.heading"),
    blocks: [
      { kind: "fields", rows: [[t("urgentEscalationAdmin.customer"), data.text("user_id")], [t("urgentEscalationAdmin.outcome"), outcome]] },
      quote(data.required("question")),
    ],
    action: { label: t("urgentEscalationAdmin.action"), url: `${appUrl()}/operator` },
  };
}

/** Who signed an answer: the operator's name, else "our team". */
function author(data: NotificationPayload, t: EmailText): string {
  return data.text("operator_name") ?? t("ourTeam");
}

function questionQuote(data: NotificationPayload): Block[] {
  const question = data.text("question");
  return question ? [quote(question)] : [];
}

function ticketReply(data: NotificationPayload, l: Locale): EmailContent {
  const t = emailText(l);
  const number = data.required("ticket_number");
  const url = data.text("ticket_url");
  return {
    subject: t("ticketReply.subject", { number }),
    heading: t("ticketReply.heading", { who: author(data, t) }),
    blocks: [quote(data.required("body")), p(t("ticketReply.body"))],
    action: url ? { label: t("ticketReply.action"), url } : undefined,
  };
}

const SENDERS = ["customer", "operator", "system", "bot"] as const;

function transcript(data: NotificationPayload, l: Locale): EmailContent {
  const t = emailText(l);
  const sender = (value: unknown) => (SENDERS as readonly unknown[]).includes(value) ? t(`transcript.${value as (typeof SENDERS)[number]}`) : undefined;
  const lines = data.list("messages").map((m) => ({
    who: (typeof m.operator_name === "string" && m.operator_name) || sender(m.sender) || String(m.sender ?? ""),
    at: formatDateTime(l, typeof m.created_at === "string" ? m.created_at : undefined, data.text("time_zone")),
    text: String(m.body ?? ""),
  }));
  if (lines.length === 0) throw new DeliveryError("payload of transcript has no messages", { retryable: false, code: "invalid_payload" });
  return { subject: t("transcript.subject"), heading: t("transcript.heading"), blocks: [{ kind: "transcript", lines }] };
}

function resumeLink(data: NotificationPayload, l: Locale): EmailContent {
  const t = emailText(l);
  const url = data.required("url");
  const minutes = String(data.number("expires_minutes") ?? 30);
  return {
    subject: t("resumeLink.subject"),
    heading: t("resumeLink.heading"),
    blocks: [p(t("resumeLink.body", { minutes }))],
    action: { label: t("resumeLink.action"), url },
    footer: t("resumeLink.footer"),
  };
}

function authLink(data: NotificationPayload, l: Locale): EmailContent {
  const t = emailText(l);
  const name = data.text("name");
  return {
    subject: t("authLink.subject"),
    heading: name ? t("authLink.headingNamed", { name }) : t("authLink.heading"),
    blocks: [p(t("authLink.body"))],
    action: { label: t("authLink.action"), url: data.required("url") },
    footer: t("authLink.footer"),
  };
}

function slaBreachAdmin(data: NotificationPayload, l: Locale): EmailContent {
  const t = emailText(l);
  const number = data.required("ticket_number");
  const due = formatDateTime(l, data.text("due_at"), data.text("time_zone"));
  return {
    subject: t("slaBreachAdmin.subject", { number }),
    heading: t("slaBreachAdmin.heading", { number }),
    blocks: [
      {
        kind: "fields",
        rows: [
          [t("slaBreachAdmin.priority"), priorityLabel(l, data.text("priority"))],
          [t("slaBreachAdmin.due"), due],
          [t("slaBreachAdmin.overdue"), data.text("overdue_minutes")],
        ],
      },
      ...questionQuote(data),
    ],
    action: { label: t("slaBreachAdmin.action"), url: adminUrl(data) },
  };
}

function webhookDisabledAdmin(data: NotificationPayload, l: Locale): EmailContent {
  const t = emailText(l);
  return {
    subject: t("webhookDisabledAdmin.subject"),
    heading: t("webhookDisabledAdmin.heading"),
    blocks: [
      {
        kind: "fields",
        rows: [
          [t("webhookDisabledAdmin.url"), data.required("url")],
          [t("webhookDisabledAdmin.why"), data.text("reason")],
          [t("webhookDisabledAdmin.failures"), data.text("consecutive_failures")],
          [t("webhookDisabledAdmin.failingSince"), data.text("failing_since")],
        ],
      },
      p(t("webhookDisabledAdmin.body")),
    ],
    action: { label: t("webhookDisabledAdmin.action"), url: adminUrl(data) },
  };
}

function missedAssignmentAdmin(data: NotificationPayload, l: Locale): EmailContent {
  const t = emailText(l);
  const operators = data.strings("operators").join(", ") || data.text("last_operator_name") || data.text("operator_name");
  return {
    subject: t("missedAssignmentAdmin.subject"),
    heading: t("missedAssignmentAdmin.heading"),
    blocks: [
      {
        kind: "fields",
        rows: [
          [t("missedAssignmentAdmin.letGoBy"), operators],
          [t("missedAssignmentAdmin.times"), data.text("missed_assignments") ?? data.text("missed")],
          [t("missedAssignmentAdmin.unansweredSeconds"), data.text("unanswered_seconds")],
          [t("missedAssignmentAdmin.nowWith"), data.text("reassigned_to") ?? t("missedAssignmentAdmin.backToQueue")],
          [t("missedAssignmentAdmin.priority"), priorityLabel(l, data.text("priority"))],
        ],
      },
      ...questionQuote(data),
    ],
    action: { label: t("missedAssignmentAdmin.action"), url: adminUrl(data) },
  };
}

function queuePosition(data: NotificationPayload, l: Locale): EmailContent {
  const t = emailText(l);
  const position = data.required("position");
  const wait = data.text("estimated_wait") ?? "?";
  return {
    subject: t("queuePosition.subject", { position }),
    heading: t("queuePosition.heading"),
    blocks: [p(t("queuePosition.body", { position, wait }))],
  };
}

function sessionMessage(data: NotificationPayload, l: Locale): EmailContent {
  const t = emailText(l);
  const who = author(data, t);
  return { subject: t("sessionMessage.subject", { who }), heading: t("sessionMessage.heading", { who }), blocks: [quote(data.required("body"))] };
}

function csatRequest(data: NotificationPayload, l: Locale): EmailContent {
  const t = emailText(l);
  // A closed chat's request (request-chat-rating.ts) links to its own rating page; a ticket's to the ticket page.
  const ratingUrl = data.text("rating_url");
  if (ratingUrl) {
    return { subject: t("csatChat.subject"), heading: t("csatChat.heading"), blocks: [p(t("csatChat.body"))], action: { label: t("csatChat.action"), url: ratingUrl } };
  }
  const number = data.required("ticket_number");
  return {
    subject: t("csatTicket.subject", { number }),
    heading: t("csatTicket.heading"),
    blocks: [p(t("csatTicket.body"))],
    action: { label: t("csatTicket.action"), url: data.required("ticket_url") },
  };
}

function content(kind: string, data: NotificationPayload, l: Locale): EmailContent {
  switch (kind) {
    case "ticket_created_customer":
      return ticketCreatedCustomer(data, l, false);
    case "queue_timeout_ticket":
      return ticketCreatedCustomer(data, l, true);
    case "ticket_created_admin":
      return ticketCreatedAdmin(data, l);
    case "urgent_escalation_admin":
      return urgentEscalationAdmin(data, l);
    case "ticket_reply":
      return ticketReply(data, l);
    case "transcript":
      return transcript(data, l);
    case "resume_link":
      return resumeLink(data, l);
    case "auth_link":
      return authLink(data, l);
    case "sla_breach_admin":
      return slaBreachAdmin(data, l);
    case "missed_assignment_admin":
      return missedAssignmentAdmin(data, l);
    case "webhook_disabled_admin":
      return webhookDisabledAdmin(data, l);
    case "queue_position":
      return queuePosition(data, l);
    case "session_message":
      return sessionMessage(data, l);
    case "csat_request":
      return csatRequest(data, l);
    default:
      throw new DeliveryError(`no email template for "${kind}"`, { retryable: false, code: "unknown_kind" });
  }
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const multiline = (value: string) => escapeHtml(value).replace(/\r?\n/g, "<br>");

function blockText(block: Block): string {
  switch (block.kind) {
    case "p":
      return block.text;
    case "quote":
      return block.text
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join("\n");
    case "fields":
      return block.rows
        .filter(([, value]) => value)
        .map(([label, value]) => `${label}: ${value}`)
        .join("\n");
    case "transcript":
      return block.lines.map((line) => `[${line.at ?? ""}] ${line.who}: ${line.text}`).join("\n");
  }
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case "p":
      return `<p style="margin:0 0 16px;line-height:1.5">${multiline(block.text)}</p>`;
    case "quote":
      return `<blockquote style="margin:0 0 16px;padding:12px 16px;background:#f5f5f4;border-left:4px solid #a8a29e;line-height:1.5">${multiline(block.text)}</blockquote>`;
    case "fields":
      return `<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">${block.rows
        .filter(([, value]) => value)
        .map(
          ([label, value]) =>
            `<tr><td style="padding:2px 12px 2px 0;color:#57534e">${escapeHtml(label)}</td><td style="padding:2px 0">${escapeHtml(value!)}</td></tr>`,
        )
        .join("")}</table>`;
    case "transcript":
      return `<div style="margin:0 0 16px">${block.lines
        .map(
          (line) =>
            `<p style="margin:0 0 8px;line-height:1.5"><strong>${escapeHtml(line.who)}</strong> <span style="color:#78716c;font-size:12px">${escapeHtml(line.at ?? "")}</span><br>${multiline(line.text)}</p>`,
        )
        .join("")}</div>`;
  }
}

/** Subject, plain text and HTML of an email notification, in Italian or English. Payload text is always escaped. */
export function renderEmail(kind: string, payload: unknown, locale: Locale): RenderedEmail {
  const email = content(kind, NotificationPayload.from(kind, payload), locale);
  const text = [email.heading, "", ...email.blocks.map((b) => `${blockText(b)}\n`), ...(email.action ? [`${email.action.label}: ${email.action.url}\n`] : []), ...(email.footer ? [email.footer] : [])]
    .join("\n")
    .trim();
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(email.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f5f5f4;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1c1917">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(email.heading)}</h1>
${email.blocks.map(blockHtml).join("\n")}
${email.action ? `<p style="margin:24px 0"><a href="${escapeHtml(email.action.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(email.action.label)}</a></p>` : ""}
${email.footer ? `<p style="margin:16px 0 0;color:#78716c;font-size:12px">${escapeHtml(email.footer)}</p>` : ""}
</div></body></html>`;
  return { subject: email.subject.replace(/[\r\n]+/g, " "), text, html };
}
