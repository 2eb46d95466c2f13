// GET/POST /api/chat/sessions/{id}/notes – internal notes and whispers in a live chat (staff only, never the customer)
import { ok, route } from "@/lib/route/handler";
import { getChatSessionsIdNotes, postChatSessionsIdNotes } from "@/lib/openapi/supervision/supervision-endpoints";
import { addSessionNote, listSessionNotes } from "@/lib/chat/session-notes";

export const GET = route(getChatSessionsIdNotes, async ({ params, principal }) => ok(await listSessionNotes(params.id, principal)));

export const POST = route(postChatSessionsIdNotes, async ({ params, body, principal }) =>
  ok(await addSessionNote(params.id, body, principal), 201),
);
