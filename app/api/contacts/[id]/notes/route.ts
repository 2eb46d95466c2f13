// POST /api/contacts/{id}/notes – an internal note about the contact (never shown to the customer)
import { ok, route } from "@/lib/route/handler";
import { postContactsIdNotes } from "@/lib/openapi/contacts/contacts-endpoints";
import { addContactNote } from "@/lib/contacts/add-contact-note";
import { viewerOf } from "@/lib/search/visibility";
import { operatorIdOf } from "@/lib/auth/principal";

export const POST = route(postContactsIdNotes, async ({ params, body, caller }) => {
  const authorId = operatorIdOf(caller);
  return ok(await addContactNote(params.id, body.body, authorId, await viewerOf(caller)), 201);
});
