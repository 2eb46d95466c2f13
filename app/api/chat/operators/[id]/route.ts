// PATCH /api/chat/operators/{id} – status, capacity, name, phone, role, active (admin); GET – one operator
import { z } from "zod";
import { ok, route } from "@/lib/api/handler";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { getOperatorOrThrow } from "@/lib/operators/list-operators";
import { updateOperator } from "@/lib/operators/update-operator";
import { updateOperatorBody } from "@/lib/schemas/operators";

const params = z.object({ id: z.string().min(1).max(100) });

export const PATCH = route({ auth: "admin", params, body: updateOperatorBody }, async ({ params, body, principal }) =>
  ok(await updateOperator(params.id, body, actorOf(principal, SYSTEM_ACTOR))),
);

export const GET = route({ auth: "admin", params }, async ({ params }) => ok(await getOperatorOrThrow(params.id)));
