// The OpenAPI 3.1 document of Sportello's public API, built from the same zod schemas the handlers parse with
// (z.toJSONSchema), so the contract cannot drift from the code. Served at /api/openapi.json and rendered to
// docs/api.md by scripts/generate-api-docs.ts.
import { z } from "zod";
import { teamBody, teamFilterQuery, teamParams, teamPatchBody, teamView } from "@/lib/schemas/teams";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";
import {
  createdEmbedSite,
  createEmbedSiteBody,
  embedSiteParams,
  embedSiteView,
  updateEmbedSiteBody,
  identityVerificationView,
  verifyIdentityTokenBody,
} from "@/lib/embed/embed-site-schemas";
import { envSchema } from "@/lib/env";
import { cannedResponseEndpoints } from "@/lib/openapi/canned-response-endpoints";
import { contactsSearchEndpoints } from "@/lib/openapi/contacts-search-endpoints";
import {
  faqAnswer,
  faqAnswerBody,
  faqPreviewResult,
  faqSettingsSchema,
  knowledgeEntryBody,
  knowledgeEntryParams,
  knowledgeEntryView,
  knowledgeListQuery,
  updateKnowledgeEntryBody,
} from "@/lib/faq/faq-schemas";
import {
  apiKeySchema,
  chatStatsSchema,
  closedSessionSchema,
  createdApiKeySchema,
  createdTicketSchema,
  deletedSchema,
  errorSchema,
  healthSchema,
  messageSchema,
  operatorSchema,
  readReceiptSchema,
  claimSchema,
  resumeLinkSchema,
  pushSubscriptionDeletedSchema,
  pushSubscriptionSavedSchema,
  sessionSchema,
  setPasswordLinkSchema,
  vapidPublicKeySchema,
  ticketListSchema,
  ticketSchema,
  ticketStatsSchema,
  createdWebhookEndpointSchema,
  handedBackSchema,
  replayedDeliverySchema,
  webhookDeliveryPageSchema,
  webhookEndpointSchema,
} from "@/lib/openapi/response-schemas";
import { createWebhookBody, updateWebhookBody, webhookDeliveriesQuery, webhookParams } from "@/lib/schemas/webhooks";
import { escalationRulesSchema } from "@/lib/schemas/escalation-rules";
import { createApiKeyBody } from "@/lib/schemas/api-keys";
import { operatorAssignedResult, queuedResult, requestOperatorBody, ticketCreatedResult } from "@/lib/schemas/escalation";
import { createOperatorBody, onlineOperatorSchema, updateOperatorBody, updateSelfBody } from "@/lib/schemas/operators";
import { pushSubscriptionBody, pushUnsubscribeBody } from "@/lib/schemas/push";
import { attachmentParams, attachmentQuery, claimSessionBody, closeSessionBody, handbackBody, leaveMessageBody, postMessageBody, readBody, sessionParams, sessionQuery } from "@/lib/schemas/sessions";
import { attachmentSchema, leftMessageSchema, whatsappContinueSchema } from "@/lib/openapi/customer-response-schemas";
import { ratingBody, ratingResult } from "@/lib/csat/csat-schemas";
import { floorSchema, noteSchema, postNoteBody, takeOverResultSchema } from "@/lib/schemas/supervision";
import { createTicketBody, listTicketsQuery, ticketRefParams, updateTicketBody } from "@/lib/tickets/ticket-schemas";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
export type Auth = "public" | "operator" | "supervisor" | "admin";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonSchema = Record<string, any>;
type Examples = Record<string, { summary: string; value: unknown }>;
type Named = { name: string; schema: z.ZodType };

/** What a successful response carries: `{success, data}` for resources, the value as is for flat answers. */
export type Payload =
  | ({ kind: "data"; list?: boolean } & Named)
  | ({ kind: "flat" } & Named)
  | { kind: "oneOf"; variants: Named[]; discriminator?: string; envelope: boolean };

export interface ApiEndpoint {
  method: HttpMethod;
  path: string;
  tag: string;
  summary: string;
  description?: string;
  auth: Auth;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: Named & { examples?: Examples };
  /** Accepts the Idempotency-Key header. */
  idempotent?: boolean;
  /** Counts against the public write limits. */
  rateLimited?: boolean;
  success: { status: number; description: string; payload?: Payload; examples?: Examples };
  /** Besides those every endpoint of its kind can return (validation, auth, not found, rate limit, 500). */
  errors?: ErrorCode[];
  /** Other statuses that carry the success schema (e.g. 503 for health). */
  alsoReturns?: { status: number; description: string }[];
}

export const DOCS_SERVER_URL = "https://your-app.onrender.com";

const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  VALIDATION_ERROR: "The body, query or a value in it is invalid: `details` lists `{ path, message }` per problem.",
  INVALID_JSON: "The body is not JSON (or not form data where accepted).",
  UNAUTHORIZED: "Authentication is required, or the API key is unknown or revoked.",
  INVALID_IDENTITY_TOKEN: "`identity_token` did not verify: `details.reason` says why (expired, bad_signature, origin_not_allowed, …). Retry without it to escalate unverified.",
  INVALID_SIGNATURE: "A webhook's signature (Twilio) does not match.",
  FORBIDDEN: "Signed in, but the role or the session does not allow this.",
  NOT_FOUND: "No such resource (or path parameter of the wrong form).",
  METHOD_NOT_ALLOWED: "The path exists but not with this method.",
  CONFLICT: "A unique value is taken, or a request with the same Idempotency-Key is still running.",
  IDEMPOTENCY_MISMATCH: "The Idempotency-Key was already used with a different body.",
  INVALID_STATE: "The resource's state does not allow this (e.g. writing to a closed chat).",
  HUMAN_OWNS_CONVERSATION: "A relayed bot message while an operator owns the conversation: the bot may speak again after a hand-back (`session.handed_back`).",
  CONVERSATION_OPEN:
    "An anonymous caller asked for an operator for a user id that already has an open conversation. Its id is never handed to an anonymous caller: a link to resume it was emailed to the address it was opened with (`details.resume_link_sent`). Chatbots that call with their API key get the open conversation back instead.",
  SESSION_CLAIMED: "The conversation is already open in another browser. `POST /api/chat/sessions/{id}/resume-link` emails its owner a link that moves it here.",
  LINK_EXPIRED: "The resume link has expired or was already used: ask for a new one.",
  PAYLOAD_TOO_LARGE: "The body is over 64 KB.",
  UNSUPPORTED_MEDIA_TYPE: "The body's content type is not accepted here (send `Content-Type: application/json`).",
  RATE_LIMITED: "Too many requests: wait `Retry-After` seconds (also in `details.retry_after`).",
  INTERNAL_ERROR: "Something failed on our side; it is logged with the `request_id`.",
  SERVICE_UNAVAILABLE: "A required dependency is down; retry later.",
};

const sessionId = "V2hhdCBhIG5pY2UgZGF5IQ";
const chatLink = `${DOCS_SERVER_URL}/admin/customer-chat.html?session=${sessionId}`;

const GUIDE_ESCALATION = {
  user_id: "test_user",
  user_email: "user@test.com",
  user_phone: "+393337654321",
  question: "Ho bisogno di aiuto con il mio account",
  priority: "medium",
};

