// Starts the production build (`next start`) as a real separate process on 127.0.0.1, for API end-to-end tests.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { findFreePort } from "@/scripts/lib/ports";

export interface AppServer {
  url: string;
  /** The web server's process id (benchmarks read its CPU time). */
  pid: number;
  stop(): Promise<void>;
}

/** `onOutput` receives the server's stdout (its JSON log lines); without it the output is dropped. */
export async function startAppServer(env: Record<string, string>, onOutput?: (chunk: string) => void): Promise<AppServer> {
  if (!existsSync(path.resolve(".next/BUILD_ID"))) {
    throw new Error("No production build: run `npm test` (it builds first) or `npx next build`.");
  }
  const port = await findFreePort();
  const child: ChildProcess = spawn(process.execPath, [path.resolve("scripts/web-server.mjs"), "--port", String(port), "--host", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", RUN_WORKER: "false", ...env },
    stdio: ["ignore", onOutput ? "pipe" : "ignore", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => onOutput?.(chunk.toString()));
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}): ${stderr}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not become ready: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
