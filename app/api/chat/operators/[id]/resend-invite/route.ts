// POST /api/chat/operators/{id}/resend-invite – a fresh invite link to the operator's own email (admin, audited)
import { ok, route } from "@/lib/route/handler";
import { postChatOperatorsIdResendInvite } from "@/lib/openapi/operators/operators-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { sendSetPasswordLink } from "@/lib/operators/send-set-password-link";

export const POST = route(postChatOperatorsIdResendInvite, async ({ params, principal }) =>
  ok(await sendSetPasswordLink(params.id, "invite", actorOf(principal, SYSTEM_ACTOR))),
);
