// GET/POST /api/chat/sessions/{id}/notes – internal notes and whispers in a live chat (staff only, never the customer)
import { ok, route } from "@/lib/api/handler";
import { addSessionNote, listSessionNotes } from "@/lib/chat/session-notes";
import { sessionParams } from "@/lib/schemas/sessions";
import { postNoteBody } from "@/lib/schemas/supervision";

export const GET = route({ auth: "operator", params: sessionParams }, async ({ params, principal }) => ok(await listSessionNotes(params.id, principal)));

export const POST = route({ auth: "operator", params: sessionParams, body: postNoteBody }, async ({ params, body, principal }) =>
  ok(await addSessionNote(params.id, body, principal), 201),
);
