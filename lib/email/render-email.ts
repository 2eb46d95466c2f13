import "server-only";
import { appUrl, env } from "@/lib/env";
import { DeliveryError } from "@/lib/notifications/delivery-error";
import {
  durationLabel,
  formatDateTime,
  NotificationPayload,
  outcomeLabel,
  priorityLabel,
  reasonLabel,
} from "@/lib/notifications/notification-payload";
import type { Locale } from "@/lib/i18n/config";

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

function ticketCreatedCustomer(data: NotificationPayload, l: Locale, afterQueue: boolean): EmailContent {
  const number = data.required("ticket_number");
  const within = durationLabel(l, data.number("sla_hours") ?? 24);
  const question = data.text("question");
  const url = data.text("ticket_url");
  const byWhatsapp = Boolean(data.text("customer_phone"));
  if (l === "en") {
    return {
      subject: `Ticket #${number} received: we will answer within ${within}`,
      heading: afterQueue ? "Sorry for the wait: we opened a ticket for you" : "We received your request",
      blocks: [
        p(
          afterQueue
            ? `No operator could take your chat in time, so your request is now ticket #${number}.`
            : `Your request is ticket #${number}.`,
        ),
        ...(question ? [quote(question)] : []),
        p(`We will answer within ${within}, by email${byWhatsapp ? " or WhatsApp" : ""}.`),
      ],
      action: url ? { label: "Follow your ticket", url } : undefined,
    };
  }
  return {
    subject: `Ticket #${number} ricevuto: ti risponderemo entro ${within}`,
    heading: afterQueue ? "Scusa l'attesa: abbiamo aperto un ticket per te" : "Abbiamo ricevuto la tua richiesta",
    blocks: [
      p(
        afterQueue
          ? `Nessun operatore ha potuto prendere la tua chat in tempo, quindi la tua richiesta è ora il ticket #${number}.`
          : `La tua richiesta è il ticket #${number}.`,
      ),
      ...(question ? [quote(question)] : []),
      p(`Ti risponderemo entro ${within}, via email${byWhatsapp ? " o WhatsApp" : ""}.`),
    ],
    action: url ? { label: "Segui il ticket", url } : undefined,
  };
}

function ticketCreatedAdmin(data: NotificationPayload, l: Locale): EmailContent {
  const number = data.required("ticket_number");
  const priority = priorityLabel(l, data.text("priority"));
  const sla = data.number("sla_hours");
  const rows: [string, string | undefined][] =
    l === "en"
      ? [
          ["Priority", priority],
          ["Customer email", data.text("customer_email")],
          ["Customer phone", data.text("customer_phone")],
          ["Why a ticket", reasonLabel(l, data.text("reason"))],
          ["First answer due within", sla === undefined ? undefined : durationLabel(l, sla)],
        ]
      : [
          ["Priorità", priority],
          ["Email del cliente", data.text("customer_email")],
          ["Telefono del cliente", data.text("customer_phone")],
          ["Perché un ticket", reasonLabel(l, data.text("reason"))],
          ["Prima risposta entro", sla === undefined ? undefined : durationLabel(l, sla)],
        ];
  return {
    subject: l === "en" ? `[Sportello] New ticket #${number} (${priority ?? "medium"} priority)` : `[Sportello] Nuovo ticket #${number} (priorità ${priority ?? "media"})`,
    heading: l === "en" ? `New ticket #${number}` : `Nuovo ticket #${number}`,
    blocks: [{ kind: "fields", rows }, ...(data.text("question") ? [quote(data.text("question")!)] : [])],
    action: { label: l === "en" ? "Open the admin panel" : "Apri il pannello", url: adminUrl(data) },
  };
}

function urgentEscalationAdmin(data: NotificationPayload, l: Locale): EmailContent {
  const outcome = outcomeLabel(l, data.text("outcome"));
  return {
    subject: l === "en" ? `[Sportello] Urgent request (${outcome ?? "new"})` : `[Sportello] Richiesta urgente (${outcome ?? "nuova"})`,
    heading: l === "en" ? "An urgent request came in" : "È arrivata una richiesta urgente",
    blocks: [
      { kind: "fields", rows: [[l === "en" ? "Customer" : "Cliente", data.text("user_id")], [l === "en" ? "Outcome" : "Esito", outcome]] },
      quote(data.required("question")),
    ],
    action: { label: l === "en" ? "Open the dashboard" : "Apri la dashboard", url: `${appUrl()}/operator` },
  };
}

