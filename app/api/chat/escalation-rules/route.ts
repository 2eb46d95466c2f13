// GET /api/chat/escalation-rules – the rules in force (the guide's getEscalationRules()); PUT – replace them (admin, audited)
import { ok, route } from "@/lib/route/handler";
import { getChatEscalationRules, putChatEscalationRules } from "@/lib/openapi/rules/rules-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { updateEscalationRules } from "@/lib/rules/update-escalation-rules";

export const GET = route(getChatEscalationRules, async () => ok(await getEscalationRules()));

export const PUT = route(putChatEscalationRules, async ({ body, principal }) => {
  return ok(await updateEscalationRules(body, actorOf(principal, SYSTEM_ACTOR)));
});
