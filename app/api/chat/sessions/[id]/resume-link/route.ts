// POST /api/chat/sessions/{id}/resume-link – email the chat's owner a one-time link that moves it to another browser
import { ok, route } from "@/lib/api/handler";
import { limitSessionAction } from "@/lib/api/rate-limit";
import { sendResumeLink } from "@/lib/conversations/send-resume-link";
import { sessionParams } from "@/lib/schemas/sessions";

export const POST = route({ params: sessionParams }, async ({ params, principal, ip }) => {
  await limitSessionAction(principal, ip);
  const result = await sendResumeLink(params.id);
  return ok({ sent: result.sent, recipient_hint: result.recipient_hint }, 202);
});
