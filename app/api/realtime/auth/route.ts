// POST /api/realtime/auth – authorize a pusher-js subscription to a private or presence channel
import { NextResponse } from "next/server";
import { route } from "@/lib/route/handler";
import { postRealtimeAuth } from "@/lib/openapi/realtime/realtime-endpoints";
import { ApiError } from "@/lib/api/errors";
import { authorizeChannel, parseChannel } from "@/lib/chat/authorize-channel";
import { pusherServer } from "@/lib/realtime/server";
import { logger } from "@/lib/log/logger";

export const POST = route(postRealtimeAuth, async ({ body, principal, requestId }) => {
  const pusher = pusherServer();
  if (!pusher) throw new ApiError("SERVICE_UNAVAILABLE", "Realtime is not configured");
  const access = await authorizeChannel({ channelName: body.channel_name, principal, sessionKey: body.session_key });
  if (!access.allowed) {
    // The channel's kind only: a session channel's name carries the session id.
    logger.info({ request_id: requestId, channel_kind: parseChannel(body.channel_name).kind, reason: access.reason }, "realtime subscription refused");
    throw new ApiError("FORBIDDEN", "Not allowed to subscribe to this channel");
  }
  // pusher-js expects the bare {auth, channel_data?} object, not the API's {success, data} envelope.
  return NextResponse.json(pusher.authorizeChannel(body.socket_id, body.channel_name, access.presence), {
    headers: { "cache-control": "no-store" },
  });
});
