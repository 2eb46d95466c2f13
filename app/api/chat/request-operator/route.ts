// POST /api/chat/request-operator – escalate a chatbot conversation to a human
import { route } from "@/lib/route/handler";
import { postChatRequestOperator } from "@/lib/openapi/escalation/escalation-endpoints";
import { actorOf } from "@/lib/auth/principal";
import { requireVerifiedIdentity } from "@/lib/embed/verify-identity-token";
import { requestOperator } from "@/lib/routing/request-operator";

export const POST = route(postChatRequestOperator, async ({ request, body, principal }) => {
  // A signed identity wins over the claimed one; without a token the contact stays unverified.
  const identity = body.identity_token ? await requireVerifiedIdentity(body.identity_token, request) : null;
  // A page that only holds a signed identity speaks for that identity alone: its user id is the email's, whatever
  // user_id it sent, so a valid token for one visitor cannot reach another visitor's conversation.
  const userId = identity && !principal ? `web:${identity.email.toLowerCase()}` : body.user_id;
  return requestOperator(
    {
      userId,
      email: identity?.email ?? body.user_email,
      phone: body.user_phone,
      name: identity?.name ?? body.user_name,
      trusted: principal !== null || identity !== null,
      emailVerifiedVia: identity ? "identity_token" : null,
      question: body.question,
      priority: body.priority,
      metadata: body.metadata as object | null | undefined,
      source: principal?.kind === "api_key" ? "chatbot" : "api",
      channel: "web",
      locale: body.locale,
      team: body.team,
      embedSiteId: identity?.siteId,
      skills: body.skills,
      context: {
        handoff: body.transcript || body.confidence !== undefined || body.intent ? { transcript: body.transcript ?? [], confidence: body.confidence ?? null, intent: body.intent ?? null } : null,
      },
    },
    actorOf(principal, { type: "customer", id: userId }),
  );
});
