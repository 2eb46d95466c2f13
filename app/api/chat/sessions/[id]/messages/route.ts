// POST /api/chat/sessions/{id}/messages – a message from the customer (by session id) or the session's operator
import { ok, route } from "@/lib/api/handler";
import { postMessage } from "@/lib/chat/post-message";
import { postMessageBody, sessionParams } from "@/lib/schemas/sessions";

export const POST = route({ params: sessionParams, body: postMessageBody }, async ({ params, body, principal }) =>
  ok(await postMessage({ sessionId: params.id, body: body.body, as: body.as }, principal), 201),
);
