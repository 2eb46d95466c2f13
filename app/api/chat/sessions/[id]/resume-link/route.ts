// POST /api/chat/sessions/{id}/resume-link – email the chat's owner a one-time link that moves it to another browser
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdResumeLink } from "@/lib/openapi/sessions/sessions-endpoints";
import { sendResumeLink } from "@/lib/conversations/send-resume-link";

export const POST = route(postChatSessionsIdResumeLink, async ({ params }) => {
  const result = await sendResumeLink(params.id);
  return ok({ sent: result.sent, recipient_hint: result.recipient_hint }, 202);
});
