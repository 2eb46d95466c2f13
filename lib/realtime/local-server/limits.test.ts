// One abusive client against the bundled server's per-client limits, with the official pusher-js client and bare
// `ws` sockets: each limit is reached and answered with its documented code, and well-behaved clients stay connected.
import type { Channel } from "pusher-js";
import { afterEach, describe, expect, it } from "vitest";

import { compileTrustedProxies } from "@/lib/net/client-address";
import { DEFAULT_CLIENT_LIMITS } from "@/lib/realtime/local-server/limits";
import { Harness, type RawClient } from "@/test/doubles/local-pusher";
import { waitFor, waitUntil } from "@/test/doubles/wait-until";

const harness = new Harness();
afterEach(() => harness.closeAll());

async function established(raw: RawClient): Promise<string> {
  const frame = await raw.next("pusher:connection_established");
  return (JSON.parse(frame.data as string) as { socket_id: string }).socket_id;
}

function subscriptionOutcome(channel: Channel): Promise<{ ok: true } | { ok: false; error: { status: number; error: string; type: string } }> {
  return waitFor(`subscription outcome of ${channel.name}`, (resolve) => {
    channel.bind("pusher:subscription_succeeded", () => resolve({ ok: true }));
    channel.bind("pusher:subscription_error", (error: { status: number; error: string; type: string }) => resolve({ ok: false, error }));
  });
}

