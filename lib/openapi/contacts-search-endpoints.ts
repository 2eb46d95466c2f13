// The documented endpoints of search, contacts and privacy (issue 15), added to the OpenAPI document.
import { z } from "zod";
import {
  contactNoteBody,
  contactNoteSchema,
  contactParams,
  contactProfileSchema,
  eraseResultSchema,
  mergeContactsBody,
  mergePlanSchema,
  mergePreviewQuery,
  mergeSuggestionsSchema,
} from "@/lib/contacts/contact-schemas";
import type { ApiEndpoint } from "@/lib/openapi/build-openapi";
import { retentionSettingsSchema } from "@/lib/privacy/retention-schemas";
import { searchQuery, searchResult } from "@/lib/search/search-schemas";

export function contactsSearchEndpoints(): ApiEndpoint[] {
  return [
    {
      method: "get",
      path: "/api/search",
      tag: "Search",
      summary: "Full-text search over messages, tickets or contacts",
      description:
        "PostgreSQL full-text search over the whole history (no time window): accents ignored, Italian or English stemming by the conversation's language, the last word matched as a prefix, ranked (messages in blocks of the 1,000 newest matches: for a word in more than 1,000 messages the first pages hold the best of the newest 1,000, and paging goes on into older blocks ranked the same way, so every match stays reachable; `sort=recent` is newest first throughout), with `snippet` (HTML-escaped text with matches in `<mark>`). Tickets match by subject, internal notes or number (`1042`, `#1042`); contacts by name, email (or a part of it) and phone as typed. Operators get only conversations and tickets assigned to them or to a team an admin put them in (not the default team, which everyone is in), and contacts of those; admins and supervisors everything. Pass `next_cursor` back as `cursor` for the next page: pages are keyset-based, stable while new messages arrive.",
      auth: "operator",
      query: searchQuery,
      success: { status: 200, description: "One page of results, best first", payload: { kind: "data", name: "SearchResult", schema: searchResult } },
    },
    {
      method: "get",
      path: "/api/contacts/{id}",
      tag: "Contacts",
      summary: "A contact's profile, how each identifier was verified, internal notes and one timeline across channels",
      description: "Operators may open a contact one of whose conversations or tickets is assigned to them or to one of their teams (the default team excepted; else 404); admins and supervisors any. A merged contact's id answers with the contact it was merged into.",
      auth: "operator",
      params: contactParams,
      success: { status: 200, description: "The contact", payload: { kind: "data", name: "ContactProfile", schema: contactProfileSchema } },
    },
    {
      method: "post",
      path: "/api/contacts/{id}/notes",
      tag: "Contacts",
      summary: "Add an internal note about a contact (never shown to the customer)",
      auth: "operator",
      params: contactParams,
      body: { name: "ContactNoteBody", schema: contactNoteBody, examples: { note: { summary: "A note", value: { body: "Cliente storico: preferisce WhatsApp" } } } },
      success: { status: 201, description: "The note", payload: { kind: "data", name: "ContactNote", schema: contactNoteSchema } },
    },
    {
      method: "get",
      path: "/api/admin/contacts/merge-suggestions",
      tag: "Contacts",
      summary: "Live contacts that share an email or a phone, for an admin to merge",
      auth: "admin",
      success: { status: 200, description: "Groups of possible duplicates", payload: { kind: "data", name: "MergeSuggestions", schema: mergeSuggestionsSchema } },
    },
    {
      method: "get",
      path: "/api/admin/contacts/merge-preview",
      tag: "Contacts",
      summary: "What merging `from` into `into` would move, without changing anything",
      auth: "admin",
      query: mergePreviewQuery,
      success: { status: 200, description: "The plan", payload: { kind: "data", name: "MergePlan", schema: mergePlanSchema } },
      errors: ["INVALID_STATE"],
    },
    {
      method: "post",
      path: "/api/admin/contacts/merge",
      tag: "Contacts",
      summary: "Merge contact `from` into `into` (audited)",
      description:
        "Moves `from`'s conversations, tickets and notes to `into`, copies identifiers `into` lacks (with their verification), and leaves `from` as a tombstone pointing at `into`. A stored email or phone is never overwritten. Sportello merges by itself only contacts that share an identifier verified on both sides; anything else is an admin's decision through this call. While both contacts have a queued or live chat the merge is refused with 409 `CONVERSATION_OPEN` (details: `open_chats`), so the customer is never left with two open chats nor has one closed under them; merge once one has ended (the automatic merge retries by itself).",
      auth: "admin",
      body: { name: "MergeContactsBody", schema: mergeContactsBody, examples: { merge: { summary: "Merge a duplicate", value: { into: "cmx4yp14q0004g97dmfuas1oi", from: "cmx4yp1q80005g97d2m6b0x1z" } } } },
      success: { status: 200, description: "What moved", payload: { kind: "data", name: "MergePlan", schema: mergePlanSchema } },
      errors: ["INVALID_STATE", "CONVERSATION_OPEN"],
    },
    {
      method: "get",
      path: "/api/admin/contacts/{id}/export",
      tag: "Privacy",
      summary: "Everything held about one person, as a JSON download (audited)",
      description:
        "The contact (and contacts merged into it) with notes, every conversation and ticket with messages and internal notes, the attachments list, every email/WhatsApp delivery record and local outbox copy, and the audit entries about them. Served with `Content-Disposition: attachment`.",
      auth: "admin",
      params: contactParams,
      success: { status: 200, description: "The export document", payload: { kind: "flat", name: "ContactExport", schema: z.record(z.string(), z.unknown()) } },
    },
    {
      method: "post",
      path: "/api/admin/contacts/{id}/erase",
      tag: "Privacy",
      summary: "Erase one person's personal data everywhere (audited); counts of what was removed",
      description:
        "Name, email, phone and user id go from the contact (and contacts merged into it); message texts and attachments, questions, chatbot metadata, ticket and contact notes, notification recipients and payloads (pending ones are cancelled), outbox copies, personal details in audit entries, cached responses and rate-limit counters that name the person are removed. Rows stay, so statistics stay right. Erasing again is harmless. See docs/privacy.md.",
      auth: "admin",
      params: contactParams,
      success: { status: 200, description: "What was removed", payload: { kind: "data", name: "EraseResult", schema: eraseResultSchema } },
    },
    {
      method: "get",
      path: "/api/admin/privacy/retention",
      tag: "Privacy",
      summary: "How long closed conversations and tickets keep personal data (null: keep, the default)",
      auth: "admin",
      success: { status: 200, description: "The setting", payload: { kind: "data", name: "RetentionSettings", schema: retentionSettingsSchema } },
    },
    {
      method: "put",
      path: "/api/admin/privacy/retention",
      tag: "Privacy",
      summary: "Set the retention (audited); a daily job anonymises what is older",
      auth: "admin",
      body: { name: "RetentionSettingsBody", schema: retentionSettingsSchema, examples: { year: { summary: "Keep one year", value: { closed_days: 365 } }, keep: { summary: "Keep", value: { closed_days: null } } } },
      success: { status: 200, description: "The setting now in force", payload: { kind: "data", name: "RetentionSettings", schema: retentionSettingsSchema } },
    },
  ];
}
