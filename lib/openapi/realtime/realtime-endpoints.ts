// The realtime API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";

// pusher-js posts these form-encoded, plus the params the page configured (session_key for customers).
const realtimeAuthBody = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, "must be a Pusher socket id"),
  channel_name: z.string().min(1).max(164),
  session_key: z.string().max(128).optional(),
});

export const getRealtimeConfig = defineEndpoint({
  method: "get",
  path: "/api/realtime/config",
  internal: "pusher-js connection settings for Sportello's pages",
  auth: "public",
});

export const postRealtimeAuth = defineEndpoint({
  method: "post",
  path: "/api/realtime/auth",
  internal: "pusher-js channel authorization",
  auth: "public",
  body: { name: "RealtimeAuthBody", schema: realtimeAuthBody },
});

/** In the order of the OpenAPI document. */
export const realtimeEndpoints = [
  getRealtimeConfig,
  postRealtimeAuth,
];
