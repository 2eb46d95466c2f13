import type { RawData, WebSocket } from "ws";

import type { ChannelRegistry, PresenceMember, Subscriber } from "./channels";
import { RateBucket, type ClientLimits } from "./limits";
import type { LocalServerLogger } from "./logger";
import {
  ERROR_CODES,
  LIMITS,
  SERVER_TO_USER_PREFIX,
  channelKind,
  dataObject,
  encodeMessage,
  errorMessage,
  internalMessage,
  isValidChannelName,
  parseClientFrame,
  subscriptionErrorMessage,
  type WireMessage,
} from "./protocol";
import { verifySocketAuth } from "./signing";

export interface ConnectionContext {
  key: string;
  secret: string;
  registry: ChannelRegistry;
  logger: LocalServerLogger;
  /** Silence after which the server pings the client. */
  activityTimeoutMs: number;
  /** How long to wait for any reply to that ping before closing with 4201. */
  pongTimeoutMs: number;
  limits: ClientLimits;
  onClosed(connection: Connection): void;
}

type SubscribeOutcome = { ok: true; member?: PresenceMember } | { ok: false; status: number; error: string; type?: string };

/** One pusher-js (or compatible) client: protocol dispatch, auth checks and the activity watchdog. */
export class Connection implements Subscriber {
  /** Set by a successful `pusher:signin`; enables the `#server-to-user-<id>` channel. */
  userId: string | undefined;
  private readonly idleTimer: NodeJS.Timeout;
  private pongTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly frames: RateBucket;
  private readonly clientEvents: RateBucket;

  constructor(
    readonly socketId: string,
    private readonly ws: WebSocket,
    /** The client's address, for the per-address connection count. */
    readonly clientAddress: string,
    private readonly ctx: ConnectionContext,
  ) {
    const { limits } = ctx;
    this.frames = new RateBucket(limits.maxFramesPerSecond, limits.maxChannelsPerConnection + limits.maxFramesPerSecond);
    this.clientEvents = new RateBucket(limits.maxClientEventsPerSecond, limits.maxClientEventsPerSecond);
    this.idleTimer = setTimeout(() => this.onIdle(), ctx.activityTimeoutMs);
    ws.on("message", (data, isBinary) => this.onFrame(data, isBinary));
    // Transport-level pings count as activity too, like on the hosted service.
    ws.on("ping", () => this.markActive());
    ws.on("pong", () => this.markActive());
    ws.on("close", () => this.cleanup());
    // Without a listener, `ws` errors (e.g. an oversized frame) would be thrown and crash the process.
    ws.on("error", (error) => ctx.logger.debug({ socketId, err: error.message }, "websocket error"));
    this.send(
      internalMessage("pusher:connection_established", {
        socket_id: socketId,
        activity_timeout: Math.round(ctx.activityTimeoutMs / 1000),
      }),
    );
  }

