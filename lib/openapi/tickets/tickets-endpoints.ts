// The tickets API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { defineEndpoint } from "@/lib/api/endpoint";
import { contactKey } from "@/lib/tickets/create-ticket-from-api";
import { ratingBody } from "@/lib/csat/csat-schemas";
import { DOCS_SERVER_URL } from "@/lib/openapi/examples";
import { createdTicketSchema, ticketListSchema, ticketSchema } from "@/lib/openapi/response-schemas";
import { createTicketBody, customerReplyBody, listTicketsQuery, ticketNoteBody, ticketRefParams, ticketReplyBody, ticketTokenParams, updateTicketBody } from "@/lib/tickets/ticket-schemas";

export const postTickets = defineEndpoint({
  method: "post",
  path: "/api/tickets",
  tag: "Tickets",
  summary: "Open a ticket (answered by email and/or WhatsApp)",
  description: "`user_email` or `user_phone` is required (the channels the answer goes to). The contact is matched by `user_id`, else by email, else by phone. The admin is notified by email and WhatsApp; the customer gets the ticket link.",
  auth: "public",
  rateLimit: { bucket: "public-write", key: ({ body, trusted }) => contactKey(body, trusted) },
  idempotency: { scope: ({ who }) => `tickets:${who}` },
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
});

export const getTickets = defineEndpoint({
  method: "get",
  path: "/api/tickets",
  tag: "Tickets",
  summary: "The desk's ticket list: filters, search, pagination",
  description: "List filters (`status`, `priority`, `channel`) take comma-separated values, e.g. `status=open,pending`. `assignee` is an operator id, `me` or `none`; `from`/`to` are dates (YYYY-MM-DD) or ISO timestamps.",
  auth: "operator",
  query: listTicketsQuery,
  success: { status: 200, description: "A page of tickets", payload: { kind: "data", name: "TicketList", schema: ticketListSchema } },
});

export const getTicketsId = defineEndpoint({
  method: "get",
  path: "/api/tickets/{id}",
  tag: "Tickets",
  summary: "One ticket, by number (1042) or id",
  auth: "operator",
  params: ticketRefParams,
  success: { status: 200, description: "The ticket", payload: { kind: "data", name: "Ticket", schema: ticketSchema } },
});

export const patchTicketsId = defineEndpoint({
  method: "patch",
  path: "/api/tickets/{id}",
  tag: "Tickets",
  summary: "Change status, priority, assignee or tags (audited)",
  auth: "operator",
  params: ticketRefParams,
  body: { name: "UpdateTicketBody", schema: updateTicketBody, examples: { resolve: { summary: "Resolve and tag", value: { status: "resolved", tags: ["fatturazione"] } } } },
  success: { status: 200, description: "The updated ticket", payload: { kind: "data", name: "Ticket", schema: ticketSchema } },
  errors: ["INVALID_STATE"],
});

export const getPublicTicketsToken = defineEndpoint({
  method: "get",
  path: "/api/public/tickets/{token}",
  internal: "the customer's ticket page",
  auth: "public",
  params: ticketTokenParams,
});

export const postPublicTicketsToken = defineEndpoint({
  method: "post",
  path: "/api/public/tickets/{token}",
  internal: "the customer's ticket page",
  auth: "public",
  rateLimit: { bucket: "public-write", key: ({ params }) => `ticket:${params.token.slice(0, 12)}` },
  params: ticketTokenParams,
  body: { name: "CustomerReplyBody", schema: customerReplyBody },
});

export const postPublicTicketsTokenRating = defineEndpoint({
  method: "post",
  path: "/api/public/tickets/{token}/rating",
  internal: "the customer's ticket page's rating form",
  auth: "public",
  rateLimit: { bucket: "public-write", key: ({ params }) => `ticket:${params.token.slice(0, 12)}` },
  params: ticketTokenParams,
  body: { name: "RatingBody", schema: ratingBody },
});

export const postTicketsIdReplies = defineEndpoint({
  method: "post",
  path: "/api/tickets/{id}/replies",
  internal: "operator dashboard action",
  auth: "operator",
  params: ticketRefParams,
  body: { name: "TicketReplyBody", schema: ticketReplyBody },
});

export const postTicketsIdNotes = defineEndpoint({
  method: "post",
  path: "/api/tickets/{id}/notes",
  internal: "operator dashboard action",
  auth: "operator",
  params: ticketRefParams,
  body: { name: "TicketNoteBody", schema: ticketNoteBody },
});

export const getTicketsIdTimeline = defineEndpoint({
  method: "get",
  path: "/api/tickets/{id}/timeline",
  internal: "operator dashboard view",
  auth: "operator",
  params: ticketRefParams,
});

export const postTicketsIdAttachments = defineEndpoint({
  method: "post",
  path: "/api/tickets/{id}/attachments",
  internal: "operator dashboard action: a file for the next emailed reply (docs/attachments.md)",
  auth: "operator",
  params: ticketRefParams,
  streamBody: true,
});

/** In the order of the OpenAPI document. */
export const ticketsEndpoints = [
  postTickets,
  getTickets,
  getTicketsId,
  patchTicketsId,
  getPublicTicketsToken,
  postPublicTicketsToken,
  postPublicTicketsTokenRating,
  postTicketsIdReplies,
  postTicketsIdNotes,
  getTicketsIdTimeline,
  postTicketsIdAttachments,
];