/** Every documented endpoint. Routes left out on purpose are listed in INTERNAL_ROUTES, with the reason. */
export function apiEndpoints(): ApiEndpoint[] {
  const operatorParams = z.object({ id: z.string().min(1).max(100) });
  const apiKeyParams = z.object({ id: z.string().min(1).max(100) });
  return [
    {
      method: "post",
      path: "/api/chat/request-operator",
      tag: "Escalation",
      summary: "Hand a chatbot conversation to a human",
      description:
        "The chatbot's one call when it cannot help. Sportello assigns a free operator now (`operator_assigned`), puts the customer in the queue with an honest position and wait (`queue`), or — no operator online, outside business hours, queue full — opens a ticket answered by email/WhatsApp (`ticket_created`). Send the customer to `chat_url` for the first two. A customer who already has a queued or live chat gets that one back (`existing: true`) when the caller is trusted (a chatbot API key, or a valid `identity_token`, which then speaks for its own email only: the user id becomes `web:<email>`); an anonymous caller gets 409 `CONVERSATION_OPEN` instead, never another conversation's id, and the conversation's owner is emailed a resume link. An anonymous caller's email, phone and name never overwrite a stored contact's, and user ids starting with `whatsapp:` belong to WhatsApp senders (anonymous callers get 400). `chat_url` opens the chat in the first browser that opens it (docs/security.md).\n\nRouting by team and skills: `team` (slug or id; default: the default team) picks the queue and the operators — online members of that team with every skill in `skills`, least loaded then idle longest. `position` and `estimated_wait` are per team, from that team's seats and handle times; the team's own business hours, holidays, queue length and wait apply (the desk's where it set none). An unknown team is refused with 400 (`details.field` = `team`).\n\nWith `identity_token` (signed by an embedding site, see docs/embed.md) the email and name come from the token and operators see them as verified; an invalid token is refused with 401 `INVALID_IDENTITY_TOKEN` rather than silently trusted.",
      auth: "public",
      idempotent: true,
      rateLimited: true,
      body: {
        name: "RequestOperatorBody",
        schema: requestOperatorBody,
        examples: {
          guide: { summary: "The integration guide's test call", value: GUIDE_ESCALATION },
          chatbot: {
            summary: "From a chatbot, with its context",
            value: {
              user_id: "cust_8841",
              user_email: "mario.rossi@example.com",
              question: "Il pagamento risulta addebitato due volte",
              priority: "high",
              locale: "it",
              metadata: { source: "chatbot", session_id: "bot-5f2c", timestamp: "2026-11-25T09:30:00.000Z" },
            },
          },
          team: {
            summary: "To a team, requiring skills",
            value: { user_id: "cust_8841", question: "Problem with my invoice", priority: "medium", locale: "en", team: "billing", skills: ["en"] },
          },
          signed: {
            summary: "From a page with a signed visitor identity",
            value: { user_id: "web:mario.rossi@example.com", question: "Dov'è il mio ordine?", identity_token: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJlbWFpbCI6Im1hcmlvLnJvc3NpQGV4YW1wbGUuY29tIiwiZXhwIjoxOTAwMDAwMDAwfQ.c2lnbmF0dXJl" },
          },
        },
      },
      success: {
        status: 200,
        description: "Escalated",
        payload: {
          kind: "oneOf",
          envelope: false,
          discriminator: "type",
          variants: [
            { name: "OperatorAssigned", schema: operatorAssignedResult },
            { name: "Queued", schema: queuedResult },
            { name: "TicketCreated", schema: ticketCreatedResult },
          ],
        },
        examples: {
          operator_assigned: { summary: "A free operator took the chat", value: { success: true, type: "operator_assigned", session_id: sessionId, operator: { id: "op_marco", name: "Marco" }, chat_url: chatLink } },
          queue: { summary: "Everyone is busy: in the queue", value: { success: true, type: "queue", session_id: sessionId, position: 3, estimated_wait: 6, chat_url: chatLink } },
          ticket_created: {
            summary: "Nobody online: a ticket",
            value: { success: true, type: "ticket_created", ticket_id: 1042, ticket_number: 1042, message: "Ho creato il ticket #1042. Riceverai risposta via email/WhatsApp entro 24h.", reason: "no_operators" },
          },
        },
      },
      errors: ["INVALID_IDENTITY_TOKEN", "CONVERSATION_OPEN"],
    },
    {
      method: "get",
      path: "/api/chat/sessions/{id}",
      tag: "Chat sessions",
      summary: "A chat session: status, live queue position and wait, operator, messages",
      description:
        "For the session's customer (its key in `X-Session-Key`, from `POST /api/chat/sessions/{id}/claim`), its operator and admins; anyone else gets 404, as for a session that does not exist. Operators also get the contact (with how its email and phone were verified) and the chatbot's metadata. Poll with `after_seq` to backfill messages missed on the realtime channel.",
      auth: "public",
      params: sessionParams,
      query: sessionQuery,
      success: { status: 200, description: "The session", payload: { kind: "data", name: "Session", schema: sessionSchema } },
    },
    {
      method: "post",
      path: "/api/chat/sessions/{id}/messages",
      tag: "Chat sessions",
      summary: "Send a message (the customer with `X-Session-Key`, or the session's operator)",
      auth: "public",
      params: sessionParams,
      description:
        "A customer's messages are limited per session and per client address (RATE_LIMIT_MESSAGES_PER_SESSION_PER_MINUTE, RATE_LIMIT_MESSAGES_IP_PER_MINUTE). Headless relay: a chatbot that keeps its own widget posts the conversation with its API key and `sender`. A chatbot key may relay only into sessions it escalated itself (others answer 404). Customer messages are accepted while the conversation is open (queued, with a person, or handed back); a bot message while a person owns it is 409 `HUMAN_OWNS_CONVERSATION`. Operator replies reach the bot by webhook (docs/webhooks.md).",
      body: {
        name: "PostMessageBody",
        schema: postMessageBody,
        examples: {
          customer: { summary: "The customer writes", value: { body: "Grazie, aspetto." } },
          relay: { summary: "A relaying bot posts its customer's message", value: { body: "Ci siete?", sender: "customer" } },
        },
      },
      success: { status: 201, description: "The stored message", payload: { kind: "data", name: "Message", schema: messageSchema } },
      errors: ["INVALID_STATE", "FORBIDDEN", "HUMAN_OWNS_CONVERSATION"],
    },
    {
      method: "post",
      path: "/api/chat/sessions/{id}/handback",
      tag: "Chat sessions",
      summary: "Return the conversation to the bot (operator or admin)",
      description: "Human → bot: the seat frees for the queue, and the bot gets `session.handed_back` by webhook with the note and the messages since the handoff. The bot may relay its own messages again afterwards.",
      auth: "operator",
      params: sessionParams,
      body: { name: "HandbackBody", schema: handbackBody, examples: { note: { summary: "With a note for the bot", value: { note: "Rimborso avviato: il bot può chiudere." } } } },
      success: { status: 200, description: "The conversation is the bot's again", payload: { kind: "data", name: "HandedBack", schema: handedBackSchema } },
      errors: ["INVALID_STATE", "FORBIDDEN"],
    },
    {
      method: "get",
      path: "/api/chat/sessions/{id}/notes",
      tag: "Supervision",
      summary: "A live chat's internal notes and whispers (staff only)",
      description: "Notes are for operators, supervisors and admins: no customer path (session API, realtime session channel, WhatsApp, email, webhooks, transcripts, the ticket page, exports) ever carries them. Each note's `after_seq` places it in the thread.",
      auth: "operator",
      params: sessionParams,
      success: { status: 200, description: "The notes, oldest first", payload: { kind: "data", list: true, name: "SessionNote", schema: noteSchema } },
    },
    {
      method: "post",
      path: "/api/chat/sessions/{id}/notes",
      tag: "Supervision",
      summary: "Write an internal note in a live chat, or whisper to its operator",
      description: "By the chat's operator, a supervisor or an admin. A whisper (`whisper: true`, supervisors and admins) alerts the assigned operator at once. Published as `note.created` on the staff channel `presence-session-{id}` and the assigned operator's channel, never on the customer's.",
      auth: "operator",
      params: sessionParams,
      body: { name: "PostNoteBody", schema: postNoteBody, examples: { whisper: { summary: "A supervisor's whisper", value: { body: "Offri il rimborso completo.", whisper: true } } } },
      success: { status: 201, description: "The note", payload: { kind: "data", name: "SessionNote", schema: noteSchema } },
      errors: ["FORBIDDEN", "INVALID_STATE"],
    },
    {
      method: "post",
      path: "/api/chat/sessions/{id}/take-over",
      tag: "Supervision",
      summary: "Take a live chat over (signed-in supervisor or admin)",
      description: "The chat moves to the caller in the routing transaction (may exceed the caller's own `max_chats`: an intervention, not routing); the customer reads a polite system line in their language, the previous operator gets `session.unassigned` with `reason: \"taken_over\"`, their seat goes to the queue, and the bot gets `session.transferred`.",
      auth: "supervisor",
      params: sessionParams,
      success: { status: 200, description: "The chat is the caller's", payload: { kind: "data", name: "TakeOverResult", schema: takeOverResultSchema } },
      errors: ["FORBIDDEN", "INVALID_STATE"],
    },
    {
      method: "get",
      path: "/api/chat/floor",
      tag: "Supervision",
      summary: "The live floor: every queue, every live chat with waiting and response times, every operator's load",
      description: "Supervisors and admins. The floor page refreshes it on `floor.updated` (channel `private-floor`) and `queue.updated`.",
      auth: "supervisor",
      success: { status: 200, description: "The floor", payload: { kind: "data", name: "Floor", schema: floorSchema } },
    },
    {
      method: "post",
      path: "/api/chat/sessions/{id}/close",
      tag: "Chat sessions",
      summary: "End a chat (the customer with `X-Session-Key`, or its operator); the seat goes to the next in the queue",
      auth: "public",
      params: sessionParams,
      body: { name: "CloseSessionBody", schema: closeSessionBody, examples: { resolved: { summary: "Closed as resolved", value: { reason: "resolved" } } } },
      success: { status: 200, description: "The session is closed", payload: { kind: "data", name: "ClosedSession", schema: closedSessionSchema } },
      errors: ["INVALID_STATE"],
    },
    {
      method: "post",
      path: "/api/chat/sessions/{id}/read",
      tag: "Chat sessions",
      summary: "Read receipt up to a message sequence number",
      description: "The caller's side (the customer with `X-Session-Key`, or the session's operator) has seen every message up to `seq`. Receipts only move forward.",
      auth: "public",
      params: sessionParams,
      body: { name: "ReadBody", schema: readBody, examples: { seen: { summary: "Seen up to message 12", value: { seq: 12 } } } },
      success: { status: 200, description: "The receipt in force", payload: { kind: "data", name: "ReadReceipt", schema: readReceiptSchema } },
    },
    {
      method: "post",
      path: "/api/chat/sessions/{id}/claim",
      tag: "Chat sessions",
      summary: "Get the customer's key to a web chat",
      description:
        "The chat page calls this when it opens `chat_url`: the first browser to open a chat gets its key (`session_key`), and from then on the session id alone opens nothing. Another browser gets 409 `SESSION_CLAIMED` and can ask for a resume link; with `resume_token` from that link the conversation moves to it and the previous key stops working. WhatsApp conversations have no web key.",
      auth: "public",
      rateLimited: true,
      params: sessionParams,
      body: { name: "ClaimSessionBody", schema: claimSessionBody, examples: { first: { summary: "The browser that opened chat_url", value: {} } } },
      success: { status: 201, description: "The key, shown once", payload: { kind: "data", name: "SessionClaim", schema: claimSchema } },
      errors: ["SESSION_CLAIMED", "LINK_EXPIRED"],
    },
    {
      method: "post",
      path: "/api/chat/sessions/{id}/resume-link",
      tag: "Chat sessions",
      summary: "Email the chat's owner a link that moves it to another browser",
      description:
        "The link goes only to the address the chat was opened with (or the contact's verified email), never to one the caller names; it works once, for 30 minutes; one per conversation every two minutes.",
      auth: "public",
      rateLimited: true,
      params: sessionParams,
      success: { status: 202, description: "Whether a link went out", payload: { kind: "data", name: "ResumeLink", schema: resumeLinkSchema } },
    },
    {
      method: "post",
      path: "/api/chat/sessions/{id}/leave-message",
      tag: "Chat sessions",
      summary: "Leave a message instead of waiting: the queued chat becomes a ticket",
      description:
        "The session's customer only (`X-Session-Key`). The ticket carries the conversation so far and is answered at the addresses the chat was opened with; `email`/`phone` are used only when the chat has none, and never replace a contact's stored address. 409 `INVALID_STATE` once an operator has the chat.",
      auth: "public",
      rateLimited: true,
      params: sessionParams,
      body: { name: "LeaveMessageBody", schema: leaveMessageBody, examples: { none: { summary: "The chat already has an email", value: {} } } },
      success: { status: 201, description: "The ticket", payload: { kind: "data", name: "LeftMessage", schema: leftMessageSchema } },
      errors: ["INVALID_STATE"],
    },
    {
      method: "post",
      path: "/api/chat/sessions/{id}/continue-on-whatsapp",
      tag: "Chat sessions",
      summary: "Continue a queued chat on WhatsApp, keeping the place in the queue",
      description:
        "The session's customer only (`X-Session-Key`), when the chat has a phone and WhatsApp is configured (otherwise 409 `INVALID_STATE`). The first WhatsApp message goes out through the outbox; the typed number stays unproven until the customer answers from it, and only that answer continues this chat (docs/security.md). Repeating the call sends nothing new.",
      auth: "public",
      rateLimited: true,
      params: sessionParams,
      success: { status: 202, description: "Still queued, same place", payload: { kind: "data", name: "WhatsappContinue", schema: whatsappContinueSchema } },
      errors: ["INVALID_STATE"],
    },
    {
      method: "post",
      path: "/api/chat/sessions/{id}/attachments",
      tag: "Chat sessions",
      summary: "Attach an image or a PDF to a web chat (multipart/form-data, field `file`)",
      description:
        "The session's customer (`X-Session-Key`), its operator or an admin. At most `ATTACHMENT_MAX_BYTES` (default 10 MB: 413 `PAYLOAD_TOO_LARGE`); PNG, JPEG, GIF, WebP or PDF as found in the bytes, whatever the name or the declared type says (415 `UNSUPPORTED_MEDIA_TYPE`). Nothing is stored when a check fails. A new message in the thread carries it: its `media` holds `{attachment_id, name, content_type, size}`.",
      auth: "public",
      rateLimited: true,
      params: sessionParams,
      success: { status: 201, description: "The stored attachment", payload: { kind: "data", name: "Attachment", schema: attachmentSchema } },
      errors: ["PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "INVALID_STATE"],
    },
    {
      method: "get",
      path: "/api/chat/attachments/{id}",
      tag: "Chat sessions",
      summary: "Download an attachment (the bytes)",
      description:
        "Only to the session's customer (`X-Session-Key`), its operator and admins; anyone else gets 404. Served with the type found at upload, `Content-Disposition` (inline for images, attachment for PDFs), `X-Content-Type-Options: nosniff`, a sandboxing `Content-Security-Policy` and `Cache-Control: private, no-store`.",
      auth: "public",
      params: attachmentParams,
      query: attachmentQuery,
      success: { status: 200, description: "The file's bytes" },
    },
    {
      method: "post",
      path: "/api/chat/sessions/{id}/rating",
      tag: "Chat sessions",
      summary: "Rate a closed chat (CSAT, 1–5 and an optional comment), once",
      description:
        "The session's customer only (`X-Session-Key`); a second rating gets 409 `CONFLICT`, ratings switched off (or not asked at chat close) 409 `INVALID_STATE`. The ticket page's equivalent is `POST /api/public/tickets/{token}/rating`, once the ticket is resolved.",
      auth: "public",
      rateLimited: true,
      params: sessionParams,
      body: { name: "RatingBody", schema: ratingBody, examples: { happy: { summary: "Five stars", value: { score: 5, comment: "Veloce e gentile" } } } },
      success: { status: 201, description: "The rating", payload: { kind: "data", name: "Rating", schema: ratingResult } },
      errors: ["INVALID_STATE", "CONFLICT"],
    },
    {
      method: "post",
      path: "/api/tickets",
      tag: "Tickets",
      summary: "Open a ticket (answered by email and/or WhatsApp)",
      description: "`user_email` or `user_phone` is required (the channels the answer goes to). The contact is matched by `user_id`, else by email, else by phone. The admin is notified by email and WhatsApp; the customer gets the ticket link.",
      auth: "public",
      idempotent: true,
      rateLimited: true,
      body: {
        name: "CreateTicketBody",
        schema: createTicketBody,
        examples: {
          guide: { summary: "The integration guide's test call", value: { user_email: "test@example.com", question: "Test notifica email/WhatsApp" } },
          whatsapp: { summary: "Answer on WhatsApp", value: { user_phone: "+393337654321", user_name: "Giulia", question: "La fattura di ottobre è sbagliata", priority: "high", locale: "it" } },
        },
      },
      success: {
        status: 201,
        description: "The ticket",
        payload: { kind: "data", name: "CreatedTicket", schema: createdTicketSchema },
        examples: {
          created: {
            summary: "Ticket #1043",
            value: {
              success: true,
              data: {
                id: "cmf0tkt0000001",
                number: 1043,
                ticket_id: 1043,
                status: "open",
                priority: "medium",
                due_at: "2026-11-26T09:30:00.000Z",
                sla_hours: 24,
                ticket_url: `${DOCS_SERVER_URL}/ticket/Zm9vYmFyYmF6cXV4cXV1eDEyMzQ`,
                message: "Ho creato il ticket #1043. Riceverai risposta via email/WhatsApp entro 24h.",
                created_at: "2026-11-25T09:30:00.000Z",
              },
            },
          },
        },
      },
    },
    {
      method: "get",
      path: "/api/tickets",
      tag: "Tickets",
      summary: "The desk's ticket list: filters, search, pagination",
      description: "List filters (`status`, `priority`, `channel`) take comma-separated values, e.g. `status=open,pending`. `assignee` is an operator id, `me` or `none`; `from`/`to` are dates (YYYY-MM-DD) or ISO timestamps.",
      auth: "operator",
      query: listTicketsQuery,
      success: { status: 200, description: "A page of tickets", payload: { kind: "data", name: "TicketList", schema: ticketListSchema } },
    },
    {
      method: "get",
      path: "/api/tickets/{id}",
      tag: "Tickets",
      summary: "One ticket, by number (1042) or id",
      auth: "operator",
      params: ticketRefParams,
      success: { status: 200, description: "The ticket", payload: { kind: "data", name: "Ticket", schema: ticketSchema } },
    },
    {
      method: "patch",
      path: "/api/tickets/{id}",
      tag: "Tickets",
      summary: "Change status, priority, assignee or tags (audited)",
      auth: "operator",
      params: ticketRefParams,
      body: { name: "UpdateTicketBody", schema: updateTicketBody, examples: { resolve: { summary: "Resolve and tag", value: { status: "resolved", tags: ["fatturazione"] } } } },
      success: { status: 200, description: "The updated ticket", payload: { kind: "data", name: "Ticket", schema: ticketSchema } },
      errors: ["INVALID_STATE"],
    },
    {
      method: "get",
      path: "/api/tickets/admin/stats",
      tag: "Monitoring",
      summary: "Ticket numbers: by status and priority, today, last 7 days, overdue, SLA",
      auth: "admin",
      success: { status: 200, description: "The statistics", payload: { kind: "data", name: "TicketStats", schema: ticketStatsSchema } },
    },
    {
      method: "post",
      path: "/api/chat/operators",
      tag: "Operators",
      summary: "Create an operator and send the invitation email",
      auth: "admin",
      body: {
        name: "CreateOperatorBody",
        schema: createOperatorBody,
        examples: { guide: { summary: "The integration guide's test operator", value: { name: "Test Operator", email: "operator@test.com", phone: "+393331234567", role: "operator" } } },
      },
      success: { status: 201, description: "The operator", payload: { kind: "data", name: "Operator", schema: operatorSchema } },
      errors: ["CONFLICT"],
    },
    {
      method: "get",
      path: "/api/chat/operators",
      tag: "Operators",
      summary: "All operators with their current load",
      auth: "admin",
      success: { status: 200, description: "The operators", payload: { kind: "data", list: true, name: "Operator", schema: operatorSchema } },
    },
    {
      method: "get",
      path: "/api/chat/operators/online",
      tag: "Operators",
      summary: "Online operators and their free seats",
      auth: "operator",
      success: { status: 200, description: "Online operators", payload: { kind: "data", list: true, name: "OnlineOperator", schema: onlineOperatorSchema } },
    },
    {
      method: "get",
      path: "/api/chat/operators/me",
      tag: "Operators",
      summary: "The signed-in operator",
      auth: "operator",
      success: { status: 200, description: "The operator", payload: { kind: "data", name: "Operator", schema: operatorSchema } },
    },
    {
      method: "patch",
      path: "/api/chat/operators/me",
      tag: "Operators",
      summary: "Set one's own status (online, away, offline) and language",
      auth: "operator",
      body: { name: "UpdateSelfBody", schema: updateSelfBody, examples: { away: { summary: "Going away", value: { status: "away" } } } },
      success: { status: 200, description: "The operator", payload: { kind: "data", name: "Operator", schema: operatorSchema } },
    },
    {
      method: "get",
      path: "/api/chat/operators/{id}",
      tag: "Operators",
      summary: "One operator",
      auth: "admin",
      params: operatorParams,
      success: { status: 200, description: "The operator", payload: { kind: "data", name: "Operator", schema: operatorSchema } },
    },
    {
      method: "patch",
      path: "/api/chat/operators/{id}",
      tag: "Operators",
      summary: "Change an operator: status, capacity, name, phone, role, active",
      auth: "admin",
      params: operatorParams,
      body: { name: "UpdateOperatorBody", schema: updateOperatorBody, examples: { capacity: { summary: "Five chats at once", value: { max_chats: 5 } } } },
      success: { status: 200, description: "The operator", payload: { kind: "data", name: "Operator", schema: operatorSchema } },
      errors: ["INVALID_STATE"],
    },
    {
      method: "post",
      path: "/api/chat/operators/{id}/resend-invite",
      tag: "Operators",
      summary: "Send the invite again: a fresh set-password link to the operator's own email (audited)",
      auth: "admin",
      params: operatorParams,
      success: { status: 200, description: "Where the link went", payload: { kind: "data", name: "SetPasswordLink", schema: setPasswordLinkSchema } },
      errors: ["INVALID_STATE"],
    },
    {
      method: "post",
      path: "/api/chat/operators/{id}/password-reset",
      tag: "Operators",
      summary: "Send a password-reset link to the operator's own email (audited)",
      auth: "admin",
      params: operatorParams,
      success: { status: 200, description: "Where the link went", payload: { kind: "data", name: "SetPasswordLink", schema: setPasswordLinkSchema } },
      errors: ["INVALID_STATE"],
    },
    {
      method: "get",
      path: "/api/push/vapid-public-key",
      tag: "Operators",
      summary: "The VAPID public key browsers subscribe to Web Push with",
      auth: "operator",
      success: { status: 200, description: "The key", payload: { kind: "data", name: "VapidPublicKey", schema: vapidPublicKeySchema } },
    },
    {
      method: "post",
      path: "/api/push/subscriptions",
      tag: "Operators",
      summary: "Opt this device in to Web Push notifications of new assignments (the signed-in operator)",
      auth: "operator",
      body: { name: "PushSubscriptionBody", schema: pushSubscriptionBody },
      success: { status: 201, description: "Stored", payload: { kind: "data", name: "PushSubscriptionSaved", schema: pushSubscriptionSavedSchema } },
      errors: ["FORBIDDEN"],
    },
    {
      method: "delete",
      path: "/api/push/subscriptions",
      tag: "Operators",
      summary: "Opt this device out of Web Push (only one's own subscription)",
      auth: "operator",
      body: { name: "PushUnsubscribeBody", schema: pushUnsubscribeBody },
      success: { status: 200, description: "Removed", payload: { kind: "data", name: "PushSubscriptionDeleted", schema: pushSubscriptionDeletedSchema } },
      errors: ["FORBIDDEN"],
    },
    {
      method: "get",
      path: "/api/chat/stats",
      tag: "Monitoring",
      summary: "Public desk aggregates: operators online, free seats, queue, waits, promise accuracy, satisfaction",
      description:
        "No names, questions or contacts: safe to show on a status page. `eta_accuracy` measures the queue's promises over the last 7 days: for every customer an operator took from the queue, the wait promised when they were queued (`estimated_wait` of request-operator) against the wait they got; `median_abs_error_minutes` is the median of the absolute differences, `within_promise_ratio` the share served no later than promised, overall, `by_priority` and `by_team` (each team's queue promises from its own handle times and seats). `csat` summarises the customers' 1–5 ratings of closed chats and resolved tickets over 30 days. With `?team=` (slug or id) the operators, seats, queue and last hour are that team's (an unknown team: 400); `eta_accuracy` and `csat` stay desk-wide (`eta_accuracy.by_team` breaks the promises down per team).",
      auth: "public",
      query: teamFilterQuery,
      success: { status: 200, description: "The aggregates", payload: { kind: "data", name: "ChatStats", schema: chatStatsSchema } },
    },
    ...(["/health", "/api/health", "/api/chat/health"] as const).map(
      (path): ApiEndpoint => ({
        method: "get",
        path,
        tag: "Monitoring",
        summary: path === "/health" ? "Health check (the guide's URL)" : `Health check (same report as /health)`,
        description: "200 when the database and realtime checks pass; 503 naming the failed ones. Email and WhatsApp providers are reported but do not fail the check: the outbox keeps notifications until they recover.",
        auth: "public",
        success: { status: 200, description: "Healthy", payload: { kind: "flat", name: "Health", schema: healthSchema }, examples: { ok: { summary: "All good", value: { status: "ok", checks: { database: "ok", realtime: "ok", email: "configured", whatsapp: "not_configured" }, failed: [] } } } },
        alsoReturns: [{ status: 503, description: "A required check failed (same body, `status: degraded`)" }],
      }),
    ),
    {
      method: "get",
      path: "/api/chat/escalation-rules",
      tag: "Rules",
      summary: "The escalation rules in force (queue limits, SLA, business hours)",
      auth: "operator",
      success: { status: 200, description: "The rules", payload: { kind: "data", name: "EscalationRules", schema: escalationRulesSchema } },
    },
    {
      method: "put",
      path: "/api/chat/escalation-rules",
      tag: "Rules",
      summary: "Replace the escalation rules (audited)",
      auth: "admin",
      body: { name: "EscalationRulesBody", schema: escalationRulesSchema },
      success: { status: 200, description: "The rules now in force", payload: { kind: "data", name: "EscalationRules", schema: escalationRulesSchema } },
    },
    {
      method: "post",
      path: "/api/faq/answer",
      tag: "FAQ bot",
      summary: "Ask the built-in FAQ bot (for sites without a chatbot)",
      description:
        "Searches the knowledge base of the question's language and applies the guide's confidence policy with the admin's thresholds: `answer` (confidence > answer_above), `offer_choice` (answer, plus the two quick replies ✅ Risolto / 💬 Parla con operatore), or `escalate` (confidence < escalate_below: call request-operator). When the bot is switched off the answer is `{ enabled: false }`.",
      auth: "public",
      rateLimited: true,
      body: { name: "FaqAnswerBody", schema: faqAnswerBody, examples: { question: { summary: "A customer's question", value: { question: "Ho dimenticato la password", locale: "it" } } } },
      success: {
        status: 200,
        description: "The bot's decision, or `enabled: false`",
        payload: {
          kind: "oneOf",
          envelope: true,
          variants: [
            { name: "FaqBotOff", schema: z.object({ enabled: z.literal(false) }) },
            { name: "FaqAnswer", schema: faqAnswer.extend({ enabled: z.literal(true) }) },
          ],
        },
        examples: {
          answer: {
            summary: "Sure enough to answer",
            value: { success: true, data: { enabled: true, decision: "answer", confidence: 0.94, answer: "Vai su Accedi → Password dimenticata.", entry_id: "cmf0kb0000001", matched_question: "Come posso reimpostare la password?" } },
          },
          offer_choice: {
            summary: "Answer, and let the customer choose",
            value: {
              success: true,
              data: {
                enabled: true,
                decision: "offer_choice",
                confidence: 0.56,
                answer: "Vai su Accedi → Password dimenticata.",
                entry_id: "cmf0kb0000001",
                matched_question: "Come posso reimpostare la password?",
                actions: [
                  { type: "quick_reply", label: "✅ Risolto", payload: "resolved" },
                  { type: "quick_reply", label: "💬 Parla con operatore", payload: "escalate_human" },
                ],
              },
            },
          },
          escalate: { summary: "Not covered: escalate", value: { success: true, data: { enabled: true, decision: "escalate", confidence: 0 } } },
          off: { summary: "The bot is off", value: { success: true, data: { enabled: false } } },
        },
      },
    },
    {
      method: "get",
      path: "/api/admin/knowledge",
      tag: "FAQ bot",
      summary: "The knowledge base (filters: locale, active, q)",
      auth: "admin",
      query: knowledgeListQuery,
      success: { status: 200, description: "Entries, by locale and question", payload: { kind: "data", list: true, name: "KnowledgeEntry", schema: knowledgeEntryView } },
    },
    {
      method: "post",
      path: "/api/admin/knowledge",
      tag: "FAQ bot",
      summary: "Add a question and its answer (audited)",
      auth: "admin",
      body: {
        name: "KnowledgeEntryBody",
        schema: knowledgeEntryBody,
        examples: { password: { summary: "A password reset entry", value: { question: "Come posso reimpostare la password?", answer: "Vai su Accedi → Password dimenticata e segui il link che ti mandiamo via email.", keywords: ["password dimenticata", "login", "accesso"], locale: "it" } } },
      },
      success: { status: 201, description: "The entry", payload: { kind: "data", name: "KnowledgeEntry", schema: knowledgeEntryView } },
    },
    {
      method: "get",
      path: "/api/admin/knowledge/{id}",
      tag: "FAQ bot",
      summary: "One knowledge base entry",
      auth: "admin",
      params: knowledgeEntryParams,
      success: { status: 200, description: "The entry", payload: { kind: "data", name: "KnowledgeEntry", schema: knowledgeEntryView } },
    },
    {
      method: "patch",
      path: "/api/admin/knowledge/{id}",
      tag: "FAQ bot",
      summary: "Edit or (de)activate an entry (audited)",
      auth: "admin",
      params: knowledgeEntryParams,
      body: { name: "UpdateKnowledgeEntryBody", schema: updateKnowledgeEntryBody, examples: { deactivate: { summary: "Stop using an entry", value: { active: false } } } },
      success: { status: 200, description: "The entry", payload: { kind: "data", name: "KnowledgeEntry", schema: knowledgeEntryView } },
    },
    {
      method: "delete",
      path: "/api/admin/knowledge/{id}",
      tag: "FAQ bot",
      summary: "Delete an entry (the audit event keeps its text)",
      auth: "admin",
      params: knowledgeEntryParams,
      success: { status: 200, description: "Deleted", payload: { kind: "data", name: "Deleted", schema: deletedSchema } },
    },
    {
      method: "post",
      path: "/api/admin/knowledge/preview",
      tag: "FAQ bot",
      summary: "What the bot would answer, with the runner-up entries (works while the bot is off)",
      auth: "admin",
      body: { name: "FaqAnswerBody", schema: faqAnswerBody, examples: { question: { summary: "Try a question", value: { question: "non riesco ad accedere", locale: "it" } } } },
      success: { status: 200, description: "The preview", payload: { kind: "data", name: "FaqPreview", schema: faqPreviewResult } },
    },
    {
      method: "get",
      path: "/api/admin/faq-settings",
      tag: "FAQ bot",
      summary: "The FAQ bot's switch (off by default) and confidence thresholds",
      auth: "admin",
      success: { status: 200, description: "The settings", payload: { kind: "data", name: "FaqSettings", schema: faqSettingsSchema } },
    },
    {
      method: "put",
      path: "/api/admin/faq-settings",
      tag: "FAQ bot",
      summary: "Switch the FAQ bot on or off and set its thresholds (audited)",
      auth: "admin",
      body: { name: "FaqSettingsBody", schema: faqSettingsSchema, examples: { on: { summary: "On, with the guide's thresholds", value: { enabled: true, answer_above: 0.8, escalate_below: 0.3 } } } },
      success: { status: 200, description: "The settings now in force", payload: { kind: "data", name: "FaqSettings", schema: faqSettingsSchema } },
    },
    {
      method: "get",
      path: "/api/admin/embed-sites",
      tag: "Embed",
      summary: "Sites that sign visitor identities (never their secrets)",
      auth: "admin",
      success: { status: 200, description: "The sites, active first", payload: { kind: "data", list: true, name: "EmbedSite", schema: embedSiteView } },
    },
    {
      method: "post",
      path: "/api/admin/embed-sites",
      tag: "Embed",
      summary: "Register a site and get its signing secret (shown once)",
      description: "The site signs `{ email, name?, exp }` with HS256 and the secret's UTF-8 bytes (docs/embed.md). Its origin must also be in ALLOWED_ORIGINS. Registering the origin of a revoked site issues it a new secret.",
      auth: "admin",
      body: { name: "CreateEmbedSiteBody", schema: createEmbedSiteBody, examples: { shop: { summary: "The shop", value: { name: "Negozio online", origin: "https://shop.example.com" } } } },
      success: { status: 201, description: "The site, with its secret", payload: { kind: "data", name: "CreatedEmbedSite", schema: createdEmbedSite } },
      errors: ["CONFLICT"],
    },
    {
      method: "delete",
      path: "/api/admin/embed-sites/{id}",
      tag: "Embed",
      summary: "Revoke a site: its tokens stop verifying at once",
      auth: "admin",
      params: embedSiteParams,
      success: { status: 200, description: "The revoked site", payload: { kind: "data", name: "EmbedSite", schema: embedSiteView } },
    },
    {
      method: "patch",
      path: "/api/admin/embed-sites/{id}",
      tag: "Embed",
      summary: "Choose the team that serves chats opened from a site",
      auth: "admin",
      params: embedSiteParams,
      body: { name: "UpdateEmbedSiteBody", schema: updateEmbedSiteBody, examples: { billing: { summary: "Billing serves the shop", value: { team: "billing" } } } },
      success: { status: 200, description: "The site", payload: { kind: "data", name: "EmbedSite", schema: embedSiteView } },
    },
    {
      method: "post",
      path: "/api/admin/embed-sites/verify",
      tag: "Embed",
      summary: "Check an identity token and say why it would be refused",
      description: "The same check as request-operator's `identity_token`, for integrators debugging their signing code. Without `origin` the token is checked as the customer chat page presents it (against every allowed, active site).",
      auth: "admin",
      body: { name: "VerifyIdentityTokenBody", schema: verifyIdentityTokenBody, examples: { check: { summary: "A token from the shop", value: { token: "eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFAYi5pdCIsImV4cCI6MTkwMDAwMDAwMH0.c2ln", origin: "https://shop.example.com" } } } },
      success: { status: 200, description: "The verdict", payload: { kind: "data", name: "IdentityVerification", schema: identityVerificationView } },
    },
    {
      method: "get",
      path: "/api/admin/teams",
      tag: "Teams",
      summary: "Teams with their members, hours, limits, fallback and waiting sessions",
      auth: "admin",
      success: { status: 200, description: "The teams, the default one first", payload: { kind: "data", list: true, name: "Team", schema: teamView } },
    },
    {
      method: "post",
      path: "/api/admin/teams",
      tag: "Teams",
      summary: "Create a team (its own queue)",
      description:
        "A team has its own queue (per-team positions and estimates), members (operators may be in several; `max_chats` counts across all), optional business hours and holidays, queue length and maximum wait (unset: the desk's escalation rules), and an optional fallback team that a session still waiting after `fallback_after_minutes` moves to, keeping its arrival time. `members` are operator ids.",
      auth: "admin",
      body: { name: "TeamBody", schema: teamBody, examples: { billing: { summary: "Billing, falling back to the default team", value: { name: "Billing", slug: "billing", max_queue_length: 50, fallback_team: "default", fallback_after_minutes: 5 } } } },
      success: { status: 201, description: "The team", payload: { kind: "data", name: "Team", schema: teamView } },
      errors: ["CONFLICT"],
    },
    {
      method: "get",
      path: "/api/admin/teams/{id}",
      tag: "Teams",
      summary: "One team",
      auth: "admin",
      params: teamParams,
      success: { status: 200, description: "The team", payload: { kind: "data", name: "Team", schema: teamView } },
    },
    {
      method: "patch",
      path: "/api/admin/teams/{id}",
      tag: "Teams",
      summary: "Change a team: name, slug, hours, limits, fallback, members",
      auth: "admin",
      params: teamParams,
      body: { name: "TeamPatchBody", schema: teamPatchBody, examples: { hours: { summary: "Its own queue limit", value: { max_queue_length: 20 } } } },
      success: { status: 200, description: "The team", payload: { kind: "data", name: "Team", schema: teamView } },
      errors: ["CONFLICT"],
    },
    {
      method: "delete",
      path: "/api/admin/teams/{id}",
      tag: "Teams",
      summary: "Delete a team; its waiting sessions move to the default team keeping their arrival",
      description: "Nothing is lost: queued sessions join the default team's queue in their original order, live chats and tickets count in the default team from then on. The default team cannot be deleted (409 INVALID_STATE).",
      auth: "admin",
      params: teamParams,
      success: {
        status: 200,
        description: "What moved",
        payload: { kind: "data", name: "DeletedTeam", schema: z.object({ id: z.string(), deleted: z.literal(true), moved_sessions: z.number().int(), moved_tickets: z.number().int() }) },
      },
      errors: ["INVALID_STATE"],
    },
    {
      method: "get",
      path: "/api/admin/api-keys",
      tag: "Admin",
      summary: "API keys (never their values)",
      auth: "admin",
      success: { status: 200, description: "The keys", payload: { kind: "data", list: true, name: "ApiKey", schema: apiKeySchema } },
    },
    {
      method: "post",
      path: "/api/admin/api-keys",
      tag: "Admin",
      summary: "Create a chatbot or admin API key (shown once)",
      auth: "admin",
      body: { name: "CreateApiKeyBody", schema: createApiKeyBody, examples: { chatbot: { summary: "A key for the chatbot", value: { name: "Chatbot sito", role: "chatbot" } } } },
      success: { status: 201, description: "The key, with its value", payload: { kind: "data", name: "CreatedApiKey", schema: createdApiKeySchema } },
    },
    {
      method: "delete",
      path: "/api/admin/api-keys/{id}",
      tag: "Admin",
      summary: "Revoke an API key",
      auth: "admin",
      params: apiKeyParams,
      success: { status: 200, description: "The revoked key", payload: { kind: "data", name: "ApiKey", schema: apiKeySchema } },
    },
    {
      method: "get",
      path: "/api/admin/webhooks",
      tag: "Webhooks",
      summary: "Webhook endpoints (never their secrets)",
      auth: "admin",
      success: { status: 200, description: "The endpoints", payload: { kind: "data", list: true, name: "WebhookEndpoint", schema: webhookEndpointSchema } },
    },
    {
      method: "post",
      path: "/api/admin/webhooks",
      tag: "Webhooks",
      summary: "Register a webhook endpoint (its secret shown once)",
      description: "The URL must be http(s) and must not resolve to a loopback, private or link-local address (unless WEBHOOK_ALLOW_PRIVATE=true). Deliveries are signed per Standard Webhooks; see docs/webhooks.md for every event.",
      auth: "admin",
      body: {
        name: "CreateWebhookBody",
        schema: createWebhookBody,
        examples: { bot: { summary: "The chatbot's endpoint", value: { url: "https://bot.example.com/sportello/webhooks", events: ["session.assigned", "message.created", "session.handed_back", "session.closed"], description: "Chatbot" } } },
      },
      success: { status: 201, description: "The endpoint, with its secret", payload: { kind: "data", name: "CreatedWebhookEndpoint", schema: createdWebhookEndpointSchema } },
    },
    {
      method: "patch",
      path: "/api/admin/webhooks/{id}",
      tag: "Webhooks",
      summary: "Change an endpoint's url, events or active; turning it on sends its backlog in order",
      auth: "admin",
      params: webhookParams,
      body: { name: "UpdateWebhookBody", schema: updateWebhookBody, examples: { pause: { summary: "Pause it", value: { active: false } } } },
      success: { status: 200, description: "The endpoint", payload: { kind: "data", name: "WebhookEndpoint", schema: webhookEndpointSchema } },
    },
    {
      method: "delete",
      path: "/api/admin/webhooks/{id}",
      tag: "Webhooks",
      summary: "Delete an endpoint and its delivery log",
      auth: "admin",
      params: webhookParams,
      success: { status: 200, description: "Deleted", payload: { kind: "data", name: "Deleted", schema: deletedSchema } },
    },
    {
      method: "post",
      path: "/api/admin/webhooks/{id}/rotate-secret",
      tag: "Webhooks",
      summary: "A new secret (shown once); the old one keeps signing for WEBHOOK_SECRET_OVERLAP_HOURS",
      auth: "admin",
      params: webhookParams,
      success: { status: 200, description: "The endpoint, with its new secret", payload: { kind: "data", name: "CreatedWebhookEndpoint", schema: createdWebhookEndpointSchema } },
    },
    {
      method: "get",
      path: "/api/admin/webhooks/{id}/deliveries",
      tag: "Webhooks",
      summary: "The endpoint's delivery log: each event, its attempts, response statuses and times",
      auth: "admin",
      params: webhookParams,
      query: webhookDeliveriesQuery,
      success: { status: 200, description: "A page of deliveries, newest first", payload: { kind: "data", name: "WebhookDeliveryPage", schema: webhookDeliveryPageSchema } },
    },
    {
      method: "post",
      path: "/api/admin/webhooks/deliveries/{id}/replay",
      tag: "Webhooks",
      summary: "Send a delivery again (same webhook-id), with a fresh retry schedule",
      auth: "admin",
      params: webhookParams,
      success: { status: 202, description: "Queued for delivery", payload: { kind: "data", name: "ReplayedDelivery", schema: replayedDeliverySchema } },
      errors: ["INVALID_STATE"],
    },
    {
      method: "get",
      path: "/api/openapi.json",
      tag: "API",
      summary: "This document (OpenAPI 3.1)",
      auth: "public",
      success: { status: 200, description: "The OpenAPI document" },
    },
    ...contactsSearchEndpoints(),
    ...cannedResponseEndpoints(),
  ];
}

/**
 * Route handlers deliberately left out of the public contract: they serve Sportello's own pages and may change
 * with them. lib/openapi/build-openapi.test.ts fails when a route is neither documented nor listed here.
 */
export const INTERNAL_ROUTES: Record<string, string> = {
  "/api/auth/{all}": "better-auth's sign-in endpoints, used by the login pages",
  "/api/{path}": "the catch-all that answers any unknown API path with a JSON 404",
  "/api/realtime/auth": "pusher-js channel authorization",
  "/api/realtime/config": "pusher-js connection settings for Sportello's pages",
  "/api/chat/queue": "the operator dashboard's queue view",
  "/api/chat/my-sessions": "the operator dashboard's list of live chats",
  "/api/chat/operators/me/heartbeat": "the operator dashboard's presence heartbeat",
  "/api/chat/sessions/{id}/transfer": "operator dashboard action",
  "/api/chat/sessions/{id}/ticket": "operator dashboard action",
  "/api/chat/sessions/{id}/transcript": "the customer chat's 'email me the transcript' action",
  "/api/chat/messages/{id}/media/{index}": "the operator dashboard's view of a WhatsApp attachment",
  "/api/chat/sessions/{id}/contact-history": "the operator dashboard's sidebar: the customer's other conversations and open tickets",
  "/api/tickets/{id}/notes": "operator dashboard action",
  "/api/tickets/{id}/replies": "operator dashboard action",
  "/api/tickets/{id}/attachments": "operator dashboard action: a file for the next emailed reply (docs/attachments.md)",
  "/api/tickets/{id}/timeline": "operator dashboard view",
  "/api/public/tickets/{token}": "the customer's ticket page",
  "/api/public/tickets/{token}/rating": "the customer's ticket page's rating form",
  "/api/public/chats/{token}/rating": "the rating form a closed chat's emailed or WhatsApp rating request links to",
  "/api/admin/csat": "admin panel CSAT switch",
  "/api/admin/audit": "admin panel view",
  "/api/admin/metrics": "admin panel view",
  "/api/admin/export/{kind}": "admin panel CSV download",
  "/api/admin/notifications": "admin panel view of the notification outbox",
  "/api/admin/notifications/{id}/retry": "admin panel action",
  "/api/admin/outbox": "admin panel view of the local (no provider) outbox",
  "/api/webhooks/whatsapp": "Twilio's inbound webhook (signed by Twilio)",
  "/api/webhooks/whatsapp/status": "Twilio's delivery-status webhook (signed by Twilio)",
};

function describeApi(): string {
  const defaults = envSchema.parse({});
  return [
    "Sportello's HTTP API: the chatbot's one call that hands a conversation to a human (`POST /api/chat/request-operator`), the customer's chat session, tickets, operators, monitoring, the built-in FAQ bot and the admin's configuration. The integration guide's URLs, field names and answers are this contract.",
    "",
    "- **Format.** JSON in and out, UTF-8, bodies up to 64 KB. Resources answer `{\"success\": true, \"data\": …}`; the escalation answers flat, as the guide defines it: `{\"success\": true, \"type\": …}`.",
    "- **Errors.** One shape for every error: `{\"success\": false, \"error\": {\"code\", \"message\", \"details\"?, \"request_id\"}}`. Match on `code` (table below); `request_id` is also in the `X-Request-Id` header.",
    "- **Authentication.** Public endpoints need nothing. A chatbot may send `Authorization: Bearer spk_…` (an API key from the admin panel) to get its own rate limit. Operator and admin endpoints take a signed-in operator's session cookie or an admin API key.",
    "- **Retries.** `POST /api/chat/request-operator` and `POST /api/tickets` accept an `Idempotency-Key` header (up to 200 characters, remembered 24 hours per caller): a retry gets the first response back, with `Idempotent-Replayed: true`, instead of escalating twice. The same key with a different body is refused (422 `IDEMPOTENCY_MISMATCH`).",
    `- **Rate limits.** Public writes are limited per client IP (${defaults.RATE_LIMIT_IP_PER_MINUTE}/min by default) and per \`user_id\` (${defaults.RATE_LIMIT_USER_PER_MINUTE}/min); an API key has its own budget (${defaults.RATE_LIMIT_API_KEY_PER_MINUTE}/min by default, settable per key). Over the limit: 429 \`RATE_LIMITED\` with \`Retry-After\` in seconds.`,
    "- **Signed identity.** Pages that embed the chat can vouch for a logged-in visitor with `identity_token`: a JWT signed with HS256 and the site's secret (registered under Embed), `exp` required and at most 24 hours away. Operators then see the email as verified; without a token it is shown as unverified.",
    "- **FAQ bot confidence.** The built-in bot ranks the knowledge base with MiniSearch (BM25 with fuzzy and prefix matching; question words weigh more than keywords). Confidence is the best entry's score divided by that entry's self score (its own question asked verbatim), square-rooted because MiniSearch multiplies scores by the number of matching words, capped at 1: 1 means the question was asked word for word, 0 that no word matched.",
    "- **Browsers.** Cross-origin calls are allowed from the origins in `ALLOWED_ORIGINS` (CORS), the same sites that may embed the chat.",
  ].join("\n");
}

function stripJsonSchemaHeader(schema: JsonSchema): JsonSchema {
  // Components live inside the OpenAPI document, whose dialect is JSON Schema 2020-12 already.
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

class SchemaRegistry {
  private readonly registry = z.registry<{ id: string }>();
  private readonly names = new Map<z.ZodType, string>();

  constructor(private readonly io: "input" | "output") {}

  add({ name, schema }: Named): JsonSchema {
    const existing = this.names.get(schema);
    if (existing && existing !== name) throw new Error(`${name}: the same schema is already documented as ${existing}`);
    if (!existing) {
      if ([...this.names.values()].includes(name)) throw new Error(`Two different schemas are named ${name}`);
      this.names.set(schema, name);
      this.registry.add(schema, { id: name });
    }
    return ref(name);
  }

  toComponents(): Record<string, JsonSchema> {
    const { schemas } = z.toJSONSchema(this.registry, { io: this.io, unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
    return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, stripJsonSchemaHeader(schema as JsonSchema)]));
  }
}

function parametersOf(schema: z.ZodObject | undefined, where: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const required = new Set<string>(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as JsonSchema;
    return { name, in: where, required: where === "path" || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

function payloadSchema(payload: Payload, outputs: SchemaRegistry): JsonSchema {
  const envelope = (data: JsonSchema) => ({ type: "object", required: ["success", "data"], properties: { success: { const: true }, data } });
  switch (payload.kind) {
    case "flat":
      return outputs.add(payload);
    case "data":
      return envelope(payload.list ? { type: "array", items: outputs.add(payload) } : outputs.add(payload));
    case "oneOf": {
      const variants = payload.variants.map((variant) => outputs.add(variant));
      const oneOf: JsonSchema = { oneOf: variants };
      if (payload.discriminator) {
        const mapping = Object.fromEntries(
          payload.variants.map((variant, i) => {
            const json = z.toJSONSchema(variant.schema, { io: "output", unrepresentable: "any" }) as JsonSchema;
            return [json.properties[payload.discriminator!].const, variants[i].$ref];
          }),
        );
        oneOf.discriminator = { propertyName: payload.discriminator, mapping };
      }
      return payload.envelope ? envelope(oneOf) : oneOf;
    }
  }
}

/** The errors an endpoint can answer: those of its kind, plus its own. */
export function errorCodesOf(endpoint: ApiEndpoint): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (endpoint.body) ["VALIDATION_ERROR", "INVALID_JSON", "PAYLOAD_TOO_LARGE"].forEach((c) => codes.add(c as ErrorCode));
  if (endpoint.query) codes.add("VALIDATION_ERROR");
  codes.add("UNAUTHORIZED"); // also for an unknown API key on public endpoints
  if (endpoint.auth !== "public") codes.add("FORBIDDEN");
  if (endpoint.params) codes.add("NOT_FOUND");
  if (endpoint.idempotent) ["CONFLICT", "IDEMPOTENCY_MISMATCH"].forEach((c) => codes.add(c as ErrorCode));
  if (endpoint.rateLimited) codes.add("RATE_LIMITED");
  for (const code of endpoint.errors ?? []) codes.add(code);
  codes.add("INTERNAL_ERROR");
  return [...codes].sort((a, b) => ERROR_STATUS[a] - ERROR_STATUS[b] || a.localeCompare(b));
}

function errorResponses(endpoint: ApiEndpoint): Record<string, JsonSchema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(endpoint)) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: codes.map((code) => `\`${code}\``).join(", "),
        ...(status === 429 ? { headers: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } } } : {}),
        content: { "application/json": { schema: ref("Error") } },
      },
    ]),
  );
}

