// The escalation API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { defineEndpoint } from "@/lib/api/endpoint";
import { EXAMPLE_CHAT_URL, EXAMPLE_SESSION_ID, GUIDE_ESCALATION } from "@/lib/openapi/examples";
import { operatorAssignedResult, queuedResult, requestOperatorBody, ticketCreatedResult } from "@/lib/schemas/escalation";

export const postChatRequestOperator = defineEndpoint({
  method: "post",
  path: "/api/chat/request-operator",
  tag: "Escalation",
  summary: "Hand a chatbot conversation to a human",
  description:
    "The chatbot's one call when it cannot help. Sportello assigns a free operator now (`operator_assigned`), puts the customer in the queue with an honest position and wait (`queue`), or — no operator online, outside business hours, queue full — opens a ticket answered by email/WhatsApp (`ticket_created`). Send the customer to `chat_url` for the first two. A customer who already has a queued or live chat gets that one back (`existing: true`) when the caller is trusted (a chatbot API key, or a valid `identity_token`, which then speaks for its own email only: the user id becomes `web:<email>`); an anonymous caller gets 409 `CONVERSATION_OPEN` instead, never another conversation's id, and the conversation's owner is emailed a resume link. An anonymous caller's email, phone and name never overwrite a stored contact's, and user ids starting with `whatsapp:` belong to WhatsApp senders (anonymous callers get 400). `chat_url` opens the chat in the first browser that opens it (docs/security.md).\n\nRouting by team and skills: `team` (slug or id; default: the default team) picks the queue and the operators — online members of that team with every skill in `skills`, least loaded then idle longest. `position` and `estimated_wait` are per team, from that team's seats and handle times; the team's own business hours, holidays, queue length and wait apply (the desk's where it set none). An unknown team is refused with 400 (`details.field` = `team`).\n\nWith `identity_token` (signed by an embedding site, see docs/embed.md) the email and name come from the token and operators see them as verified; an invalid token is refused with 401 `INVALID_IDENTITY_TOKEN` rather than silently trusted.",
  auth: "public",
  rateLimit: { bucket: "public-write", key: ({ body }) => body.user_id },
  idempotency: { scope: ({ who }) => `request-operator:${who}` },
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
      operator_assigned: { summary: "A free operator took the chat", value: { success: true, type: "operator_assigned", session_id: EXAMPLE_SESSION_ID, operator: { id: "op_marco", name: "Marco" }, chat_url: EXAMPLE_CHAT_URL } },
      queue: { summary: "Everyone is busy: in the queue", value: { success: true, type: "queue", session_id: EXAMPLE_SESSION_ID, position: 3, estimated_wait: 6, chat_url: EXAMPLE_CHAT_URL } },
      ticket_created: {
        summary: "Nobody online: a ticket",
        value: { success: true, type: "ticket_created", ticket_id: 1042, ticket_number: 1042, message: "Ho creato il ticket #1042. Riceverai risposta via email/WhatsApp entro 24h.", reason: "no_operators" },
      },
    },
  },
  errors: ["INVALID_IDENTITY_TOKEN", "CONVERSATION_OPEN"],
});

/** In the order of the OpenAPI document. */
export const escalationEndpoints = [
  postChatRequestOperator,
];
