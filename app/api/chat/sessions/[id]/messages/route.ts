// POST /api/chat/sessions/{id}/messages – a message from the customer (by key) or the session's operator
import { ok, route } from "@/lib/route/handler";
import { postChatSessionsIdMessages } from "@/lib/openapi/sessions/sessions-endpoints";
import { postMessage } from "@/lib/chat/post-message";
import { relayMessage } from "@/lib/chat/relay-message";

export const POST = route(postChatSessionsIdMessages, async ({ params, body, principal, customerKey, ip }) =>
  ok(
    // A chatbot relaying its own widget's conversation names the sender (lib/chat/relay-message.ts).
    body.sender
      ? await relayMessage({ sessionId: params.id, sender: body.sender, body: body.body }, principal)
      : await postMessage({ sessionId: params.id, body: body.body, as: body.as, cannedResponseIds: body.canned_response_ids }, { principal, customerKey, ip }),
    201,
  ),
);
