// Test helper: everything this process writes to its terminal while `fn` runs — console.*, process.stdout/stderr,
// and pino's direct writes to file descriptors 1 and 2 — so a test can assert that no secret reached the log.
import fs from "node:fs";

type Writer = (...args: unknown[]) => unknown;

export async function captureOutput<T>(fn: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const text = (value: unknown) => (typeof value === "string" ? value : Buffer.isBuffer(value) ? value.toString("utf8") : String(value));
  const restores: (() => void)[] = [];
  const patch = <O extends object>(owner: O, key: keyof O, wrap: (original: Writer) => Writer) => {
    const original = owner[key] as unknown as Writer;
    (owner as Record<keyof O, unknown>)[key] = wrap(original.bind(owner));
    restores.push(() => ((owner as Record<keyof O, unknown>)[key] = original));
  };
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    patch(console, method, () => (...args: unknown[]) => void chunks.push(args.map(text).join(" ")));
  }
  for (const stream of [process.stdout, process.stderr]) {
    patch(stream, "write", () => (chunk: unknown) => (chunks.push(text(chunk)), true));
  }
  const toTerminal = (fd: unknown) => fd === 1 || fd === 2;
  patch(fs, "writeSync", (original) => (fd: unknown, data: unknown, ...rest: unknown[]) => {
    if (!toTerminal(fd)) return original(fd, data, ...rest);
    chunks.push(text(data));
    return typeof data === "string" ? Buffer.byteLength(data) : (data as Buffer).length;
  });
  patch(fs, "write", (original) => (fd: unknown, data: unknown, ...rest: unknown[]) => {
    if (!toTerminal(fd)) return original(fd, data, ...rest);
    chunks.push(text(data));
    const callback = rest.find((r) => typeof r === "function") as ((e: null, n: number) => void) | undefined;
    callback?.(null, typeof data === "string" ? Buffer.byteLength(data) : (data as Buffer).length);
  });
  try {
    const result = await fn();
    // pino's asynchronous destination flushes on the next ticks.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { result, output: chunks.join("\n") };
  } finally {
    for (const restore of restores.reverse()) restore();
  }
}
