// The supervision API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { defineEndpoint } from "@/lib/api/endpoint";
import { sessionParams } from "@/lib/schemas/sessions";
import { floorSchema, noteSchema, postNoteBody, takeOverResultSchema } from "@/lib/schemas/supervision";

export const getChatSessionsIdNotes = defineEndpoint({
  method: "get",
  path: "/api/chat/sessions/{id}/notes",
  tag: "Supervision",
  summary: "A live chat's internal notes and whispers (staff only)",
  description: "Notes are for operators, supervisors and admins: no customer path (session API, realtime session channel, WhatsApp, email, webhooks, transcripts, the ticket page, exports) ever carries them. Each note's `after_seq` places it in the thread.",
  auth: "operator",
  params: sessionParams,
  success: { status: 200, description: "The notes, oldest first", payload: { kind: "data", list: true, name: "SessionNote", schema: noteSchema } },
});

export const postChatSessionsIdNotes = defineEndpoint({
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
});

export const postChatSessionsIdTakeOver = defineEndpoint({
  method: "post",
  path: "/api/chat/sessions/{id}/take-over",
  tag: "Supervision",
  summary: "Take a live chat over (signed-in supervisor or admin)",
  description: "The chat moves to the caller in the routing transaction (may exceed the caller's own `max_chats`: an intervention, not routing); the customer reads a polite system line in their language, the previous operator gets `session.unassigned` with `reason: \"taken_over\"`, their seat goes to the queue, and the bot gets `session.transferred`.",
  auth: "supervisor",
  params: sessionParams,
  success: { status: 200, description: "The chat is the caller's", payload: { kind: "data", name: "TakeOverResult", schema: takeOverResultSchema } },
  errors: ["FORBIDDEN", "INVALID_STATE"],
});

export const getChatFloor = defineEndpoint({
  method: "get",
  path: "/api/chat/floor",
  tag: "Supervision",
  summary: "The live floor: every queue, every live chat with waiting and response times, every operator's load",
  description: "Supervisors and admins. The floor page refreshes it on `floor.updated` (channel `private-floor`) and `queue.updated`.",
  auth: "supervisor",
  success: { status: 200, description: "The floor", payload: { kind: "data", name: "Floor", schema: floorSchema } },
});

/** In the order of the OpenAPI document. */
export const supervisionEndpoints = [
  getChatSessionsIdNotes,
  postChatSessionsIdNotes,
  postChatSessionsIdTakeOver,
  getChatFloor,
];