function ticketReply(data: NotificationPayload, l: Locale): EmailContent {
  const number = data.required("ticket_number");
  const who = data.text("operator_name") ?? (l === "en" ? "Our team" : "Il nostro team");
  const url = data.text("ticket_url");
  return {
    subject: l === "en" ? `Reply to your ticket #${number}` : `Risposta al tuo ticket #${number}`,
    heading: l === "en" ? `${who} answered your request` : `${who} ha risposto alla tua richiesta`,
    blocks: [quote(data.required("body")), p(l === "en" ? "You can answer from your ticket's page." : "Puoi rispondere dalla pagina del ticket.")],
    action: url ? { label: l === "en" ? "Open your ticket" : "Apri il ticket", url } : undefined,
  };
}

function transcript(data: NotificationPayload, l: Locale): EmailContent {
  const senders: Record<string, string> =
    l === "en" ? { customer: "You", operator: "Operator", system: "Sportello", bot: "Bot" } : { customer: "Tu", operator: "Operatore", system: "Sportello", bot: "Bot" };
  const lines = data.list("messages").map((m) => ({
    who: (typeof m.operator_name === "string" && m.operator_name) || senders[String(m.sender)] || String(m.sender ?? ""),
    at: formatDateTime(l, typeof m.created_at === "string" ? m.created_at : undefined, data.text("time_zone")),
    text: String(m.body ?? ""),
  }));
  if (lines.length === 0) throw new DeliveryError("payload of transcript has no messages", { retryable: false, code: "invalid_payload" });
  return {
    subject: l === "en" ? "The transcript of your chat" : "La trascrizione della tua chat",
    heading: l === "en" ? "Your conversation with us" : "La tua conversazione con noi",
    blocks: [{ kind: "transcript", lines }],
  };
}

function resumeLink(data: NotificationPayload, l: Locale): EmailContent {
  const url = data.required("url");
  const minutes = data.number("expires_minutes") ?? 30;
  return l === "en"
    ? {
        subject: "Continue your chat in this browser",
        heading: "Your conversation is waiting",
        blocks: [p(`Someone asked to continue your open chat with us in another browser. If it was you, open this link on the device you want to use: the chat moves there. The link works once, for ${minutes} minutes.`)],
        action: { label: "Continue the chat", url },
        footer: "If it was not you, ignore this email: your chat stays where it is.",
      }
    : {
        subject: "Continua la tua chat in questo browser",
        heading: "La tua conversazione ti aspetta",
        blocks: [p(`È stato chiesto di continuare la tua chat con noi in un altro browser. Se sei stato tu, apri questo link sul dispositivo che vuoi usare: la chat si sposta lì. Il link funziona una volta, per ${minutes} minuti.`)],
        action: { label: "Continua la chat", url },
        footer: "Se non sei stato tu, ignora questa email: la tua chat resta dov'è.",
      };
}

function authLink(data: NotificationPayload, l: Locale): EmailContent {
  const name = data.text("name");
  const url = data.required("url");
  return l === "en"
    ? {
        subject: "Set your Sportello password",
        heading: name ? `Hello ${name}` : "Hello",
        blocks: [p("Use this link to set your password and sign in to Sportello. It works once and expires in 3 days.")],
        action: { label: "Set your password", url },
        footer: "If you were not expecting this email, you can ignore it.",
      }
    : {
        subject: "Imposta la tua password di Sportello",
        heading: name ? `Ciao ${name}` : "Ciao",
        blocks: [p("Usa questo link per impostare la password e accedere a Sportello. Vale una volta sola e scade tra 3 giorni.")],
        action: { label: "Imposta la password", url },
        footer: "Se non aspettavi questa email, puoi ignorarla.",
      };
}

function slaBreachAdmin(data: NotificationPayload, l: Locale): EmailContent {
  const number = data.required("ticket_number");
  const due = formatDateTime(l, data.text("due_at"), data.text("time_zone"));
  return {
    subject: l === "en" ? `[Sportello] SLA missed: ticket #${number}` : `[Sportello] SLA superato: ticket #${number}`,
    heading: l === "en" ? `Ticket #${number} has had no answer in time` : `Il ticket #${number} non ha avuto risposta in tempo`,
    blocks: [
      {
        kind: "fields",
        rows:
          l === "en"
            ? [["Priority", priorityLabel(l, data.text("priority"))], ["Due", due], ["Minutes overdue", data.text("overdue_minutes")]]
            : [["Priorità", priorityLabel(l, data.text("priority"))], ["Scadenza", due], ["Minuti di ritardo", data.text("overdue_minutes")]],
      },
      ...(data.text("question") ? [quote(data.text("question")!)] : []),
    ],
    action: { label: l === "en" ? "Open the ticket" : "Apri il ticket", url: adminUrl(data) },
  };
}

