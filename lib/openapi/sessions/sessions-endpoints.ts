// The sessions API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { chatRatingTokenParams, ratingBody, ratingResult } from "@/lib/csat/csat-schemas";
import { attachmentSchema, leftMessageSchema, whatsappContinueSchema } from "@/lib/openapi/customer-response-schemas";
import { claimSchema, closedSessionSchema, handedBackSchema, messageSchema, readReceiptSchema, resumeLinkSchema, sessionSchema } from "@/lib/openapi/response-schemas";
import { sessionIdSchema } from "@/lib/schemas/common";
import { attachmentParams, attachmentQuery, claimSessionBody, closeSessionBody, handbackBody, leaveMessageBody, postMessageBody, readBody, sessionParams, sessionQuery, transcriptBody, transferBody } from "@/lib/schemas/sessions";

const contactHistoryParams = z.object({ id: sessionIdSchema });
const mediaParams = z.object({ id: z.string().min(1).max(100), index: z.coerce.number().int().min(0).max(9) });

export const getChatSessionsId = defineEndpoint({
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
});

export const postChatSessionsIdMessages = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/messages",
  tag: "Chat sessions",
  summary: "Send a message (the customer with `X-Session-Key`, or the session's operator)",
  auth: "public",
  // A client that lost the answer retries with the same Idempotency-Key: the message is stored once.
  idempotency: { scope: ({ params }) => `message:${params.id}` },
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
});

export const postChatSessionsIdHandback = defineEndpoint({
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
});

export const postChatSessionsIdClose = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/close",
  tag: "Chat sessions",
  summary: "End a chat (the customer with `X-Session-Key`, or its operator); the seat goes to the next in the queue",
  auth: "public",
  rateLimit: { bucket: "session-action" },
  params: sessionParams,
  body: { name: "CloseSessionBody", schema: closeSessionBody, examples: { resolved: { summary: "Closed as resolved", value: { reason: "resolved" } } } },
  success: { status: 200, description: "The session is closed", payload: { kind: "data", name: "ClosedSession", schema: closedSessionSchema } },
  errors: ["INVALID_STATE"],
});

export const postChatSessionsIdRead = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/read",
  tag: "Chat sessions",
  summary: "Read receipt up to a message sequence number",
  description: "The caller's side (the customer with `X-Session-Key`, or the session's operator) has seen every message up to `seq`. Receipts only move forward.",
  auth: "public",
  rateLimit: { bucket: "session-action" },
  params: sessionParams,
  body: { name: "ReadBody", schema: readBody, examples: { seen: { summary: "Seen up to message 12", value: { seq: 12 } } } },
  success: { status: 200, description: "The receipt in force", payload: { kind: "data", name: "ReadReceipt", schema: readReceiptSchema } },
});

export const postChatSessionsIdClaim = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/claim",
  tag: "Chat sessions",
  summary: "Get the customer's key to a web chat",
  description:
    "The chat page calls this when it opens `chat_url`: the first browser to open a chat gets its key (`session_key`), and from then on the session id alone opens nothing. Another browser gets 409 `SESSION_CLAIMED` and can ask for a resume link; with `resume_token` from that link the conversation moves to it and the previous key stops working. WhatsApp conversations have no web key.",
  auth: "public",
  rateLimit: { bucket: "session-action" },
  params: sessionParams,
  body: { name: "ClaimSessionBody", schema: claimSessionBody, examples: { first: { summary: "The browser that opened chat_url", value: {} } } },
  success: { status: 201, description: "The key, shown once", payload: { kind: "data", name: "SessionClaim", schema: claimSchema } },
  errors: ["SESSION_CLAIMED", "LINK_EXPIRED"],
});

export const postChatSessionsIdResumeLink = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/resume-link",
  tag: "Chat sessions",
  summary: "Email the chat's owner a link that moves it to another browser",
  description:
    "The link goes only to the address the chat was opened with (or the contact's verified email), never to one the caller names; it works once, for 30 minutes; one per conversation every two minutes.",
  auth: "public",
  rateLimit: { bucket: "session-action" },
  params: sessionParams,
  success: { status: 202, description: "Whether a link went out", payload: { kind: "data", name: "ResumeLink", schema: resumeLinkSchema } },
});

export const postChatSessionsIdLeaveMessage = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/leave-message",
  tag: "Chat sessions",
  summary: "Leave a message instead of waiting: the queued chat becomes a ticket",
  description:
    "The session's customer only (`X-Session-Key`). The ticket carries the conversation so far and is answered at the addresses the chat was opened with; `email`/`phone` are used only when the chat has none, and never replace a contact's stored address. 409 `INVALID_STATE` once an operator has the chat.",
  auth: "public",
  rateLimit: { bucket: "session-action" },
  params: sessionParams,
  body: { name: "LeaveMessageBody", schema: leaveMessageBody, examples: { none: { summary: "The chat already has an email", value: {} } } },
  success: { status: 201, description: "The ticket", payload: { kind: "data", name: "LeftMessage", schema: leftMessageSchema } },
  errors: ["INVALID_STATE"],
});

