// PATCH /api/chat/canned-responses/{id} – change a canned response; DELETE – remove it (an operator their personal
// ones, an admin team and desk-wide ones)
import { ok, route } from "@/lib/route/handler";
import { deleteChatCannedResponsesId, patchChatCannedResponsesId } from "@/lib/openapi/canned-responses/canned-responses-endpoints";
import { deleteCannedResponse, updateCannedResponse } from "@/lib/canned/manage-canned-responses";

export const PATCH = route(patchChatCannedResponsesId, async ({ params, body, caller }) =>
  ok(await updateCannedResponse(caller, params.id, body)),
);

export const DELETE = route(deleteChatCannedResponsesId, async ({ params, caller }) =>
  ok(await deleteCannedResponse(caller, params.id)),
);
