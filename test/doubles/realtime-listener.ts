// The operator's side of realtime in tests: the bundled Pusher-protocol server and an official pusher-js client
// subscribed to private channels (authorized with the pusher SDK, as the app's auth endpoint does).
import type PusherClient from "pusher-js";
import { startLocalPusherServer, type LocalPusherServer } from "@/lib/realtime/local-server/server";
import { pusherJsClient } from "@/test/doubles/local-pusher";
import { waitUntil } from "@/test/doubles/wait-until";

const APP = { appId: "sportello-test", key: "test-key", secret: "test-secret" };

export interface ReceivedEvent {
  channel: string;
  event: string;
  data: unknown;
}

export class RealtimeListener {
  readonly events: ReceivedEvent[] = [];
  private client: PusherClient | undefined;

  private constructor(readonly server: LocalPusherServer) {}

  static async start(): Promise<RealtimeListener> {
    return new RealtimeListener(await startLocalPusherServer({ host: "127.0.0.1", port: 0, ...APP }));
  }

  /** The PUSHER_* variables that point the app's server-side publisher at this server. */
  get env(): Record<string, string> {
    return {
      PUSHER_APP_ID: APP.appId,
      PUSHER_KEY: APP.key,
      PUSHER_SECRET: APP.secret,
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(this.server.port),
      PUSHER_USE_TLS: "false",
    };
  }

  private pusher(): PusherClient {
    // Presence channels (presence-session-…) join as a test member.
    this.client ??= pusherJsClient(this.server.port, APP, { user_id: "realtime-listener" });
    return this.client;
  }

  /** Subscribes and records every event the channel gets from now on. */
  async subscribe(channel: string): Promise<void> {
    const subscription = this.pusher().subscribe(channel);
    let ready = false;
    subscription.bind("pusher:subscription_succeeded", () => (ready = true));
    subscription.bind_global((event: string, data: unknown) => {
      if (!event.startsWith("pusher:") && !event.startsWith("pusher_internal:")) this.events.push({ channel, event, data });
    });
    await waitUntil(`subscription to ${channel}`, () => ready, 5_000);
  }

  next(channel: string, event: string): Promise<ReceivedEvent> {
    return waitUntil(`${event} on ${channel}`, () => this.events.find((e) => e.channel === channel && e.event === event), 5_000);
  }

  async close(): Promise<void> {
    this.client?.disconnect();
    await this.server.close();
  }
}
