// The contacts API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { defineEndpoint } from "@/lib/api/endpoint";
import { contactNoteBody, contactNoteSchema, contactParams, contactProfileSchema, mergeContactsBody, mergePlanSchema, mergePreviewQuery, mergeSuggestionsSchema } from "@/lib/contacts/contact-schemas";

export const getContactsId = defineEndpoint({
  method: "get",
  path: "/api/contacts/{id}",
  tag: "Contacts",
  summary: "A contact's profile, how each identifier was verified, internal notes and one timeline across channels",
  description: "Operators may open a contact one of whose conversations or tickets is assigned to them or to one of their teams (the default team excepted; else 404); admins and supervisors any. A merged contact's id answers with the contact it was merged into.",
  auth: "operator",
  params: contactParams,
  success: { status: 200, description: "The contact", payload: { kind: "data", name: "ContactProfile", schema: contactProfileSchema } },
});

export const postContactsIdNotes = defineEndpoint({
  method: "post",
  path: "/api/contacts/{id}/notes",
  tag: "Contacts",
  summary: "Add an internal note about a contact (never shown to the customer)",
  auth: "operator",
  params: contactParams,
  body: { name: "ContactNoteBody", schema: contactNoteBody, examples: { note: { summary: "A note", value: { body: "Cliente storico: preferisce WhatsApp" } } } },
  success: { status: 201, description: "The note", payload: { kind: "data", name: "ContactNote", schema: contactNoteSchema } },
});

export const getAdminContactsMergeSuggestions = defineEndpoint({
  method: "get",
  path: "/api/admin/contacts/merge-suggestions",
  tag: "Contacts",
  summary: "Live contacts that share an email or a phone, for an admin to merge",
  auth: "admin",
  success: { status: 200, description: "Groups of possible duplicates", payload: { kind: "data", name: "MergeSuggestions", schema: mergeSuggestionsSchema } },
});

export const getAdminContactsMergePreview = defineEndpoint({
  method: "get",
  path: "/api/admin/contacts/merge-preview",
  tag: "Contacts",
  summary: "What merging `from` into `into` would move, without changing anything",
  auth: "admin",
  query: mergePreviewQuery,
  success: { status: 200, description: "The plan", payload: { kind: "data", name: "MergePlan", schema: mergePlanSchema } },
  errors: ["INVALID_STATE"],
});

export const postAdminContactsMerge = defineEndpoint({
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
});

/** In the order of the OpenAPI document. */
export const contactsEndpoints = [
  getContactsId,
  postContactsIdNotes,
  getAdminContactsMergeSuggestions,
  getAdminContactsMergePreview,
  postAdminContactsMerge,
];
