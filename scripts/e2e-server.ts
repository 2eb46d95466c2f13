// The browser tests' server (playwright.config.ts → webServer): a throwaway embedded PostgreSQL, the migrations,
// the local Pusher-protocol server and `next start` of the existing production build, all on 127.0.0.1. Writes
// what the test fixtures need (database URL, base URL, the embed host page's origin) to .test-data/e2e-state.json
// (or E2E_STATE_FILE); removes everything on exit. scripts/bench-realtime.ts runs it too.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { startLocalPusherServer, type LocalPusherServer } from "@/lib/realtime/local-server/server";
import { findFreePort } from "@/scripts/lib/ports";

const E2E_STATE_FILE = path.resolve(process.env.E2E_STATE_FILE ?? ".test-data/e2e-state.json");

const port = Number(process.env.E2E_PORT ?? 3111);
const adminApiKey = process.env.E2E_ADMIN_API_KEY ?? randomBytes(24).toString("hex");
// The embed spec's host page (playwright.config.ts picks its port): it may frame the chat.
const embedOrigin = process.env.E2E_EMBED_ORIGIN;

let pg: EmbeddedPostgresHandle | undefined;
let realtime: LocalPusherServer | undefined;
let web: ChildProcess | undefined;
let scratch: string | undefined;
let stopWorker: (() => Promise<void>) | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (web && web.exitCode === null) {
      web.kill("SIGTERM");
      await new Promise((resolve) => {
        web?.once("exit", resolve);
        setTimeout(resolve, 5_000).unref();
      });
    }
    await stopWorker?.().catch((error: unknown) => console.error(error));
    await realtime?.close().catch((error: unknown) => console.error(error));
    await pg?.stop().catch((error: unknown) => console.error(error));
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    rmSync(E2E_STATE_FILE, { force: true });
  }
  process.exit(code);
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

async function main(): Promise<void> {
  if (!existsSync(path.resolve(".next/BUILD_ID"))) {
    throw new Error("no production build: run `npx next build` first (npm test does)");
  }
  mkdirSync(".test-data", { recursive: true });
  scratch = mkdtempSync(path.resolve(".test-data/e2e-"));
  // As root, PostgreSQL runs as the postgres user and must be able to enter the folder.
  chmodSync(scratch, 0o755);

  pg = await startEmbeddedPostgres({ dataDir: path.join(scratch, "pg"), port: await findFreePort(), database: "sportello_e2e", persistent: false });
  await applyMigrations(pg.url);

  const pusher = { appId: "424242", key: randomBytes(10).toString("hex"), secret: randomBytes(20).toString("hex") };
  realtime = await startLocalPusherServer({ host: "127.0.0.1", port: await findFreePort(), ...pusher });

  const baseURL = `http://127.0.0.1:${port}`;
  // The notification outbox's delivery worker (only that: the routing rules' timers would interfere with the specs):
  // invites land in the local outbox and assignment pushes reach the specs' push-service double.
  Object.assign(process.env, { DATABASE_URL: pg.url, APP_URL: baseURL, LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn" });
  const [{ startWorker }, { notificationJobs }] = await Promise.all([import("@/lib/jobs/worker"), import("@/lib/notifications/notification-jobs")]);
  const worker = await startWorker(notificationJobs);
  stopWorker = () => worker.stop();
  writeFileSync(E2E_STATE_FILE, JSON.stringify({ baseURL, databaseUrl: pg.url, realtimePort: realtime.port, embedOrigin }, null, 2));

  web = spawn(process.execPath, [path.resolve("scripts/web-server.mjs"), "--port", String(port), "--host", "127.0.0.1"], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
      PORT: String(port),
      APP_URL: baseURL,
      DATABASE_URL: pg.url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ADMIN_API_KEY: adminApiKey,
      PUSHER_APP_ID: pusher.appId,
      PUSHER_KEY: pusher.key,
      PUSHER_SECRET: pusher.secret,
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(realtime.port),
      PUSHER_PUBLIC_PORT: String(realtime.port),
      PUSHER_USE_TLS: "false",
      // The browser plays a proxy on loopback: tests give each context its own X-Forwarded-For address, so the per-
      // address limits (sign-in, escalations) see separate clients.
      TRUSTED_PROXIES: "loopback",
      // Every test customer comes from 127.0.0.1: the per-IP escalation limit is not what these tests measure.
      RATE_LIMIT_IP_PER_MINUTE: "100000",
      RATE_LIMIT_USER_PER_MINUTE: "1000",
      RUN_WORKER: "false",
      ...(embedOrigin ? { ALLOWED_ORIGINS: embedOrigin } : {}),
    },
  });
  web.on("exit", (code) => {
    if (!stopping) {
      console.error(`[e2e-server] next start exited (${code})`);
      void stop(code ?? 1);
    }
  });
  console.log(`[e2e-server] ${baseURL} (realtime on ${realtime.port})`);
}

main().catch((error: unknown) => {
  console.error("[e2e-server] failed to start:", error);
  void stop(1);
});
