// The search API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { defineEndpoint } from "@/lib/api/endpoint";
import { searchQuery, searchResult } from "@/lib/search/search-schemas";

export const getSearch = defineEndpoint({
  method: "get",
  path: "/api/search",
  tag: "Search",
  summary: "Full-text search over messages, tickets or contacts",
  description:
    "PostgreSQL full-text search over the whole history (no time window): accents ignored, Italian or English stemming by the conversation's language, the last word matched as a prefix, ranked (messages in blocks of the 1,000 newest matches: for a word in more than 1,000 messages the first pages hold the best of the newest 1,000, and paging goes on into older blocks ranked the same way, so every match stays reachable; `sort=recent` is newest first throughout), with `snippet` (HTML-escaped text with matches in `<mark>`). Tickets match by subject, internal notes or number (`1042`, `#1042`); contacts by name, email (or a part of it) and phone as typed. Operators get only conversations and tickets assigned to them or to a team an admin put them in (not the default team, which everyone is in), and contacts of those; admins and supervisors everything. Pass `next_cursor` back as `cursor` for the next page: pages are keyset-based, stable while new messages arrive.",
  auth: "operator",
  query: searchQuery,
  success: { status: 200, description: "One page of results, best first", payload: { kind: "data", name: "SearchResult", schema: searchResult } },
});

/** In the order of the OpenAPI document. */
export const searchEndpoints = [
  getSearch,
];
