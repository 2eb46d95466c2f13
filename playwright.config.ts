// Browser tests in Debian's Chromium against the production build (`next build` first; npm test does it).
// scripts/e2e-server.ts starts PostgreSQL, the local Pusher server and `next start`, all on 127.0.0.1.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const freePort = () =>
  execFileSync(process.execPath, [
    "-e",
    "const s = require('node:net').createServer(); s.listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });",
  ])
    .toString()
    .trim();

// A free port unless E2E_PORT says otherwise, so two runs on one machine do not collide. Set once in the runner's
// environment: the worker processes inherit it (and the state file name) instead of picking their own.
process.env.E2E_PORT ??= freePort();
const port = Number(process.env.E2E_PORT);
// The host page of e2e/embed.spec.ts, another origin: the app must list it in ALLOWED_ORIGINS before it starts, to let
// that page frame the chat, so its port is chosen here too.
while (!process.env.E2E_EMBED_PORT || process.env.E2E_EMBED_PORT === process.env.E2E_PORT) process.env.E2E_EMBED_PORT = freePort();
const embedOrigin = `http://127.0.0.1:${process.env.E2E_EMBED_PORT}`;
process.env.E2E_STATE_FILE ??= path.resolve(`.test-data/e2e-state-${port}.json`);
// Fixtures create operators with it through the admin API.
process.env.E2E_ADMIN_API_KEY ??= "e2e-admin-key-0123456789abcdef0123456789abcdef";

const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  // Routing is global (any online operator takes any waiting customer): tests run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // On CI one retry absorbs a machine hiccup in these timing-sensitive journeys; a retried pass is reported as
  // flaky in the closing tally of `npm test`, not hidden.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: true,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  outputDir: ".test-data/playwright",
  use: {
    baseURL,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
    locale: "it-IT",
    timezoneId: "Europe/Rome",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "node_modules/.bin/tsx --conditions=react-server scripts/e2e-server.ts",
    url: `${baseURL}/api/realtime/config`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: { E2E_PORT: String(port), E2E_STATE_FILE: process.env.E2E_STATE_FILE, E2E_ADMIN_API_KEY: process.env.E2E_ADMIN_API_KEY, E2E_EMBED_ORIGIN: embedOrigin },
  },
});
