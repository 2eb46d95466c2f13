// POST /api/chat/sessions/{id}/messages – a message from the customer (by key) or the session's operator
import { route } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { postMessage } from "@/lib/chat/post-message";
import { relayMessage } from "@/lib/chat/relay-message";
import { postMessageBody, sessionParams } from "@/lib/schemas/sessions";

export const POST = route({ params: sessionParams, body: postMessageBody }, async ({ request, params, body, principal, customerKey, ip, rawBody }) =>
  // A client that lost the answer retries with the same Idempotency-Key: the message is stored once.
  withIdempotency(request, `message:${params.id}`, rawBody, async () => ({
    status: 201,
    body: {
      success: true,
      // A chatbot relaying its own widget's conversation names the sender (lib/chat/relay-message.ts).
      data: body.sender
        ? await relayMessage({ sessionId: params.id, sender: body.sender, body: body.body }, principal)
        : await postMessage({ sessionId: params.id, body: body.body, as: body.as, cannedResponseIds: body.canned_response_ids }, { principal, customerKey, ip }),
    },
  })),
);
