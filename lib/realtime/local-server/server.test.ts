import type PusherClient from "pusher-js";
import type { Channel, PresenceChannel } from "pusher-js";
import { afterEach, describe, expect, it } from "vitest";

import { createHmac } from "node:crypto";

import { startLocalPusherServer } from "./server";
import { APP, Harness, signedPath } from "@/test/doubles/local-pusher";
import { waitFor } from "@/test/doubles/wait-until";

const harness = new Harness();
afterEach(() => harness.closeAll());

interface EventMetadata {
  user_id?: string;
}

function connected(client: PusherClient): Promise<void> {
  return waitFor("pusher-js connected", (resolve) => client.connection.bind("connected", () => resolve()));
}

async function subscribed<T extends Channel>(client: PusherClient, name: string): Promise<T> {
  const channel = client.subscribe(name) as T;
  await waitFor(`subscription to ${name}`, (resolve) => channel.bind("pusher:subscription_succeeded", () => resolve(undefined)));
  return channel;
}

function nextEvent<T = unknown>(channel: Channel, event: string): Promise<{ data: T; metadata: EventMetadata }> {
  return waitFor(`${event} on ${channel.name}`, (resolve) => {
    const handler = (data: T, metadata: EventMetadata) => {
      channel.unbind(event, handler);
      resolve({ data, metadata });
    };
    channel.bind(event, handler);
  });
}

/** Records every non-internal event a channel gets, to assert on order and absence. */
function recordEvents(channel: Channel): string[] {
  const seen: string[] = [];
  channel.bind_global((event: string) => {
    if (!event.startsWith("pusher:") && !event.startsWith("pusher_internal:")) seen.push(event);
  });
  return seen;
}

describe("local pusher server: connection", () => {
  it("sends connection_established with a socket id and the activity timeout as a JSON string", async () => {
    const server = await harness.server({ activityTimeoutSeconds: 7 });
    const raw = await harness.raw(server);
    const frame = await raw.next("pusher:connection_established");
    expect(typeof frame.data).toBe("string");
    const data = JSON.parse(frame.data as string) as { socket_id: string; activity_timeout: number };
    expect(data.socket_id).toMatch(/^\d+\.\d+$/);
    expect(data.activity_timeout).toBe(7);

    const client = harness.client(server);
    await connected(client);
    expect(client.connection.socket_id).toMatch(/^\d+\.\d+$/);
    expect(server.connectionCount()).toBe(2);
  });

  it("refuses an unknown app key with pusher:error 4001 and closes", async () => {
    const server = await harness.server();
    const raw = await harness.raw(server, "/app/wrong-key?protocol=7");
    const error = await raw.next("pusher:error");
    expect(error.data).toMatchObject({ code: 4001 });
    expect((await raw.closed).code).toBe(4001);

    const oldProtocol = await harness.raw(server, `/app/${APP.key}?protocol=1`);
    expect((await oldProtocol.closed).code).toBe(4007);
    expect(server.connectionCount()).toBe(0);
  });

  it("answers pusher:ping, keeps responsive clients and closes silent ones after the activity timeout", async () => {
    const server = await harness.server({ activityTimeoutSeconds: 1 });
    const responsive = await harness.raw(server);
    const silent = await harness.raw(server);
    const pusherJs = harness.client(server);
    await connected(pusherJs);
    const stateChanges: string[] = [];
    pusherJs.connection.bind("state_change", (states: { current: string }) => stateChanges.push(states.current));

    responsive.send({ event: "pusher:ping", data: {} });
    await responsive.next("pusher:pong");

    // The server pings after 1 s of silence; answering keeps the socket, ignoring it closes with 4201.
    responsive.ws.on("message", (data) => {
      if (String(data).includes('"pusher:ping"')) responsive.send({ event: "pusher:pong", data: {} });
    });
    await responsive.next("pusher:ping", 1);
    await responsive.next("pusher:ping", 2);
    const closed = await silent.closed;
    expect(closed.code).toBe(4201);
    expect(silent.frames.some((frame) => frame.event === "pusher:ping")).toBe(true);
    expect(responsive.ws.readyState).toBe(responsive.ws.OPEN);
    // pusher-js adopts the advertised timeout and pings on its own, so it is never dropped.
    expect(stateChanges).toEqual([]);
    expect(server.connectionCount()).toBe(2);
  });

  it("closes sockets with 4200 on shutdown and releases the port", async () => {
    const server = await harness.server();
    const raw = await harness.raw(server);
    await raw.next("pusher:connection_established");
    await server.close();
    expect((await raw.closed).code).toBe(4200);
    const reused = await startLocalPusherServer({ host: "127.0.0.1", port: server.port, ...APP });
    await reused.close();
  });

  it("survives malformed frames and keeps serving", async () => {
    const server = await harness.server();
    const raw = await harness.raw(server);
    raw.send("not json {");
    raw.send('{"event": 42}');
    raw.send("[1,2,3]");
    raw.send({ event: "pusher:unknown", data: {} });
    raw.send({ event: "pusher:subscribe", data: "not an object" });
    raw.send({ event: "pusher:subscribe", data: { channel: "bad channel name!" } });
    raw.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    raw.send({ event: "client-sneaky", channel: "private-not-joined", data: {} });
    await raw.next("pusher:error", 7);
    await raw.next("pusher:subscription_error");
    raw.send({ event: "pusher:ping", data: {} });
    await raw.next("pusher:pong");

    // A frame over the 20 KB cap closes only that socket (1009 Message Too Big).
    raw.send({ event: "client-big", channel: "private-x", data: "x".repeat(25 * 1024) });
    expect((await raw.closed).code).toBe(1009);

    const other = await harness.raw(server);
    other.send({ event: "pusher:ping", data: {} });
    await other.next("pusher:pong");
  });
});

