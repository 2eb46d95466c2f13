// DELETE /api/admin/api-keys/{id} – revoke a key (admin)
import { ok, route } from "@/lib/route/handler";
import { deleteAdminKeysId } from "@/lib/openapi/admin/admin-endpoints";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { revokeApiKey } from "@/lib/admin/manage-api-keys";

export const DELETE = route(deleteAdminKeysId, async ({ params, principal }) =>
  ok(await revokeApiKey(params.id, actorOf(principal, SYSTEM_ACTOR))),
);
