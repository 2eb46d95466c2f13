// Pusher Channels protocol 7 vocabulary shared by the WebSocket and HTTP sides.

/** Limits mirror Pusher's published defaults so code that works here also works on the hosted service. */
export const LIMITS = {
  /** Pusher's per-event `data` limit, for HTTP and client events alike. */
  maxEventDataBytes: 10 * 1024,
  maxChannelNameLength: 200,
  maxEventNameLength: 200,
  maxChannelsPerEvent: 100,
  maxBatchEvents: 10,
  maxUserIdLength: 128,
  /** Whole HTTP request body; a full 10-event batch fits comfortably. */
  maxHttpBodyBytes: 256 * 1024,
  /** Accepted clock skew for signed HTTP requests. */
  maxTimestampSkewSeconds: 600,
} as const;

/**
 * Close / error codes from the protocol spec: 4000-4099 do not reconnect, 4100-4199 reconnect with backoff,
 * 4200-4299 reconnect now, 4300-4399 other (non-fatal when sent as a pusher:error on an open connection).
 */
export const ERROR_CODES = {
  appDoesNotExist: 4001,
  unsupportedProtocol: 4007,
  unauthorized: 4009,
  /** Pusher's "over capacity"; here: too many sockets from one client address. */
  overCapacity: 4100,
  /** Too many frames per second on one socket. */
  tooManyFrames: 4101,
  serverShuttingDown: 4200,
  pongNotReceived: 4201,
  /** Pusher's "client event rejected due to rate limit". */
  clientEventRateLimited: 4301,
} as const;

export const SUPPORTED_PROTOCOLS: readonly number[] = [5, 6, 7];

/** Prefix of the per-user channel that `sendToUser` publishes on after `pusher:signin`. */
export const SERVER_TO_USER_PREFIX = "#server-to-user-";

export type ChannelKind = "public" | "private" | "encrypted" | "presence" | "user";

/** Every message on the wire is `{event, channel?, data?, user_id?}`. */
export interface WireMessage {
  event: string;
  channel?: string;
  data?: unknown;
  user_id?: string;
}

const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]+$/;
const SOCKET_ID = /^\d+\.\d+$/;

export function channelKind(name: string): ChannelKind {
  if (name.startsWith(SERVER_TO_USER_PREFIX)) return "user";
  if (name.startsWith("private-encrypted-")) return "encrypted";
  if (name.startsWith("private-")) return "private";
  if (name.startsWith("presence-")) return "presence";
  return "public";
}

export function isValidChannelName(name: unknown): name is string {
  if (typeof name !== "string" || name.length === 0 || name.length > LIMITS.maxChannelNameLength) {
    return false;
  }
  // The server-to-user channel carries a '#', which ordinary channel names may not.
  const rest = name.startsWith(SERVER_TO_USER_PREFIX) ? name.slice(SERVER_TO_USER_PREFIX.length) : name;
  return rest.length > 0 && CHANNEL_NAME.test(rest);
}

export function isValidSocketId(value: unknown): value is string {
  return typeof value === "string" && SOCKET_ID.test(value);
}

export function isValidEventName(name: unknown): name is string {
  return typeof name === "string" && name.length > 0 && name.length <= LIMITS.maxEventNameLength;
}

/**
 * Pusher sends `data` of its own events as a JSON *string*; pusher-js decodes it.
 * Keeping that shape lets other Pusher clients (which may not double-decode) work too.
 */
export function encodeMessage(message: WireMessage): string {
  return JSON.stringify(message);
}

export function internalMessage(event: string, data: unknown, channel?: string): string {
  const message: WireMessage = { event, data: JSON.stringify(data) };
  if (channel !== undefined) message.channel = channel;
  return encodeMessage(message);
}

/** `code: null` marks a non-fatal error: the connection stays open. */
export function errorMessage(message: string, code: number | null): string {
  // pusher:error carries an object (not a string) in the spec.
  return encodeMessage({ event: "pusher:error", data: { code, message } });
}

export function subscriptionErrorMessage(channel: string, error: string, status: number, type = "AuthError"): string {
  return internalMessage("pusher:subscription_error", { type, error, status }, channel);
}

/** Parses a client frame; returns null when it is not a JSON object with a string `event`. */
export function parseClientFrame(raw: string): WireMessage | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  if (typeof record.event !== "string") return null;
  return {
    event: record.event,
    channel: typeof record.channel === "string" ? record.channel : undefined,
    data: record.data,
  };
}

/** Clients may send `data` either as an object or as a JSON string of one. */
export function dataObject(data: unknown): Record<string, unknown> {
  let value = data;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