describe("local pusher server: publishing through the HTTP API", () => {
  it("delivers SDK triggers to public, private and presence subscribers", async () => {
    const server = await harness.server();
    const client = harness.client(server, { user_id: "agent-1", user_info: { name: "Ada" } });
    const [publicChannel, privateChannel, presenceChannel] = await Promise.all([
      subscribed(client, "queue"),
      subscribed(client, "private-conversation-1"),
      subscribed(client, "presence-desk"),
    ]);

    const received = Promise.all([
      nextEvent(publicChannel, "ticket.created"),
      nextEvent(privateChannel, "ticket.created"),
      nextEvent(presenceChannel, "ticket.created"),
    ]);
    const sdk = harness.sdk(server);
    const response = await sdk.trigger(["queue", "private-conversation-1", "presence-desk"], "ticket.created", { id: 7 });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    for (const { data } of await received) expect(data).toEqual({ id: 7 });
  });

  it("refuses a bad signature with 401 and delivers nothing", async () => {
    const server = await harness.server();
    const client = harness.client(server);
    const channel = await subscribed(client, "queue");
    const seen = recordEvents(channel);

    const forged = harness.sdk(server, "wrong-secret");
    await expect(forged.trigger("queue", "forged", {})).rejects.toMatchObject({ status: 401 });

    const marker = nextEvent(channel, "marker");
    await harness.sdk(server).trigger("queue", "marker", {});
    await marker;
    // Frames on one socket are ordered: had "forged" been delivered, it would be first.
    expect(seen).toEqual(["marker"]);
  });

  it("rejects stale timestamps, bad body_md5, bad JSON and oversized data", async () => {
    const server = await harness.server();
    const base = `http://127.0.0.1:${server.port}`;
    const path = `/apps/${APP.appId}/events`;
    const post = (url: string, body: string) =>
      fetch(base + url, { method: "POST", body, headers: { "content-type": "application/json" } });
    const valid = JSON.stringify({ name: "e", channels: ["queue"], data: "{}" });

    expect((await post(signedPath("POST", path, valid), valid)).status).toBe(200);
    const stale = Math.floor(Date.now() / 1000) - 601;
    expect((await post(signedPath("POST", path, valid, { timestamp: stale }), valid)).status).toBe(401);
    expect((await post(signedPath("POST", path, valid, { bodyMd5: "0".repeat(32) }), valid)).status).toBe(401);
    expect((await post(signedPath("POST", `/apps/other-app/events`, valid), valid)).status).toBe(404);
    expect((await post(signedPath("POST", path, "{not json"), "{not json")).status).toBe(400);

    const huge = JSON.stringify({ name: "e", channels: ["queue"], data: "x".repeat(300 * 1024) });
    expect((await post(signedPath("POST", path, huge), huge)).status).toBe(413);

    const sdk = harness.sdk(server);
    await expect(sdk.trigger("queue", "big", "x".repeat(10 * 1024 + 1))).rejects.toMatchObject({ status: 413 });
    await expect(sdk.trigger("queue", "ok", "x".repeat(10 * 1024))).resolves.toMatchObject({ status: 200 });
  });

  it("excludes the socket given as socket_id", async () => {
    const server = await harness.server();
    const sender = harness.client(server);
    const other = harness.client(server);
    const [senderChannel, otherChannel] = await Promise.all([subscribed(sender, "queue"), subscribed(other, "queue")]);
    const senderSeen = recordEvents(senderChannel);
    const otherSeen = recordEvents(otherChannel);

    const sdk = harness.sdk(server);
    const markers = Promise.all([nextEvent(senderChannel, "marker"), nextEvent(otherChannel, "marker")]);
    await sdk.trigger("queue", "echo", {}, { socket_id: sender.connection.socket_id });
    await sdk.trigger("queue", "marker", {});
    await markers;
    expect(senderSeen).toEqual(["marker"]);
    expect(otherSeen).toEqual(["echo", "marker"]);
  });

  it("delivers batch_events and reports requested info", async () => {
    const server = await harness.server();
    const client = harness.client(server);
    const [a, b] = await Promise.all([subscribed(client, "queue"), subscribed(client, "private-agent-1")]);
    const received = Promise.all([nextEvent(a, "one"), nextEvent(b, "two")]);

    const response = await harness.sdk(server).triggerBatch([
      { channel: "queue", name: "one", data: { n: 1 } },
      { channel: "private-agent-1", name: "two", data: "plain", info: "subscription_count" },
    ]);
    expect(await response.json()).toEqual({ batch: [{}, { subscription_count: 1 }] });
    const [one, two] = await received;
    expect(one.data).toEqual({ n: 1 });
    expect(two.data).toBe("plain");
  });
});