  send(frame: string): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(frame);
  }

  close(code: number, reason: string): void {
    this.cleanup();
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) {
      this.ws.close(code, reason);
    }
  }

  /** Sends a fatal pusher:error first, because clients read the code from it as well as from the close frame. */
  fail(code: number, reason: string): void {
    this.send(errorMessage(reason, code));
    this.close(code, reason);
  }

  terminate(): void {
    this.cleanup();
    this.ws.terminate();
  }

  private cleanup(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    clearTimeout(this.pongTimer);
    this.ctx.registry.removeSocket(this.socketId);
    this.ctx.onClosed(this);
  }

  private markActive(): void {
    if (this.closed) return;
    clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
    this.idleTimer.refresh();
  }

  private onIdle(): void {
    if (this.closed) return;
    this.send(internalMessage("pusher:ping", {}));
    this.pongTimer = setTimeout(() => this.fail(ERROR_CODES.pongNotReceived, "Pong reply not received"), this.ctx.pongTimeoutMs);
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.frames.take()) {
      const limit = this.ctx.limits.maxFramesPerSecond;
      this.ctx.logger.warn({ socketId: this.socketId, clientAddress: this.clientAddress, limit }, "realtime connection closed: too many frames");
      this.fail(ERROR_CODES.tooManyFrames, `Too many frames: at most ${limit} per second`);
      return;
    }
    this.markActive();
    if (isBinary) {
      this.send(errorMessage("Binary frames are not supported", null));
      return;
    }
    const message = parseClientFrame(rawToString(data));
    if (!message) {
      this.send(errorMessage("Invalid message: expected a JSON object with an 'event' string", null));
      return;
    }
    try {
      this.dispatch(message);
    } catch (error) {
      // A bug in one handler must never take the whole server down.
      this.ctx.logger.error({ socketId: this.socketId, event: message.event, err: String(error) }, "frame handling failed");
      this.send(errorMessage("Internal error", null));
    }
  }

  private dispatch(message: WireMessage): void {
    switch (message.event) {
      case "pusher:ping":
        this.send(internalMessage("pusher:pong", {}));
        return;
      case "pusher:pong":
        return;
      case "pusher:subscribe":
        this.onSubscribe(dataObject(message.data));
        return;
      case "pusher:unsubscribe": {
        const channel = dataObject(message.data).channel;
        if (typeof channel === "string") this.ctx.registry.unsubscribe(this.socketId, channel);
        return;
      }
      case "pusher:signin":
        this.onSignin(dataObject(message.data));
        return;
      default:
        if (message.event.startsWith("client-")) {
          this.onClientEvent(message);
        } else {
          this.send(errorMessage(`Unsupported event: ${message.event.slice(0, 100)}`, null));
        }
    }
  }

  private onSubscribe(data: Record<string, unknown>): void {
    const channel = data.channel;
    if (!isValidChannelName(channel)) {
      const error = "Invalid channel name";
      this.send(
        typeof channel === "string"
          ? subscriptionErrorMessage(channel.slice(0, LIMITS.maxChannelNameLength), error, 400, "InvalidChannel")
          : errorMessage(error, null),
      );
      return;
    }
    const outcome = this.authorizeSubscription(channel, data);
    if (!outcome.ok) {
      this.ctx.logger.debug({ socketId: this.socketId, channel, status: outcome.status }, "realtime subscription refused");
      this.send(subscriptionErrorMessage(channel, outcome.error, outcome.status, outcome.type));
      return;
    }
    const { registry, limits } = this.ctx;
    // Re-subscribing is idempotent: repeat the acknowledgement without touching membership.
    if (!registry.isSubscribed(this.socketId, channel)) {
      if (registry.channelCount(this.socketId) >= limits.maxChannelsPerConnection) {
        const error = `Too many channels: at most ${limits.maxChannelsPerConnection} per connection`;
        this.ctx.logger.info({ socketId: this.socketId, limit: limits.maxChannelsPerConnection }, "realtime subscription refused: channel limit");
        this.send(subscriptionErrorMessage(channel, error, 429, "LimitReached"));
        return;
      }
      registry.subscribe(this, channel, outcome.member);
    }
    const ack = channelKind(channel) === "presence" ? { presence: registry.presence(channel) } : {};
    this.send(internalMessage("pusher_internal:subscription_succeeded", ack, channel));
  }

  private authorizeSubscription(channel: string, data: Record<string, unknown>): SubscribeOutcome {
    const { key, secret } = this.ctx;
    const unauthorized: SubscribeOutcome = { ok: false, status: 401, error: "Invalid signature" };
    switch (channelKind(channel)) {
      case "public":
        return { ok: true };
      case "private":
      case "encrypted":
      {
        // Encrypted channels only differ client-side (the payload is sealed by the app server).
        // Server SDKs also sign channel_data here when the app passes it, so it joins the signed string.
        const signed = typeof data.channel_data === "string" ? `:${data.channel_data}` : "";
        return verifySocketAuth(data.auth, key, secret, `${this.socketId}:${channel}${signed}`) ? { ok: true } : unauthorized;
      }
      case "presence":
        return this.authorizePresence(channel, data);
      case "user":
        return this.userId !== undefined && channel === SERVER_TO_USER_PREFIX + this.userId
          ? { ok: true }
          : { ok: false, status: 403, error: "Server-to-user channels require signin as that user" };
    }
  }

  private authorizePresence(channel: string, data: Record<string, unknown>): SubscribeOutcome {
    const channelData = data.channel_data;
    if (typeof channelData !== "string") {
      return { ok: false, status: 400, error: "Presence channels require channel_data", type: "InvalidChannelData" };
    }
    if (!verifySocketAuth(data.auth, this.ctx.key, this.ctx.secret, `${this.socketId}:${channel}:${channelData}`)) {
      return { ok: false, status: 401, error: "Invalid signature" };
    }
    const parsed = dataObject(channelData);
    const userId = normalizeUserId(parsed.user_id);
    if (userId === undefined) {
      return { ok: false, status: 400, error: "channel_data must contain a user_id", type: "InvalidChannelData" };
    }
    return { ok: true, member: { userId, userInfo: parsed.user_info ?? null } };
  }

  private onSignin(data: Record<string, unknown>): void {
    const userData = data.user_data;
    const valid =
      typeof userData === "string" &&
      verifySocketAuth(data.auth, this.ctx.key, this.ctx.secret, `${this.socketId}::user::${userData}`);
    const id = valid ? dataObject(userData).id : undefined;
    if (typeof id !== "string" || id.length === 0 || id.length > LIMITS.maxUserIdLength) {
      // Pusher treats a failed signin as an unauthorized connection and closes it.
      this.fail(ERROR_CODES.unauthorized, "Invalid signin: bad signature or user_data without an id");
      return;
    }
    if (this.userId !== undefined && this.userId !== id) {
      this.ctx.registry.unsubscribe(this.socketId, SERVER_TO_USER_PREFIX + this.userId);
    }
    this.userId = id;
    this.send(internalMessage("pusher:signin_success", { user_data: userData }));
  }

  private onClientEvent(message: WireMessage): void {
    const { channel, event } = message;
    if (channel === undefined) {
      this.send(errorMessage("Client events need a channel", null));
      return;
    }
    const kind = channelKind(channel);
    if (kind !== "private" && kind !== "presence") {
      this.send(errorMessage("Client events are only supported on private and presence channels", null));
      return;
    }
    if (!this.ctx.registry.isSubscribed(this.socketId, channel)) {
      this.send(errorMessage(`Client event rejected: not subscribed to ${channel}`, null));
      return;
    }
    if (event.length > LIMITS.maxEventNameLength) {
      this.send(errorMessage("Client event name too long", null));
      return;
    }
    if (!this.clientEvents.take()) {
      const limit = this.ctx.limits.maxClientEventsPerSecond;
      this.send(errorMessage(`Client event rejected due to rate limit: at most ${limit} per second`, ERROR_CODES.clientEventRateLimited));
      return;
    }
    const payload = JSON.stringify(message.data ?? null);
    if (Buffer.byteLength(payload, "utf8") > LIMITS.maxEventDataBytes) {
      this.send(errorMessage("Client event data exceeds 10KB", null));
      return;
    }
    const forwarded: WireMessage = { event, channel, data: message.data };
    const userId = this.ctx.registry.memberOf(channel, this.socketId);
    if (userId !== undefined) forwarded.user_id = userId;
    this.ctx.registry.publish(channel, encodeMessage(forwarded), this.socketId);
  }
}

/** Pusher accepts numeric user ids in channel_data; they are compared as strings. */
function normalizeUserId(value: unknown): string | undefined {
  const id = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  return typeof id === "string" && id.length > 0 && id.length <= LIMITS.maxUserIdLength ? id : undefined;
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}
