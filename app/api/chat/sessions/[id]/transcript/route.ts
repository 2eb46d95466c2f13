// POST /api/chat/sessions/{id}/transcript – email the chat's transcript to the customer (the session id is the key)
import { z } from "zod";
import { ok, route } from "@/lib/api/handler";
import { actorOf } from "@/lib/auth/principal";
import { requestTranscript } from "@/lib/chat/request-transcript";
import { emailSchema, localeSchema } from "@/lib/schemas/common";
import { sessionParams } from "@/lib/schemas/sessions";

const body = z.object({ email: emailSchema.optional(), locale: localeSchema.optional() });

export const POST = route({ params: sessionParams, body }, async ({ params, body, principal }) =>
  ok(await requestTranscript(params.id, actorOf(principal, { type: "customer", id: params.id }), body.email, body.locale), 202),
);
