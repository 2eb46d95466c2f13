// The bundled realtime server in a process of its own, as `npm start` runs it beside the web server: its event loop
// is shared neither with the launcher's background worker nor with a benchmark's clients. Started with fork(); the
// parent sends the options, gets {port} back, and sends "stop" to close it (SIGINT/SIGTERM close it too).
// Functions do not cross the IPC channel: the trusted proxies come as the TRUSTED_PROXIES list and the log level
// as a name, and are turned into the trust function and the logger here.
import pino from "pino";
import { compileTrustedProxies } from "@/lib/net/client-address";
import { startLocalPusherServer, type LocalPusherServer, type LocalPusherServerOptions } from "@/lib/realtime/local-server/server";

export interface RealtimeProcessStart {
  start: Omit<LocalPusherServerOptions, "trustProxy" | "logger">;
  /** TRUSTED_PROXIES as configured (comma-separated addresses, ranges or names), or absent for none. */
  trustedProxies?: string;
  /** A pino level: the server logs as the launcher's "realtime" component. Absent: no log lines. */
  logLevel?: string;
}

let server: LocalPusherServer | undefined;
let closing = false;

function close(): void {
  if (closing) return;
  closing = true;
  void (server?.close() ?? Promise.resolve()).then(() => process.exit(0));
}

process.on("message", (message: RealtimeProcessStart | { stop: true }) => {
  if ("stop" in message) return close();
  const { start, trustedProxies, logLevel } = message;
  startLocalPusherServer({
    ...start,
    ...(trustedProxies !== undefined && { trustProxy: compileTrustedProxies(trustedProxies) }),
    // The server redacts every line itself (lib/log/redact.ts).
    ...(logLevel && { logger: pino({ level: logLevel, base: { service: "sportello", component: "realtime" } }) }),
  })
    .then((started) => {
      server = started;
      process.send?.({ port: started.port });
    })
    .catch((error: unknown) => {
      process.send?.({ error: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    });
});
process.on("SIGINT", close);
process.on("SIGTERM", close);
// The parent went away without a word: nothing left to serve.
process.on("disconnect", close);