describe("local pusher server: per-client limits", () => {
  it("has defaults that fit the operator dashboard and Pusher's published limits", () => {
    expect(DEFAULT_CLIENT_LIMITS.maxChannelsPerConnection).toBeGreaterThanOrEqual(100);
    expect(DEFAULT_CLIENT_LIMITS.maxClientEventsPerSecond).toBe(10);
    expect(DEFAULT_CLIENT_LIMITS.maxFrameBytes).toBeGreaterThanOrEqual(10 * 1024);
  });

  it("closes sockets over the per-address cap with pusher:error 4100 and frees the slot when one leaves", async () => {
    const server = await harness.server({ limits: { maxConnectionsPerIp: 3 } });
    const accepted: RawClient[] = [];
    for (let i = 0; i < 3; i++) {
      const raw = await harness.raw(server);
      await established(raw);
      accepted.push(raw);
    }
    const refused = await harness.raw(server);
    const error = await refused.next("pusher:error");
    expect(error.data).toEqual({ code: 4100, message: "Over capacity: at most 3 connections per client address" });
    expect(await refused.closed).toEqual({ code: 4100, reason: "Over capacity: at most 3 connections per client address" });
    expect(server.connectionCount()).toBe(3);

    // pusher-js treats 4100 as "reconnect with backoff": it does not hammer the server.
    const pusherJs = harness.client(server);
    // The refusal arrives during pusher-js's handshake, which reports it as {type: "WebSocketError", error}.
    const closedWith = await waitFor<number>("pusher-js refused", (resolve) =>
      pusherJs.connection.bind("error", (event: { error?: { data?: { code?: number } } }) => {
        if (event.error?.data?.code !== undefined) resolve(event.error.data.code);
      }),
    );
    expect(closedWith).toBe(4100);
    pusherJs.disconnect();

    accepted[0].ws.close();
    await accepted[0].closed;
    await waitUntil("slot freed", () => server.connectionCount() === 2, 3_000, 10);
    await established(await harness.raw(server));
  });

  it("counts the address the trusted proxies name, and only theirs", async () => {
    const server = await harness.server({ limits: { maxConnectionsPerIp: 1 }, trustProxy: compileTrustedProxies("loopback") });
    // Through the (loopback) proxy, two different clients are two addresses.
    await established(await harness.raw(server, undefined, { "x-forwarded-for": "203.0.113.7" }));
    await established(await harness.raw(server, undefined, { "x-forwarded-for": "203.0.113.8" }));
    const sameClient = await harness.raw(server, undefined, { "x-forwarded-for": "203.0.113.7" });
    expect((await sameClient.closed).code).toBe(4100);

    // Without trusted proxies the header is ignored: a rotated X-Forwarded-For is still 127.0.0.1.
    const strict = await harness.server({ limits: { maxConnectionsPerIp: 1 } });
    await established(await harness.raw(strict, undefined, { "x-forwarded-for": "198.51.100.1" }));
    const rotated = await harness.raw(strict, undefined, { "x-forwarded-for": "198.51.100.2" });
    expect((await rotated.closed).code).toBe(4100);
  });

  it("refuses subscriptions past the per-connection channel cap with subscription_error 429", async () => {
    const server = await harness.server({ limits: { maxChannelsPerConnection: 5 } });
    const client = harness.client(server);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, (_, i) => subscriptionOutcome(client.subscribe(`private-chat-${i}`))),
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);

    const sixth = await subscriptionOutcome(client.subscribe("private-chat-5"));
    expect(sixth).toEqual({ ok: false, error: { type: "LimitReached", error: "Too many channels: at most 5 per connection", status: 429 } });
    expect(server.channelInfo("private-chat-5").occupied).toBe(false);
    expect(client.connection.state).toBe("connected");

    // Leaving a channel frees a place.
    client.unsubscribe("private-chat-0");
    await waitUntil("unsubscribed", () => !server.channelInfo("private-chat-0").occupied, 3_000, 10);
    expect(await subscriptionOutcome(client.subscribe("private-chat-6"))).toEqual({ ok: true });
  });

  it("lets a dashboard subscribe its default 100 channels in one burst", async () => {
    const server = await harness.server();
    const client = harness.client(server, { user_id: "op-1", user_info: { name: "Op" } });
    const names = ["private-queue", "presence-operators", "private-operator-op-1", ...Array.from({ length: 97 }, (_, i) => `private-session-s${i}`)];
    const outcomes = await Promise.all(names.map((name) => subscriptionOutcome(client.subscribe(name))));
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
    expect(client.connection.state).toBe("connected");
  });

  it("closes a socket that floods frames with pusher:error 4101", async () => {
    const server = await harness.server({ limits: { maxFramesPerSecond: 5, maxChannelsPerConnection: 5 } });
    const flooder = await harness.raw(server);
    await established(flooder);
    const calm = await harness.raw(server);
    await established(calm);

    // Burst allowance is channels + frames/s = 10; 30 pings at once go past it.
    for (let i = 0; i < 30 && flooder.ws.readyState === flooder.ws.OPEN; i++) flooder.send({ event: "pusher:ping", data: {} });
    const error = await flooder.next("pusher:error");
    expect(error.data).toEqual({ code: 4101, message: "Too many frames: at most 5 per second" });
    expect((await flooder.closed).code).toBe(4101);
    expect(flooder.frames.filter((frame) => frame.event === "pusher:pong").length).toBe(10);

    calm.send({ event: "pusher:ping", data: {} });
    await calm.next("pusher:pong");
    expect(server.connectionCount()).toBe(1);
  });

  it("drops client events past 10 per second with a non-fatal pusher:error 4301", async () => {
    const server = await harness.server();
    const sender = harness.client(server);
    const receiver = harness.client(server);
    const senderChannel = sender.subscribe("private-typing");
    const receiverChannel = receiver.subscribe("private-typing");
    expect(await subscriptionOutcome(senderChannel)).toEqual({ ok: true });
    expect(await subscriptionOutcome(receiverChannel)).toEqual({ ok: true });
    const received: number[] = [];
    receiverChannel.bind("client-typing", (data: { n: number }) => received.push(data.n));
    const errors: { code: number; message: string }[] = [];
    sender.connection.bind("error", (event: { data?: { code: number; message: string } }) => {
      if (event.data) errors.push(event.data);
    });

    for (let n = 0; n < 15; n++) senderChannel.trigger("client-typing", { n });
    await waitUntil("rate-limit errors", () => errors.length === 5, 3_000, 10);
    expect(errors[0]).toEqual({ code: 4301, message: "Client event rejected due to rate limit: at most 10 per second" });
    await waitUntil("accepted events", () => received.length === 10, 3_000, 10);
    expect(received).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sender.connection.state).toBe("connected");
  });

  it("closes a socket that sends a frame over the size limit with 1009", async () => {
    const server = await harness.server({ limits: { maxFrameBytes: 2048 } });
    const raw = await harness.raw(server);
    await established(raw);
    raw.send({ event: "client-big", channel: "private-x", data: "x".repeat(4096) });
    expect((await raw.closed).code).toBe(1009);
    await waitUntil("socket released", () => server.connectionCount() === 0, 3_000, 10);

    // The same event under the limit is answered, not closed.
    const fine = await harness.raw(server);
    await established(fine);
    fine.send({ event: "client-big", channel: "private-x", data: "x".repeat(1000) });
    expect((await fine.next("pusher:error")).data).toMatchObject({ code: null });
    expect(fine.ws.readyState).toBe(fine.ws.OPEN);
  });
});
