import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { preferredOrFreePort, requireFreePort } from "@/scripts/lib/ports";

let holder: net.Server | undefined;
const hold = () =>
  new Promise<number>((resolve) => {
    holder = net.createServer().listen(0, "127.0.0.1", () => resolve((holder!.address() as net.AddressInfo).port));
  });

afterEach(() => new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve())));

describe("launcher ports", () => {
  it("a taken public port stops the start naming the variable to change", async () => {
    const port = await hold();
    await expect(requireFreePort("REALTIME_PORT", port, "127.0.0.1")).rejects.toThrow(`port ${port} is already in use (REALTIME_PORT)`);
  });

  it("a taken internal port is replaced by a free one; a free one is kept", async () => {
    const port = await hold();
    const other = await preferredOrFreePort(port);
    expect(other).not.toBe(port);
    holder!.close();
    holder = undefined;
    expect(await preferredOrFreePort(port)).toBe(port);
  });
});
