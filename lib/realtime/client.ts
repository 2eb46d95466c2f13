// Browser side of realtime: pusher-js configured from GET /api/realtime/config. Never imports secrets or server code.
import type Pusher from "pusher-js";
import type { RealtimeClientConfig } from "@/lib/realtime/client-config";

/** Typing travels as a client event (browser to browser, never stored); Pusher requires the `client-` prefix. */
export const CLIENT_TYPING_EVENT = "client-typing";

export interface TypingEventData {
  sender: "customer" | "operator";
  name?: string | null;
  typing: boolean;
}

export type RealtimeConfig = RealtimeClientConfig;

let configRequest: Promise<RealtimeConfig> | null = null;

export function loadRealtimeConfig(): Promise<RealtimeConfig> {
  configRequest ??= fetch("/api/realtime/config", { cache: "no-store" })
    .then(async (response) => {
      if (!response.ok) throw new Error(`realtime config: HTTP ${response.status}`);
      return ((await response.json()) as { data: RealtimeConfig }).data;
    })
    .catch((error: unknown) => {
      configRequest = null; // try again next time
      throw error;
    });
  return configRequest;
}

export interface ConnectOptions {
  /** Customers authorize their session channel with the session id (their key). */
  sessionKey?: string;
}

/**
 * A pusher-js client, or null when the server has no realtime configured (callers then poll the API).
 * Short activity/pong timeouts notice a dead network within ~40 s instead of Pusher's default two minutes.
 */
export async function connectRealtime(options: ConnectOptions = {}): Promise<Pusher | null> {
  const config = await loadRealtimeConfig();
  if (!config.enabled || !config.key) return null;
  const selfHosted = config.host !== null || config.same_host;
  const tls = config.tls ?? window.location.protocol === "https:";
  // Loaded on demand: keeps pusher-js out of server rendering and out of the first paint.
  const { default: PusherClient } = await import("pusher-js");
  return new PusherClient(config.key, {
    cluster: config.cluster,
    ...(selfHosted
      ? {
          wsHost: config.host ?? window.location.hostname,
          wsPort: config.port ?? (tls ? 443 : 80),
          wssPort: config.port ?? 443,
          forceTLS: tls,
          // Self-hosted servers speak WebSocket only (no HTTP fallback transports).
          enabledTransports: ["ws", "wss"],
        }
      : { forceTLS: true }),
    disableStats: true,
    activityTimeout: 30_000,
    pongTimeout: 10_000,
    channelAuthorization: {
      endpoint: config.auth_endpoint,
      transport: "ajax",
      params: options.sessionKey ? { session_key: options.sessionKey } : {},
    },
  });
}
