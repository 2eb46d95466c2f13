import type { IncomingMessage, ServerResponse } from "node:http";

import type { ChannelRegistry } from "./channels";
import { errorFields, type LocalServerLogger } from "./logger";
import {
  LIMITS,
  SERVER_TO_USER_PREFIX,
  channelKind,
  encodeMessage,
  isValidChannelName,
  isValidEventName,
  isValidSocketId,
} from "./protocol";
import { verifySignedRequest } from "./signing";

export interface HttpApiContext {
  appId: string;
  key: string;
  secret: string;
  registry: ChannelRegistry;
  logger: LocalServerLogger;
  /** Closes every connection signed in as `userId`. */
  terminateUser(userId: string): void;
}

interface HttpResult {
  status: number;
  body: unknown;
}

/** Error bodies are plain text, as on the hosted API. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface PublishRequest {
  name: string;
  data: string;
  channels: string[];
  socketId?: string;
  info: string[];
}

interface RouteRequest {
  method: string;
  query: URLSearchParams;
  /** Path after `/apps/<appId>`. */
  subPath: string;
  body: Buffer;
}

export function createHttpApiHandler(ctx: HttpApiContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(ctx, req)
      .then((result) => respond(res, result))
      .catch((error: unknown) => {
        if (error instanceof HttpError) {
          respond(res, { status: error.status, body: error.message });
          return;
        }
        ctx.logger.error(errorFields(error), "local pusher http api failed");
        respond(res, { status: 500, body: "Internal error" });
      });
  };
}

async function handle(ctx: HttpApiContext, req: IncomingMessage): Promise<HttpResult> {
  const rawUrl = req.url ?? "/";
  const queryStart = rawUrl.indexOf("?");
  // Sign against the path exactly as sent: the SDKs sign it unescaped.
  const path = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? "" : rawUrl.slice(queryStart + 1));
  const method = (req.method ?? "GET").toUpperCase();

  if (method === "GET" && (path === "/" || path === "/ready")) return { status: 200, body: "OK" };

  const match = /^\/apps\/([^/]+)(\/.*)$/.exec(path);
  if (!match) throw new HttpError(404, "Not found");
  if (safeDecode(match[1]) !== ctx.appId) throw new HttpError(404, "Unknown app");

  const body = await readBody(req);
  const verdict = verifySignedRequest({ method, path, query, body }, ctx);
  if (!verdict.ok) throw new HttpError(verdict.status, verdict.message);

  return route(ctx, { method, query, subPath: match[2], body });
}

function route(ctx: HttpApiContext, request: RouteRequest): HttpResult {
  const { method, subPath } = request;
  const requireMethod = (expected: string) => {
    if (method !== expected) throw new HttpError(405, "Method not allowed");
  };
  if (subPath === "/events") {
    requireMethod("POST");
    return triggerEvents(ctx, request.body);
  }
  if (subPath === "/batch_events") {
    requireMethod("POST");
    return triggerBatch(ctx, request.body);
  }
  if (subPath === "/channels") {
    requireMethod("GET");
    return listChannels(ctx, request.query);
  }
  const users = /^\/channels\/([^/]+)\/users$/.exec(subPath);
  if (users) {
    requireMethod("GET");
    return listUsers(ctx, safeDecode(users[1]));
  }
  const channel = /^\/channels\/([^/]+)$/.exec(subPath);
  if (channel) {
    requireMethod("GET");
    return channelDetails(ctx, safeDecode(channel[1]), request.query);
  }
  const terminate = /^\/users\/([^/]+)\/terminate_connections$/.exec(subPath);
  if (terminate) {
    requireMethod("POST");
    ctx.terminateUser(safeDecode(terminate[1]));
    return { status: 200, body: {} };
  }
  throw new HttpError(404, "Not found");
}

function triggerEvents(ctx: HttpApiContext, body: Buffer): HttpResult {
  const event = parsePublish(parseJsonObject(body), false);
  publish(ctx.registry, event);
  return { status: 200, body: event.info.length > 0 ? { channels: channelsInfo(ctx.registry, event) } : {} };
}

function triggerBatch(ctx: HttpApiContext, body: Buffer): HttpResult {
  const batch = parseJsonObject(body).batch;
  if (!Array.isArray(batch)) throw new HttpError(400, "batch must be an array");
  if (batch.length > LIMITS.maxBatchEvents) {
    throw new HttpError(400, `Batch too large: at most ${LIMITS.maxBatchEvents} events`);
  }
  // Validate everything first so a bad entry does not leave the batch half-delivered.
  const events = batch.map((entry: unknown) => parsePublish(asObject(entry), true));
  for (const event of events) publish(ctx.registry, event);
  return {
    status: 200,
    body: {
      batch: events.map((event) => (event.info.length > 0 ? channelsInfo(ctx.registry, event)[event.channels[0]] : {})),
    },
  };
}

