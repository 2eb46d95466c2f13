import { randomInt } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

import { WebSocketServer, type WebSocket } from "ws";

import { resolveClientAddress, type TrustProxy } from "@/lib/net/client-address";

import { ChannelRegistry, type ChannelInfo } from "./channels";
import { Connection, type ConnectionContext } from "./connection";
import { createHttpApiHandler } from "./http-api";
import { AddressCounter, DEFAULT_CLIENT_LIMITS, type ClientLimits } from "./limits";
import { errorFields, redactingLogger, silentLogger, type LocalServerLogger } from "./logger";
import { ERROR_CODES, SUPPORTED_PROTOCOLS } from "./protocol";

export type { ChannelInfo } from "./channels";
export type { ClientLimits } from "./limits";
export type { LocalServerLogger } from "./logger";

export interface LocalPusherServerOptions {
  /** Interface to bind, e.g. "127.0.0.1". */
  host: string;
  /** 0 picks a free port (see `LocalPusherServer.port`). */
  port: number;
  appId: string;
  key: string;
  secret: string;
  /** Seconds of client silence before the server pings; also advertised to clients. Default 120 (Pusher's). */
  activityTimeoutSeconds?: number;
  /** Per-client limits; anything not given keeps its default (DEFAULT_CLIENT_LIMITS). */
  limits?: Partial<ClientLimits>;
  /** Which proxies may name the client in X-Forwarded-For (compileTrustedProxies); default: none, the peer counts. */
  trustProxy?: TrustProxy;
  logger?: LocalServerLogger;
}

export interface LocalPusherServer {
  readonly host: string;
  readonly port: number;
  channelInfo(channel: string): ChannelInfo;
  connectionCount(): number;
  /** Closes every socket (code 4200, so clients reconnect to the next server) and stops listening. */
  close(): Promise<void>;
}

const DEFAULT_ACTIVITY_TIMEOUT_SECONDS = 120;
/** Pusher recommends 30 s; short activity timeouts (tests) get an equally short wait. */
const MAX_PONG_TIMEOUT_MS = 30_000;
/** How long sockets get to finish the close handshake before they are cut. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Starts a Pusher Channels–compatible server (WebSocket protocol 7 + HTTP API) for one app,
 * on a single port, for use when no hosted Pusher credentials are configured.
 */
