// GET /api/contacts/{id} – a contact's profile and one timeline of conversations and tickets across channels
import { ok, route } from "@/lib/route/handler";
import { getContactsId } from "@/lib/openapi/contacts/contacts-endpoints";
import { getContact } from "@/lib/contacts/get-contact";
import { viewerOf } from "@/lib/search/visibility";

export const GET = route(getContactsId, async ({ params, caller }) => ok(await getContact(params.id, await viewerOf(caller))));
