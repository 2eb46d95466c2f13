// GET /api/realtime/config – what a browser needs to connect pusher-js (never a secret)
import { route, ok } from "@/lib/route/handler";
import { getRealtimeConfig } from "@/lib/openapi/realtime/realtime-endpoints";
import { realtimeClientConfig } from "@/lib/realtime/client-config";

export const GET = route(getRealtimeConfig, async () => ok(realtimeClientConfig(), 200, { "cache-control": "no-store" }));
