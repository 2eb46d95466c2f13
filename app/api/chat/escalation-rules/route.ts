// GET /api/chat/escalation-rules – the rules in force (the guide's getEscalationRules()); PUT – replace them (admin, audited)
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { escalationRulesSchema } from "@/lib/schemas/escalation-rules";
import { updateEscalationRules } from "@/lib/rules/update-escalation-rules";

export const GET = route({ auth: "operator" }, async () => ok(await getEscalationRules()));

export const PUT = route({ auth: "admin", body: escalationRulesSchema }, async ({ body, principal }) => {
  return ok(await updateEscalationRules(body, actorOf(principal, SYSTEM_ACTOR)));
});
