// Contract of GET /api/search. Browser-safe.
import { z } from "zod";
import { dateParam } from "@/lib/admin/admin-schemas";

export const SEARCH_TYPES = ["messages", "tickets", "contacts"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Conversation statuses and ticket statuses: the filter applies to whichever the result belongs to. */
export const SEARCH_STATUSES = ["queued", "active", "closed", "ticketed", "open", "pending", "resolved"] as const;

export const searchQuery = z
  .object({
    q: z.string().trim().min(1).max(200),
    type: z.enum(SEARCH_TYPES).default("messages"),
    cursor: z.string().trim().min(1).max(400).optional(),
    channel: z.enum(["web", "whatsapp", "email"]).optional(),
    status: z.enum(SEARCH_STATUSES).optional(),
    /** An operator id: conversations they handled, tickets assigned to them. */
    operator: z.string().trim().min(1).max(100).optional(),
    /** A team id: that team's conversations and tickets (and contacts with one). */
    team: z.string().trim().min(1).max(100).optional(),
    from: dateParam.optional(),
    to: dateParam.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    /** Best match first (default; messages are ranked in blocks of the newest matches, see lib/search/run-search.ts), or newest first. */
    sort: z.enum(["relevance", "recent"]).default("relevance"),
  })
  .refine((q) => !q.from || !q.to || q.from.getTime() <= q.to.getTime(), { message: "from must not be after to", path: ["from"] });
export type SearchQuery = z.infer<typeof searchQuery>;

const contactRef = z.object({ id: z.string(), name: z.string().nullable() }).nullable();

export const messageHit = z.object({
  type: z.literal("message"),
  id: z.string(),
  session_id: z.string().nullable(),
  ticket_id: z.string().nullable(),
  ticket_number: z.number().nullable(),
  sender: z.string(),
  channel: z.string(),
  status: z.string().nullable(),
  language: z.string(),
  contact: contactRef,
  created_at: z.string(),
  /** HTML-escaped text with the matched words in <mark>…</mark>. */
  snippet: z.string(),
});

export const ticketHit = z.object({
  type: z.literal("ticket"),
  id: z.string(),
  number: z.number(),
  status: z.string(),
  channel: z.string(),
  session_id: z.string().nullable(),
  assignee_id: z.string().nullable(),
  contact: contactRef,
  created_at: z.string(),
  snippet: z.string(),
});

export const contactHit = z.object({
  type: z.literal("contact"),
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  created_at: z.string(),
  snippet: z.string(),
});

export const searchResult = z.object({
  type: z.enum(SEARCH_TYPES),
  items: z.array(z.union([messageHit, ticketHit, contactHit])),
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: z.string().nullable(),
});
export type MessageHit = z.infer<typeof messageHit>;
export type TicketHit = z.infer<typeof ticketHit>;
export type ContactHit = z.infer<typeof contactHit>;
export type SearchHit = MessageHit | TicketHit | ContactHit;
export type SearchResult = z.infer<typeof searchResult>;
