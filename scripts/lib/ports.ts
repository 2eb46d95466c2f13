import net from "node:net";

/** Asks the kernel for a free loopback port. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** Whether `port` can be listened on at `host` right now (nothing else holds it). */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A public port the user chose (or its default): if taken, fail with a message naming the variable to change. */
export async function requireFreePort(variable: string, port: number, host: string): Promise<void> {
  if (await isPortFree(port, host)) return;
  throw new Error(`port ${port} is already in use (${variable}): stop whatever listens there, or start with ${variable}=<another port>`);
}

/** An internal port: the preferred one when free, else any free one. */
export async function preferredOrFreePort(port: number, host = "127.0.0.1"): Promise<number> {
  return (await isPortFree(port, host)) ? port : findFreePort();
}