function publish(registry: ChannelRegistry, event: PublishRequest): void {
  for (const channel of event.channels) {
    registry.publish(channel, encodeMessage({ event: event.name, channel, data: event.data }), event.socketId);
  }
}

function channelsInfo(registry: ChannelRegistry, event: PublishRequest): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {};
  for (const channel of event.channels) result[channel] = infoAttributes(registry, channel, event.info);
  return result;
}

function infoAttributes(registry: ChannelRegistry, channel: string, wanted: string[]): Record<string, number> {
  const info = registry.info(channel);
  const attributes: Record<string, number> = {};
  if (wanted.includes("subscription_count")) attributes.subscription_count = info.subscriptionCount;
  if (wanted.includes("user_count") && info.userCount !== undefined) attributes.user_count = info.userCount;
  return attributes;
}

function parsePublish(raw: Record<string, unknown>, singleChannel: boolean): PublishRequest {
  const { name, data } = raw;
  if (!isValidEventName(name)) throw new HttpError(400, "Missing or invalid event name");
  if (typeof data !== "string") throw new HttpError(400, "data must be a string");
  if (Buffer.byteLength(data, "utf8") > LIMITS.maxEventDataBytes) {
    throw new HttpError(413, "Event data exceeds the 10KB limit");
  }
  const channels = singleChannel ? [raw.channel] : raw.channels ?? (raw.channel === undefined ? undefined : [raw.channel]);
  if (!Array.isArray(channels) || channels.length === 0) throw new HttpError(400, "Missing channel(s)");
  if (channels.length > LIMITS.maxChannelsPerEvent) {
    throw new HttpError(400, `Too many channels: at most ${LIMITS.maxChannelsPerEvent}`);
  }
  if (!channels.every(isValidChannelName)) throw new HttpError(400, "Invalid channel name");
  const socketId = raw.socket_id;
  if (socketId !== undefined && !isValidSocketId(socketId)) throw new HttpError(400, "Invalid socket_id");
  return { name, data, channels, socketId, info: parseInfo(raw.info) };
}

function listChannels(ctx: HttpApiContext, query: URLSearchParams): HttpResult {
  const prefix = query.get("filter_by_prefix") ?? "";
  const info = parseInfo(query.get("info"));
  if (info.includes("user_count") && !prefix.startsWith("presence-")) {
    throw new HttpError(400, "user_count is only available with filter_by_prefix=presence-");
  }
  const channels: Record<string, Record<string, number>> = {};
  for (const channel of ctx.registry.occupiedChannels()) {
    // Per-user channels are an implementation detail of signin, not app channels.
    if (channel.startsWith(SERVER_TO_USER_PREFIX) || !channel.startsWith(prefix)) continue;
    channels[channel] = infoAttributes(ctx.registry, channel, info);
  }
  return { status: 200, body: { channels } };
}

function channelDetails(ctx: HttpApiContext, channel: string, query: URLSearchParams): HttpResult {
  if (!isValidChannelName(channel)) throw new HttpError(400, "Invalid channel name");
  const info = parseInfo(query.get("info"));
  if (info.includes("user_count") && channelKind(channel) !== "presence") {
    throw new HttpError(400, "user_count is only available for presence channels");
  }
  const details = ctx.registry.info(channel);
  return { status: 200, body: { occupied: details.occupied, ...infoAttributes(ctx.registry, channel, info) } };
}

function listUsers(ctx: HttpApiContext, channel: string): HttpResult {
  if (!isValidChannelName(channel) || channelKind(channel) !== "presence") {
    throw new HttpError(400, "Users can only be listed on presence channels");
  }
  return { status: 200, body: { users: ctx.registry.presenceUserIds(channel).map((id) => ({ id })) } };
}

function parseInfo(value: unknown): string[] {
  if (typeof value !== "string" || value === "") return [];
  return value.split(",").map((attribute) => attribute.trim());
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpError(400, "Invalid JSON body");
  }
  return asObject(parsed);
}

function asObject(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HttpError(400, "Expected a JSON object");
  }
  return value as Record<string, unknown>;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Reads the body up to the limit; past it the rest is drained (so the client sees the 413) but not kept. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= LIMITS.maxHttpBodyBytes) chunks.push(chunk);
    });
    req.on("end", () => {
      if (size > LIMITS.maxHttpBodyBytes) reject(new HttpError(413, "Request body too large"));
      else resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

function respond(res: ServerResponse, result: HttpResult): void {
  if (res.headersSent) return;
  const isText = typeof result.body === "string";
  const payload = isText ? (result.body as string) : JSON.stringify(result.body);
  res.writeHead(result.status, {
    "content-type": isText ? "text/plain; charset=utf-8" : "application/json",
    "content-length": Buffer.byteLength(payload),
  });
  res.end(payload);
}
