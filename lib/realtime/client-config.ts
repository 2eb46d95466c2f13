import "server-only";
import { env, type Env } from "@/lib/env";

export interface RealtimeClientConfig {
  /** False when no Pusher is configured: browsers then poll the API instead. */
  enabled: boolean;
  key: string | null;
  /** Hosted Pusher's cluster (used when `host` is null and `same_host` is false). */
  cluster: string;
  /** WebSocket host for a self-hosted server; null with `same_host` means "the host the page was loaded from". */
  host: string | null;
  same_host: boolean;
  port: number | null;
  /** null: follow the page (wss on https pages, ws on http). */
  tls: boolean | null;
  auth_endpoint: string;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "0.0.0.0"]);

/**
 * The browser's view of the realtime server. Hosted Pusher: key + cluster. Self-hosted (the local server of
 * `npm start`, soketi...): PUSHER_PUBLIC_HOST/PORT when set; a loopback PUSHER_HOST is only reachable by the web
 * server, so browsers use the page's own host name with the public port.
 */
export function realtimeClientConfig(e: Env = env()): RealtimeClientConfig {
  const enabled = Boolean(e.PUSHER_APP_ID && e.PUSHER_KEY && e.PUSHER_SECRET);
  const base = { enabled, key: enabled ? e.PUSHER_KEY! : null, cluster: e.PUSHER_CLUSTER, auth_endpoint: "/api/realtime/auth" };
  if (!e.PUSHER_HOST && !e.PUSHER_PUBLIC_HOST) {
    return { ...base, host: null, same_host: false, port: null, tls: true };
  }
  const publicHost = e.PUSHER_PUBLIC_HOST ?? (LOOPBACK.has(e.PUSHER_HOST!) ? null : e.PUSHER_HOST!);
  const port = e.PUSHER_PUBLIC_PORT ?? e.PUSHER_PORT ?? null;
  return { ...base, host: publicHost, same_host: publicHost === null, port, tls: publicHost ? (e.PUSHER_USE_TLS ?? null) : null };
}
