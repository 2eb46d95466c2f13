// The rules API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { defineEndpoint } from "@/lib/api/endpoint";
import { escalationRulesSchema } from "@/lib/schemas/escalation-rules";

export const getChatEscalationRules = defineEndpoint({
  method: "get",
  path: "/api/chat/escalation-rules",
  tag: "Rules",
  summary: "The escalation rules in force (queue limits, SLA, business hours)",
  auth: "operator",
  success: { status: 200, description: "The rules", payload: { kind: "data", name: "EscalationRules", schema: escalationRulesSchema } },
});

export const putChatEscalationRules = defineEndpoint({
  method: "put",
  path: "/api/chat/escalation-rules",
  tag: "Rules",
  summary: "Replace the escalation rules (audited)",
  auth: "admin",
  body: { name: "EscalationRulesBody", schema: escalationRulesSchema },
  success: { status: 200, description: "The rules now in force", payload: { kind: "data", name: "EscalationRules", schema: escalationRulesSchema } },
});

/** In the order of the OpenAPI document. */
export const rulesEndpoints = [
  getChatEscalationRules,
  putChatEscalationRules,
];
