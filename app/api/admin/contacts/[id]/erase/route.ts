// POST /api/admin/contacts/{id}/erase – remove one person's personal data everywhere; counts of what went (admin, audited)
import { ok, route } from "@/lib/route/handler";
import { postAdminContactsIdErase } from "@/lib/openapi/privacy/privacy-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { eraseContact } from "@/lib/privacy/erase-contact";

export const POST = route(postAdminContactsIdErase, async ({ params, principal }) => ok(await eraseContact(params.id, actorOf(principal, SYSTEM_ACTOR))));
