// PATCH /api/chat/canned-responses/{id} – change a canned response; DELETE – remove it (an operator their personal
// ones, an admin team and desk-wide ones)
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { deleteCannedResponse, updateCannedResponse } from "@/lib/canned/manage-canned-responses";
import { cannedResponseParams, updateCannedResponseBody } from "@/lib/schemas/canned-responses";

export const PATCH = route({ auth: "operator", params: cannedResponseParams, body: updateCannedResponseBody }, async ({ params, body, principal }) =>
  ok(await updateCannedResponse(principal!, params.id, body, actorOf(principal, SYSTEM_ACTOR))),
);

export const DELETE = route({ auth: "operator", params: cannedResponseParams }, async ({ params, principal }) =>
  ok(await deleteCannedResponse(principal!, params.id, actorOf(principal, SYSTEM_ACTOR))),
);