const SECURITY: Record<Auth, JsonSchema[]> = {
  public: [{}, { bearerAuth: [] }],
  operator: [{ operatorSession: [] }, { bearerAuth: [] }],
  supervisor: [{ operatorSession: [] }, { bearerAuth: [] }],
  admin: [{ operatorSession: [] }, { bearerAuth: [] }],
};

function operationId(endpoint: ApiEndpoint): string {
  const words = endpoint.path
    .split(/[/.{}-]+/)
    .filter(Boolean);
  return [endpoint.method, ...words].map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join("");
}

export function buildOpenApiDocument(options: { serverUrl: string; endpoints?: ApiEndpoint[] }) {
  const endpoints = options.endpoints ?? apiEndpoints();
  const inputs = new SchemaRegistry("input");
  const outputs = new SchemaRegistry("output");
  outputs.add({ name: "Error", schema: errorSchema });

  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const endpoint of endpoints) {
    const parameters = [...parametersOf(endpoint.params, "path"), ...parametersOf(endpoint.query, "query")];
    if (endpoint.idempotent) parameters.push({ $ref: "#/components/parameters/IdempotencyKey" });
    const success: JsonSchema = {
      description: endpoint.success.description,
      headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" } },
      ...(endpoint.success.payload
        ? { content: { "application/json": { schema: payloadSchema(endpoint.success.payload, outputs), ...(endpoint.success.examples ? { examples: endpoint.success.examples } : {}) } } }
        : { content: { "application/json": { schema: { type: "object" } } } }),
    };
    const responses: Record<string, JsonSchema> = { [String(endpoint.success.status)]: success };
    for (const extra of endpoint.alsoReturns ?? []) responses[String(extra.status)] = { ...success, description: extra.description };
    Object.assign(responses, errorResponses(endpoint));

    paths[endpoint.path] ??= {};
    paths[endpoint.path][endpoint.method] = {
      operationId: operationId(endpoint),
      tags: [endpoint.tag],
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      "x-auth": endpoint.auth,
      ...(endpoint.rateLimited ? { "x-rate-limited": true } : {}),
      security: SECURITY[endpoint.auth],
      ...(parameters.length ? { parameters } : {}),
      ...(endpoint.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: inputs.add(endpoint.body), ...(endpoint.body.examples ? { examples: endpoint.body.examples } : {}) } },
            },
          }
        : {}),
      responses,
    };
  }

  const tags = [...new Set(endpoints.map((e) => e.tag))].map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: { title: "Sportello API", version: "1.0.0", description: describeApi(), license: { name: "MIT", identifier: "MIT" } },
    servers: [{ url: options.serverUrl }],
    tags,
    paths,
    components: {
      schemas: { ...outputs.toComponents(), ...inputs.toComponents() },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "An API key from the admin panel (`spk_…`), or the bootstrap ADMIN_API_KEY" },
        operatorSession: { type: "apiKey", in: "cookie", name: "better-auth.session_token", description: "A signed-in operator's session (the dashboard and admin panel)" },
      },
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: "Makes the request safe to retry: the same key (per caller, 24 hours) returns the first response instead of running again",
          schema: { type: "string", maxLength: 200 },
        },
      },
      headers: {
        RetryAfter: { description: "Seconds to wait before retrying", schema: { type: "integer", minimum: 1 } },
        RequestId: { description: "The request's id, also in error bodies; quote it when reporting a problem", schema: { type: "string" } },
      },
    },
    "x-error-codes": (Object.keys(ERROR_STATUS) as ErrorCode[]).map((code) => ({ code, status: ERROR_STATUS[code], description: ERROR_DESCRIPTIONS[code] })),
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