function webhookDisabledAdmin(data: NotificationPayload, l: Locale): EmailContent {
  const url = data.required("url");
  return {
    subject: l === "en" ? "[Sportello] Webhook endpoint disabled" : "[Sportello] Endpoint webhook disattivato",
    heading: l === "en" ? "A webhook endpoint kept failing and was disabled" : "Un endpoint webhook continuava a fallire ed è stato disattivato",
    blocks: [
      {
        kind: "fields",
        rows:
          l === "en"
            ? [["URL", url], ["Why", data.text("reason")], ["Failed attempts in a row", data.text("consecutive_failures")], ["Failing since", data.text("failing_since")]]
            : [["URL", url], ["Perché", data.text("reason")], ["Tentativi falliti di fila", data.text("consecutive_failures")], ["In errore dal", data.text("failing_since")]],
      },
      p(l === "en" ? "Undelivered events wait: turn the endpoint back on in the panel and they are sent in order." : "Gli eventi non consegnati restano in attesa: riattiva l'endpoint dal pannello e partono in ordine."),
    ],
    action: { label: l === "en" ? "Open the webhooks page" : "Apri la pagina webhook", url: adminUrl(data) },
  };
}

function missedAssignmentAdmin(data: NotificationPayload, l: Locale): EmailContent {
  const operators = data.strings("operators").join(", ") || data.text("last_operator_name") || data.text("operator_name");
  const reassigned = data.text("reassigned_to") ?? (l === "en" ? "back to the queue" : "di nuovo in coda");
  return {
    subject: l === "en" ? "[Sportello] A chat was not picked up" : "[Sportello] Una chat non è stata presa in carico",
    heading: l === "en" ? "An assigned chat went unanswered" : "Una chat assegnata è rimasta senza risposta",
    blocks: [
      {
        kind: "fields",
        rows:
          l === "en"
            ? [
                ["Let go by", operators],
                ["Times", data.text("missed_assignments") ?? data.text("missed")],
                ["Seconds without an answer", data.text("unanswered_seconds")],
                ["Now with", reassigned],
                ["Priority", priorityLabel(l, data.text("priority"))],
              ]
            : [
                ["Lasciata da", operators],
                ["Volte", data.text("missed_assignments") ?? data.text("missed")],
                ["Secondi senza risposta", data.text("unanswered_seconds")],
                ["Ora a", reassigned],
                ["Priorità", priorityLabel(l, data.text("priority"))],
              ],
      },
      ...(data.text("question") ? [quote(data.text("question")!)] : []),
    ],
    action: { label: l === "en" ? "Open the admin panel" : "Apri il pannello", url: adminUrl(data) },
  };
}

function queuePosition(data: NotificationPayload, l: Locale): EmailContent {
  const position = data.required("position");
  const wait = data.text("estimated_wait") ?? "?";
  return {
    subject: l === "en" ? `You are number ${position} in the queue` : `Sei in posizione ${position} nella coda`,
    heading: l === "en" ? "You are in the queue" : "Sei in coda",
    blocks: [p(l === "en" ? `You are number ${position} in the queue. Estimated wait: ${wait} minutes.` : `Sei in posizione ${position} nella coda. Tempo stimato: ${wait} minuti.`)],
  };
}

function sessionMessage(data: NotificationPayload, l: Locale): EmailContent {
  const who = data.text("operator_name") ?? (l === "en" ? "Our team" : "Il nostro team");
  return {
    subject: l === "en" ? `New message from ${who}` : `Nuovo messaggio da ${who}`,
    heading: l === "en" ? `${who} wrote to you` : `${who} ti ha scritto`,
    blocks: [quote(data.required("body"))],
  };
}

function csatRequest(data: NotificationPayload, l: Locale): EmailContent {
  // A closed chat's request (request-chat-rating.ts) links to its own rating page; a ticket's to the ticket page.
  if (data.text("rating_url")) {
    return {
      subject: l === "en" ? "How did we do in your chat?" : "Com'è andata la chat con noi?",
      heading: l === "en" ? "How did we do?" : "Come ti abbiamo aiutato?",
      blocks: [p(l === "en" ? "Your chat with us has ended. One click tells us how it went (1 to 5 stars)." : "La tua chat con noi è terminata. Con un clic puoi dirci com'è andata (da 1 a 5 stelle).")],
      action: { label: l === "en" ? "Rate the chat" : "Valuta la chat", url: data.required("rating_url") },
    };
  }
  const number = data.required("ticket_number");
  return {
    subject: l === "en" ? `How did we do with ticket #${number}?` : `Come ti abbiamo aiutato con il ticket #${number}?`,
    heading: l === "en" ? "How did we do?" : "Come ti abbiamo aiutato?",
    blocks: [p(l === "en" ? "Your request is resolved. One click on your ticket's page tells us how it went (1 to 5 stars)." : "La tua richiesta è risolta. Dalla pagina del ticket puoi dirci com'è andata (da 1 a 5 stelle).")],
    action: { label: l === "en" ? "Rate the answer" : "Valuta la risposta", url: data.required("ticket_url") },
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
