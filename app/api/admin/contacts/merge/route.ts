// POST /api/admin/contacts/merge – merge contact `from` into `into` (admin, audited)
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { mergeContactsBody } from "@/lib/contacts/contact-schemas";
import { mergeContacts } from "@/lib/contacts/merge-contacts";

export const POST = route({ auth: "admin", body: mergeContactsBody }, async ({ body, principal }) =>
  ok(await mergeContacts(body.into, body.from, actorOf(principal, SYSTEM_ACTOR))),
);