export const postChatSessionsIdContinueOnWhatsapp = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/continue-on-whatsapp",
  tag: "Chat sessions",
  summary: "Continue a queued chat on WhatsApp, keeping the place in the queue",
  description:
    "The session's customer only (`X-Session-Key`), when the chat has a phone and WhatsApp is configured (otherwise 409 `INVALID_STATE`). The first WhatsApp message goes out through the outbox; the typed number stays unproven until the customer answers from it, and only that answer continues this chat (docs/security.md). Repeating the call sends nothing new.",
  auth: "public",
  rateLimit: { bucket: "session-action" },
  params: sessionParams,
  success: { status: 202, description: "Still queued, same place", payload: { kind: "data", name: "WhatsappContinue", schema: whatsappContinueSchema } },
  errors: ["INVALID_STATE"],
});

export const postChatSessionsIdAttachments = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/attachments",
  tag: "Chat sessions",
  summary: "Attach an image or a PDF to a web chat (multipart/form-data, field `file`)",
  description:
    "The session's customer (`X-Session-Key`), its operator or an admin. At most `ATTACHMENT_MAX_BYTES` (default 10 MB: 413 `PAYLOAD_TOO_LARGE`); PNG, JPEG, GIF, WebP or PDF as found in the bytes, whatever the name or the declared type says (415 `UNSUPPORTED_MEDIA_TYPE`). Nothing is stored when a check fails. A new message in the thread carries it: its `media` holds `{attachment_id, name, content_type, size}`.",
  auth: "public",
  rateLimit: { bucket: "session-action" },
  streamBody: true,
  params: sessionParams,
  success: { status: 201, description: "The stored attachment", payload: { kind: "data", name: "Attachment", schema: attachmentSchema } },
  errors: ["PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE", "INVALID_STATE"],
});

export const getChatAttachmentsId = defineEndpoint({
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
});

export const postChatSessionsIdRating = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/rating",
  tag: "Chat sessions",
  summary: "Rate a closed chat (CSAT, 1–5 and an optional comment), once",
  description:
    "The session's customer only (`X-Session-Key`); a second rating gets 409 `CONFLICT`, ratings switched off (or not asked at chat close) 409 `INVALID_STATE`. The ticket page's equivalent is `POST /api/public/tickets/{token}/rating`, once the ticket is resolved.",
  auth: "public",
  rateLimit: { bucket: "session-action" },
  params: sessionParams,
  body: { name: "RatingBody", schema: ratingBody, examples: { happy: { summary: "Five stars", value: { score: 5, comment: "Veloce e gentile" } } } },
  success: { status: 201, description: "The rating", payload: { kind: "data", name: "Rating", schema: ratingResult } },
  errors: ["INVALID_STATE", "CONFLICT"],
});

export const postPublicChatsTokenRating = defineEndpoint({
  method: "post",
  path: "/api/public/chats/{token}/rating",
  internal: "the rating form a closed chat's emailed or WhatsApp rating request links to",
  auth: "public",
  rateLimit: { bucket: "public-write", key: ({ params }) => `chat-rating:${params.token.slice(0, 12)}` },
  params: chatRatingTokenParams,
  body: { name: "RatingBody", schema: ratingBody },
});

export const getChatQueue = defineEndpoint({
  method: "get",
  path: "/api/chat/queue",
  internal: "the operator dashboard's queue view",
  auth: "operator",
});

export const postChatSessionsIdTranscript = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/transcript",
  internal: "the customer chat's 'email me the transcript' action",
  auth: "public",
  rateLimit: { bucket: "session-action" },
  params: sessionParams,
  body: { name: "TranscriptBody", schema: transcriptBody },
});

export const postChatSessionsIdTicket = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/ticket",
  internal: "operator dashboard action",
  auth: "operator",
  params: sessionParams,
});

export const postChatSessionsIdTransfer = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/transfer",
  internal: "operator dashboard action",
  auth: "operator",
  params: sessionParams,
  body: { name: "TransferBody", schema: transferBody },
});

export const getChatSessionsIdContactHistory = defineEndpoint({
  method: "get",
  path: "/api/chat/sessions/{id}/contact-history",
  internal: "the operator dashboard's sidebar: the customer's other conversations and open tickets",
  auth: "operator",
  params: contactHistoryParams,
});

export const getChatMySessions = defineEndpoint({
  method: "get",
  path: "/api/chat/my-sessions",
  internal: "the operator dashboard's list of live chats",
  auth: "operator-session",
});

export const getChatMessagesIdMediaIndex = defineEndpoint({
  method: "get",
  path: "/api/chat/messages/{id}/media/{index}",
  internal: "the operator dashboard's view of a WhatsApp attachment",
  auth: "operator",
  params: mediaParams,
});

/** In the order of the OpenAPI document. */
export const sessionsEndpoints = [
  getChatSessionsId,
  postChatSessionsIdMessages,
  postChatSessionsIdHandback,
  postChatSessionsIdClose,
  postChatSessionsIdRead,
  postChatSessionsIdClaim,
  postChatSessionsIdResumeLink,
  postChatSessionsIdLeaveMessage,
  postChatSessionsIdContinueOnWhatsapp,
  postChatSessionsIdAttachments,
  getChatAttachmentsId,
  postChatSessionsIdRating,
  postPublicChatsTokenRating,
  getChatQueue,
  postChatSessionsIdTranscript,
  postChatSessionsIdTicket,
  postChatSessionsIdTransfer,
  getChatSessionsIdContactHistory,
  getChatMySessions,
  getChatMessagesIdMediaIndex,
];
