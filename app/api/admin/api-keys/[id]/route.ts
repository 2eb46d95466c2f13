// DELETE /api/admin/api-keys/{id} – revoke a key (admin)
import { z } from "zod";
import { ok, route } from "@/lib/api/handler";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { revokeApiKey } from "@/lib/admin/manage-api-keys";

export const DELETE = route({ auth: "admin", params: z.object({ id: z.string().min(1).max(100) }) }, async ({ params, principal }) =>
  ok(await revokeApiKey(params.id, actorOf(principal, SYSTEM_ACTOR))),
);
