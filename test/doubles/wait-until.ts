// Bounded waits for asynchronous outcomes, never fixed sleeps: polling a condition (a worker delivering, a row
// appearing) with waitUntil, or an event callback (a socket frame, a pusher-js binding) with waitFor.

/** Resolves when `register` calls back; fails the test (instead of hanging) after `ms`. */
export function waitFor<T>(label: string, register: (resolve: (value: T) => void) => void, ms = 3_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${label}`)), ms);
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

export async function waitUntil<T>(label: string, check: () => T | Promise<T>, timeoutMs = 15_000, intervalMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${label}${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
