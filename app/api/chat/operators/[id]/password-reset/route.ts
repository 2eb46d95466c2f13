// POST /api/chat/operators/{id}/password-reset – a password-reset link to the operator's own email (admin, audited)
import { z } from "zod";
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { sendSetPasswordLink } from "@/lib/operators/send-set-password-link";

const params = z.object({ id: z.string().min(1).max(100) });

export const POST = route({ auth: "admin", params }, async ({ params, principal }) =>
  ok(await sendSetPasswordLink(params.id, "password_reset", actorOf(principal, SYSTEM_ACTOR))),
);