describe("local pusher server: private and presence channels", () => {
  it("accepts private-encrypted subscriptions with private-style auth but refuses client events there", async () => {
    const server = await harness.server();
    const raw = await harness.raw(server);
    const established = await raw.next("pusher:connection_established");
    const socketId = (JSON.parse(established.data as string) as { socket_id: string }).socket_id;
    const channel = "private-encrypted-notes";
    const signature = createHmac("sha256", APP.secret).update(`${socketId}:${channel}`).digest("hex");

    raw.send({ event: "pusher:subscribe", data: { channel, auth: `${APP.key}:${signature}` } });
    expect(await raw.next("pusher_internal:subscription_succeeded")).toMatchObject({ channel });
    raw.send({ event: "client-note", channel, data: {} });
    expect((await raw.next("pusher:error")).data).toMatchObject({ code: null });
  });

  it("rejects a forged private auth with pusher:subscription_error", async () => {
    const server = await harness.server();
    const client = harness.client(server, undefined, {
      channelAuthorization: {
        customHandler: (_params, callback) => callback(null, { auth: `${APP.key}:${"ab".repeat(32)}` }),
      },
    });
    const channel = client.subscribe("private-conversation-1");
    const error = await waitFor<{ type: string; status: number }>("subscription_error", (resolve) =>
      channel.bind("pusher:subscription_error", resolve),
    );
    expect(error).toMatchObject({ type: "AuthError", status: 401 });
    expect(channel.subscribed).toBe(false);
    expect(server.channelInfo("private-conversation-1").occupied).toBe(false);
  });

  it("tracks presence members across sockets and answers the channel queries", async () => {
    const server = await harness.server();
    const watcher = harness.client(server, { user_id: "watcher" });
    const watcherChannel = await subscribed<PresenceChannel>(watcher, "presence-desk");
    const memberEvents: string[] = [];
    watcherChannel.bind("pusher:member_added", (member: { id: string }) => memberEvents.push(`added:${member.id}`));
    watcherChannel.bind("pusher:member_removed", (member: { id: string }) => memberEvents.push(`removed:${member.id}`));

    // Same user on two sockets (e.g. two browser tabs): one member, announced once.
    const firstTab = harness.client(server, { user_id: "agent-1", user_info: { name: "Ada" } });
    const secondTab = harness.client(server, { user_id: "agent-1", user_info: { name: "Ada" } });
    const added = waitFor("member_added", (resolve) => watcherChannel.bind("pusher:member_added", resolve));
    const firstChannel = await subscribed<PresenceChannel>(firstTab, "presence-desk");
    expect(await added).toEqual({ id: "agent-1", info: { name: "Ada" } });
    expect(firstChannel.members.count).toBe(2);
    expect(firstChannel.members.me).toEqual({ id: "agent-1", info: { name: "Ada" } });
    await subscribed(secondTab, "presence-desk");

    const sdk = harness.sdk(server);
    const users = await (await sdk.get({ path: "/channels/presence-desk/users" })).json();
    expect(users.users.map((user: { id: string }) => user.id).sort()).toEqual(["agent-1", "watcher"]);
    const info = await (await sdk.get({ path: "/channels/presence-desk", params: { info: "user_count,subscription_count" } })).json();
    expect(info).toEqual({ occupied: true, user_count: 2, subscription_count: 3 });
    const list = await (await sdk.get({ path: "/channels", params: { filter_by_prefix: "presence-", info: "user_count" } })).json();
    expect(list).toEqual({ channels: { "presence-desk": { user_count: 2 } } });
    expect(await (await sdk.get({ path: "/channels" })).json()).toEqual({ channels: { "presence-desk": {} } });
    expect(await (await sdk.get({ path: "/channels/queue" })).json()).toEqual({ occupied: false });
    await expect(sdk.get({ path: "/channels/queue", params: { info: "user_count" } })).rejects.toMatchObject({ status: 400 });
    await expect(sdk.get({ path: "/channels/queue/users" })).rejects.toMatchObject({ status: 400 });

    const removed = waitFor("member_removed", (resolve) => watcherChannel.bind("pusher:member_removed", resolve));
    firstTab.unsubscribe("presence-desk");
    secondTab.disconnect();
    expect(await removed).toEqual({ id: "agent-1", info: { name: "Ada" } });
    expect(memberEvents).toEqual(["added:agent-1", "removed:agent-1"]);
    expect(server.channelInfo("presence-desk")).toEqual({ occupied: true, subscriptionCount: 1, userCount: 1 });
  });

  it("forwards client events on private and presence channels to others only, and refuses them on public ones", async () => {
    const server = await harness.server();
    const alice = harness.client(server, { user_id: "alice" });
    const bob = harness.client(server, { user_id: "bob" });
    const [alicePrivate, bobPrivate, alicePresence, bobPresence, alicePublic, bobPublic] = await Promise.all([
      subscribed(alice, "private-chat"),
      subscribed(bob, "private-chat"),
      subscribed(alice, "presence-chat"),
      subscribed(bob, "presence-chat"),
      subscribed(alice, "public-chat"),
      subscribed(bob, "public-chat"),
    ]);
    const aliceSeen = recordEvents(alicePrivate);
    const bobPublicSeen = recordEvents(bobPublic);

    const typing = nextEvent(bobPrivate, "client-typing");
    alicePrivate.trigger("client-typing", { typing: true });
    expect((await typing).data).toEqual({ typing: true });

    const presenceTyping = nextEvent(bobPresence, "client-typing");
    alicePresence.trigger("client-typing", { typing: false });
    expect(await presenceTyping).toEqual({ data: { typing: false }, metadata: { user_id: "alice" } });

    const refused = waitFor<{ type: string; data: { message: string } }>("pusher:error", (resolve) =>
      alice.connection.bind("error", resolve),
    );
    alicePublic.trigger("client-typing", { typing: true });
    expect((await refused).data.message).toMatch(/private and presence/);

    // Bob's reply reaching Alice first proves she never got her own event back.
    const reply = nextEvent(alicePrivate, "client-ack");
    bobPrivate.trigger("client-ack", {});
    await reply;
    expect(aliceSeen).toEqual(["client-ack"]);
    const marker = nextEvent(bobPublic, "marker");
    await harness.sdk(server).trigger("public-chat", "marker", {});
    await marker;
    expect(bobPublicSeen).toEqual(["marker"]);
  });

  it("supports user signin, sendToUser and terminating a user's connections", async () => {
    const server = await harness.server();
    const sdk = harness.sdk(server);
    const client = harness.client(server, undefined, {
      userAuthentication: {
        customHandler: (params, callback) => callback(null, sdk.authenticateUser(params.socketId, { id: "agent-9" })),
      },
    });
    const userChannelReady = waitFor("server-to-user subscription", (resolve) =>
      client.connection.bind("message", (event: { event: string; channel?: string }) => {
        if (event.event === "pusher_internal:subscription_succeeded" && event.channel === "#server-to-user-agent-9") {
          resolve(undefined);
        }
      }),
    );
    client.signin();
    await userChannelReady;

    const notice = waitFor("user event", (resolve) => client.user.bind("notice", resolve));
    await sdk.sendToUser("agent-9", "notice", { text: "hi" });
    expect(await notice).toEqual({ text: "hi" });

    const dropped = waitFor("disconnect", (resolve) =>
      client.connection.bind("state_change", (states: { current: string }) => {
        if (states.current !== "connected") resolve(states.current);
      }),
    );
    await sdk.terminateUserConnections("agent-9");
    await dropped;
    expect(server.connectionCount()).toBe(0);
  });
});
