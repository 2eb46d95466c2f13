// The bundled Pusher-protocol server in tests: servers, official pusher-js clients and bare `ws` sockets, all on
// 127.0.0.1 and all torn down by the harness even when a test fails half-way.
import { createHash, createHmac } from "node:crypto";

import PusherServer from "pusher";
import PusherClient, { type Options as PusherClientOptions } from "pusher-js";
import { WebSocket, type RawData } from "ws";

import { startLocalPusherServer, type LocalPusherServer, type LocalPusherServerOptions } from "@/lib/realtime/local-server/server";
import { waitFor } from "@/test/doubles/wait-until";

export const APP = { appId: "app-1", key: "local-key", secret: "local-secret" } as const;

const WAIT_MS = 3_000;

export interface PusherApp {
  appId: string;
  key: string;
  secret: string;
}

/**
 * A pusher-js client on the local server that authorizes channels through the `pusher` SDK, as the app's auth
 * endpoint does (presence channels join as `presence`).
 */
export function pusherJsClient(
  port: number,
  app: PusherApp,
  presence?: PusherServer.PresenceChannelData,
  extra?: Partial<PusherClientOptions>,
): PusherClient {
  const sdk = new PusherServer({ ...app, host: "127.0.0.1", port: String(port), useTLS: false });
  return new PusherClient(app.key, {
    cluster: "local",
    wsHost: "127.0.0.1",
    wsPort: port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    channelAuthorization: {
      endpoint: "/unused",
      transport: "ajax",
      customHandler: (params, callback) =>
        callback(null, sdk.authorizeChannel(params.socketId, params.channelName, params.channelName.startsWith("presence-") ? presence : undefined)),
    },
    ...extra,
  });
}

/** Tracks everything a test opens so `closeAll` can tear it down even when the test fails half-way. */
export class Harness {
  private readonly clients: PusherClient[] = [];
  private readonly rawClients: WebSocket[] = [];
  private readonly servers: LocalPusherServer[] = [];

  async server(options: Partial<LocalPusherServerOptions> = {}): Promise<LocalPusherServer> {
    const server = await startLocalPusherServer({ host: "127.0.0.1", port: 0, ...APP, ...options });
    this.servers.push(server);
    return server;
  }

  sdk(server: LocalPusherServer, secret: string = APP.secret): PusherServer {
    return new PusherServer({ ...APP, secret, host: "127.0.0.1", port: String(server.port), useTLS: false });
  }

  /** A pusher-js client that authorizes channels through the SDK, as the app's auth endpoint would. */
  client(server: LocalPusherServer, presence?: PusherServer.PresenceChannelData, extra?: Partial<PusherClientOptions>): PusherClient {
    const client = pusherJsClient(server.port, APP, presence, extra);
    this.clients.push(client);
    return client;
  }

  async raw(server: LocalPusherServer, path = `/app/${APP.key}?protocol=7&client=raw&version=1`, headers?: Record<string, string>): Promise<RawClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
    this.rawClients.push(ws);
    const client = new RawClient(ws);
    await waitFor<void>("raw socket open", (resolve) => ws.once("open", () => resolve()));
    return client;
  }

  async closeAll(): Promise<void> {
    for (const client of this.clients.splice(0)) client.disconnect();
    for (const ws of this.rawClients.splice(0)) ws.terminate();
    await Promise.all(this.servers.splice(0).map((server) => server.close()));
  }
}

export interface ReceivedFrame {
  event: string;
  channel?: string;
  data?: unknown;
}

/** Bare `ws` client that records every frame, so waits never miss one that arrived early. */
export class RawClient {
  readonly frames: ReceivedFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly listeners = new Set<() => void>();

  constructor(readonly ws: WebSocket) {
    ws.on("message", (data: RawData) => {
      this.frames.push(JSON.parse(String(data)) as ReceivedFrame);
      for (const listener of this.listeners) listener();
    });
    this.closed = new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: String(reason) })));
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Waits for the n-th (1-based) frame named `event`. */
  next(event: string, nth = 1, ms = WAIT_MS): Promise<ReceivedFrame> {
    return waitFor(`${event} #${nth}`, (resolve: (frame: ReceivedFrame) => void) => {
      const check = () => {
        const found = this.frames.filter((frame) => frame.event === event)[nth - 1];
        if (found) {
          this.listeners.delete(check);
          resolve(found);
        }
      };
      this.listeners.add(check);
      check();
    }, ms);
  }
}

/** Independent re-implementation of Pusher request signing, to craft requests the SDK refuses to make. */
export function signedPath(
  method: string,
  path: string,
  body: string,
  overrides: { secret?: string; timestamp?: number; bodyMd5?: string; extra?: Record<string, string> } = {},
): string {
  const params: Record<string, string> = {
    auth_key: APP.key,
    auth_timestamp: String(overrides.timestamp ?? Math.floor(Date.now() / 1000)),
    auth_version: "1.0",
    ...overrides.extra,
  };
  if (body) params.body_md5 = overrides.bodyMd5 ?? createHash("md5").update(body).digest("hex");
  const query = Object.keys(params)
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join("&");
  const signature = createHmac("sha256", overrides.secret ?? APP.secret)
    .update(`${method}\n${path}\n${query}`)
    .digest("hex");
  return `${path}?${query}&auth_signature=${signature}`;
}
