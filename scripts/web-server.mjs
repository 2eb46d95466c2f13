// The web server behind `npm start`, the e2e server and the API end-to-end tests: Next.js served by a plain
// node:http server, so route handlers can know the socket's address. Next passes no socket to route handlers and
// keeps a client's own X-Forwarded-For as it is, so without this a client could choose its own address.
// Every request gets `x-sportello-peer: <secret> <socket address>`, replacing anything a client sent; the secret is
// made here at each start and handed to the app in the same process (lib/net/request-address.ts checks it).
//
// usage: node scripts/web-server.mjs --port 3001 --host 0.0.0.0 [--dev] [--listen-when-told]
// --listen-when-told (npm start): load the app at once, but listen only when the launcher sends "listen" over IPC
// (once the database is up and migrated), so a restart overlaps the app's loading with the database's start.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { port: { type: "string" }, host: { type: "string" }, dev: { type: "boolean", default: false }, "listen-when-told": { type: "boolean", default: false } } });
const port = Number(values.port ?? 3001);
const hostname = values.host ?? "0.0.0.0";
const dev = values.dev ?? false;

const secret = randomBytes(24).toString("base64url");
process.env.SPORTELLO_PEER_SECRET = secret;
const PEER_HEADER = "x-sportello-peer";

// Told before the app is loaded, or after: either way it listens once both have happened.
const told = values["listen-when-told"] && process.send
  ? new Promise((resolve) => {
      process.on("message", (message) => message === "listen" && resolve(undefined));
      // The launcher went away before the database was ready: nothing to serve.
      process.on("disconnect", () => process.exit(1));
    })
  : null;

const { default: next } = await import("next");
const app = next({ dev, hostname, port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers[PEER_HEADER] = `${secret} ${req.socket.remoteAddress ?? ""}`;
  void handle(req, res);
});
// Keep idle connections longer than clients and proxies do (undici and browsers ~4–5 s, load balancers 60 s): a server
// that closes first races a client sending its next request on that connection, which then fails with ECONNRESET.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
if (dev) {
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
}
server.on("error", (error) => {
  console.error(error.code === "EADDRINUSE" ? `port ${port} is already in use: set PORT to a free one` : error.message);
  process.exit(1);
});
if (told) {
  // While the launcher starts the database: load what the first requests need (the health route, the database
  // client and its query compiler, the realtime client) by asking for /api/health on a private loopback port. Its
  // answer is thrown away (the database may not be up yet); the first real /health then answers at once.
  await warmUp(handle, secret).catch(() => undefined);
  await told;
}
server.listen(port, hostname, () => console.log(`▲ Next.js ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`));

let closing = false;
const close = () => {
  if (closing) return;
  closing = true;
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", close);
process.on("SIGINT", close);

/** One GET of /api/health through the app on an ephemeral 127.0.0.1 port, closed again; bounded to 20 s. */
async function warmUp(handler, peerSecret) {
  const warm = http.createServer((req, res) => {
    req.headers[PEER_HEADER] = `${peerSecret} 127.0.0.1`;
    void handler(req, res);
  });
  await new Promise((resolve) => warm.listen(0, "127.0.0.1", resolve));
  try {
    const { port: warmPort } = warm.address();
    await fetch(`http://127.0.0.1:${warmPort}/api/health`, { signal: AbortSignal.timeout(20_000) }).then((response) => response.arrayBuffer());
  } finally {
    warm.closeAllConnections?.();
    await new Promise((resolve) => warm.close(resolve));
  }
}
