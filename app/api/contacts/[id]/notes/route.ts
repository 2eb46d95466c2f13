// POST /api/contacts/{id}/notes – an internal note about the contact (never shown to the customer)
import { ok, route } from "@/lib/api/handler";
import { addContactNote } from "@/lib/contacts/add-contact-note";
import { contactNoteBody, contactParams } from "@/lib/contacts/contact-schemas";
import { viewerOf } from "@/lib/search/visibility";

export const POST = route({ auth: "operator", params: contactParams, body: contactNoteBody }, async ({ params, body, principal }) => {
  const authorId = principal?.kind === "operator" ? principal.operatorId : null;
  return ok(await addContactNote(params.id, body.body, authorId, await viewerOf(principal!)), 201);
});
