// Starts scripts/lib/realtime-server-process.ts as a child process and waits for its port.
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { RealtimeProcessStart } from "@/scripts/lib/realtime-server-process";

export interface RealtimeServerProcess {
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function forkRealtimeServer(message: RealtimeProcessStart): Promise<RealtimeServerProcess> {
  // The same loader flags as this process (tsx), so the child runs the TypeScript file as this one does.
  const child = fork(path.resolve("scripts/lib/realtime-server-process.ts"), [], { execArgv: process.execArgv, stdio: "inherit" });
  const port = await new Promise<number>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the realtime server exited (${code}) before it listened`));
    child.once("exit", exited);
    child.once("message", (answer: { port?: number; error?: string }) => {
      child.off("exit", exited);
      if (answer.port) resolve(answer.port);
      else reject(new Error(answer.error ?? "the realtime server did not start"));
    });
    child.send(message);
  });
  return {
    port,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      if (child.connected) child.send({ stop: true });
      else child.kill("SIGTERM");
      await exited;
    },
  };
}
