// POST /api/chat/operators/{id}/password-reset – a password-reset link to the operator's own email (admin, audited)
import { ok, route } from "@/lib/route/handler";
import { postChatOperatorsIdPasswordReset } from "@/lib/openapi/operators/operators-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { sendSetPasswordLink } from "@/lib/operators/send-set-password-link";

export const POST = route(postChatOperatorsIdPasswordReset, async ({ params, principal }) =>
  ok(await sendSetPasswordLink(params.id, "password_reset", actorOf(principal, SYSTEM_ACTOR))),
);
