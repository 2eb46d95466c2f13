// PATCH /api/chat/canned-responses/{id} – change a canned response; DELETE – remove it (an operator their personal
// ones, an admin team and desk-wide ones)
import { ok, route } from "@/lib/api/handler";
import { deleteChatCannedResponsesId, patchChatCannedResponsesId } from "@/lib/openapi/canned-responses/canned-responses-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { deleteCannedResponse, updateCannedResponse } from "@/lib/canned/manage-canned-responses";

export const PATCH = route(patchChatCannedResponsesId, async ({ params, body, principal }) =>
  ok(await updateCannedResponse(principal!, params.id, body, actorOf(principal, SYSTEM_ACTOR))),
);

export const DELETE = route(deleteChatCannedResponsesId, async ({ params, principal }) =>
  ok(await deleteCannedResponse(principal!, params.id, actorOf(principal, SYSTEM_ACTOR))),
);