export async function startLocalPusherServer(options: LocalPusherServerOptions): Promise<LocalPusherServer> {
  // Channel names carry customers' session ids: every line goes through the redaction, whatever logger was passed.
  const logger = options.logger ? redactingLogger(options.logger) : silentLogger;
  const limits: ClientLimits = { ...DEFAULT_CLIENT_LIMITS, ...options.limits };
  const trustProxy = options.trustProxy ?? (() => false);
  const addresses = new AddressCounter();
  const activityTimeoutMs = Math.max(1, options.activityTimeoutSeconds ?? DEFAULT_ACTIVITY_TIMEOUT_SECONDS) * 1000;
  const registry = new ChannelRegistry();
  const connections = new Map<string, Connection>();

  const connectionContext: ConnectionContext = {
    key: options.key,
    secret: options.secret,
    registry,
    logger,
    activityTimeoutMs,
    pongTimeoutMs: Math.min(MAX_PONG_TIMEOUT_MS, activityTimeoutMs),
    limits,
    onClosed: (connection) => {
      connections.delete(connection.socketId);
      addresses.remove(connection.clientAddress);
    },
  };

  const httpServer = createServer(
    createHttpApiHandler({
      appId: options.appId,
      key: options.key,
      secret: options.secret,
      registry,
      logger,
      terminateUser: (userId) => {
        for (const connection of connections.values()) {
          if (connection.userId === userId) connection.fail(ERROR_CODES.unauthorized, "Connection terminated by the app");
        }
      },
    }),
  );
  // Above maxPayload, `ws` closes the socket with 1009 (message too big) without reading the rest.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });

  httpServer.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", (error) => logger.debug(errorFields(error), "upgrade socket error"));
    const url = URL.parse(req.url ?? "/", "http://localhost");
    // Anything before /app/<key> is tolerated so pusher-js's `wsPath` option keeps working.
    const appKey = url ? /\/app\/([^/]+)$/.exec(url.pathname)?.[1] : undefined;
    if (!url || appKey === undefined) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    const forwardedFor = req.headers["x-forwarded-for"];
    const clientAddress = resolveClientAddress(
      req.socket.remoteAddress ?? "unknown",
      Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
      trustProxy,
    );
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, appKey, url.searchParams, clientAddress));
  });
  httpServer.on("clientError", (error, socket) => {
    logger.debug(errorFields(error), "http client error");
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  wss.on("error", (error) => logger.warn(errorFields(error), "websocket server error"));

  function accept(ws: WebSocket, appKey: string, query: URLSearchParams, clientAddress: string): void {
    ws.on("error", (error) => logger.debug(errorFields(error), "websocket error before handshake"));
    // Errors must reach the client as a pusher:error *and* a close code, which only works after the upgrade.
    if (appKey !== options.key) {
      rejectSocket(ws, ERROR_CODES.appDoesNotExist, "App key does not exist");
      return;
    }
    const protocol = query.get("protocol");
    if (protocol !== null && !SUPPORTED_PROTOCOLS.includes(Number(protocol))) {
      rejectSocket(ws, ERROR_CODES.unsupportedProtocol, "Unsupported protocol version");
      return;
    }
    if (!addresses.tryAdd(clientAddress, limits.maxConnectionsPerIp)) {
      logger.warn({ clientAddress, limit: limits.maxConnectionsPerIp }, "realtime connection refused: too many from one address");
      rejectSocket(ws, ERROR_CODES.overCapacity, `Over capacity: at most ${limits.maxConnectionsPerIp} connections per client address`);
      return;
    }
    const socketId = newSocketId(connections);
    connections.set(socketId, new Connection(socketId, ws, clientAddress, connectionContext));
    logger.debug({ socketId, client: query.get("client"), version: query.get("version") }, "client connected");
  }

  await listen(httpServer, options.host, options.port);
  const port = (httpServer.address() as AddressInfo).port;
  logger.info({ host: options.host, port, appId: options.appId }, "local pusher server listening");

  let closing: Promise<void> | undefined;
  return {
    host: options.host,
    port,
    channelInfo: (channel) => registry.info(channel),
    connectionCount: () => connections.size,
    close: () => {
      closing ??= shutdown(httpServer, wss, connections);
      return closing;
    },
  };
}

function rejectSocket(ws: WebSocket, code: number, message: string): void {
  ws.send(JSON.stringify({ event: "pusher:error", data: { code, message } }));
  ws.close(code, message);
}

function newSocketId(taken: Map<string, unknown>): string {
  for (;;) {
    const id = `${randomInt(1, 2 ** 31)}.${randomInt(1, 2 ** 31)}`;
    if (!taken.has(id)) return id;
  }
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

async function shutdown(
  httpServer: ReturnType<typeof createServer>,
  wss: WebSocketServer,
  connections: Map<string, Connection>,
): Promise<void> {
  const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
  for (const connection of [...connections.values()]) connection.close(ERROR_CODES.serverShuttingDown, "Server shutting down");
  // Give clients a moment to answer the close frame, then cut whatever is left.
  const closedCleanly = Promise.all([...wss.clients].map((ws) => whenClosed(ws)));
  let graceTimer: NodeJS.Timeout | undefined;
  await Promise.race([closedCleanly, new Promise((resolve) => (graceTimer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
  clearTimeout(graceTimer);
  for (const ws of wss.clients) ws.terminate();
  httpServer.closeAllConnections();
  wss.close();
  await stopped;
}

function whenClosed(ws: WebSocket): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => ws.once("close", () => resolve()));
}
