// POST /api/admin/contacts/merge – merge contact `from` into `into` (admin, audited)
import { ok, route } from "@/lib/route/handler";
import { postAdminContactsMerge } from "@/lib/openapi/contacts/contacts-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { mergeContacts } from "@/lib/contacts/merge-contacts";

export const POST = route(postAdminContactsMerge, async ({ body, principal }) =>
  ok(await mergeContacts(body.into, body.from, actorOf(principal, SYSTEM_ACTOR))),
);
