// The browser's thread store against a fake API and a fake pusher-js: the recovery paths (gap, truncated event,
// re-subscription after a reconnect, failed send) without a browser.
import type Pusher from "pusher-js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SessionThreadStore } from "@/components/chat/session-thread-store";
import type { MessageView } from "@/lib/conversations/message-view";

const SESSION = "AAAAAAAAAAAAAAAAAAAAAAAA";

class FakeChannel {
  subscribed = false;
  readonly handlers = new Map<string, ((data: unknown) => void)[]>();
  readonly triggered: { event: string; data: unknown }[] = [];
  bind(event: string, handler: (data: unknown) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
  }
  emit(event: string, data?: unknown) {
    if (event === "pusher:subscription_succeeded") this.subscribed = true;
    for (const handler of this.handlers.get(event) ?? []) handler(data);
  }
  trigger(event: string, data: unknown) {
    this.triggered.push({ event, data });
    return true;
  }
}

function fakePusher() {
  const channel = new FakeChannel();
  const stateHandlers: (() => void)[] = [];
  const pusher = {
    connection: {
      state: "connected",
      bind: (_: string, handler: () => void) => stateHandlers.push(handler),
      unbind: () => undefined,
    },
    subscribe: () => channel,
    unsubscribe: () => undefined,
  };
  return { pusher: pusher as unknown as Pusher, channel };
}

/** The session API in memory: GET with after_seq, POST messages. */
class FakeApi {
  messages: MessageView[] = [];
  requests: string[] = [];
  failPosts = false;
  add(body: string, sender: MessageView["sender"] = "customer"): MessageView {
    const message: MessageView = {
      id: `m${this.messages.length + 1}`,
      seq: this.messages.length + 1,
      session_id: SESSION,
      sender,
      body,
      channel: "web",
      operator_name: sender === "operator" ? "Giulia" : null,
      delivery_status: null,
      created_at: new Date(0).toISOString(),
    };
    this.messages.push(message);
    return message;
  }
  fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const url = new URL(input, "http://localhost");
    this.requests.push(`${init?.method ?? "GET"} ${url.pathname}${url.search}`);
    if (init?.method === "POST" && url.pathname.endsWith("/messages")) {
      if (this.failPosts) throw new TypeError("Failed to fetch");
      const { body, as } = JSON.parse(String(init.body)) as { body: string; as: MessageView["sender"] };
      return Response.json({ success: true, data: this.add(body, as) }, { status: 201 });
    }
    if (init?.method === "POST") return Response.json({ success: true, data: {} });
    const after = Number(url.searchParams.get("after_seq") ?? 0);
    const last = this.messages.at(-1)?.seq ?? 0;
    return Response.json({
      success: true,
      data: {
        id: SESSION,
        status: "active",
        priority: "medium",
        question: "q",
        channel: "web",
        source: "api",
        position: null,
        estimated_wait: null,
        operator: { id: "op", name: "Giulia" },
        ticket_number: null,
        customer_read_seq: 0,
        operator_read_seq: 0,
        last_seq: last,
        queued_at: new Date(0).toISOString(),
        assigned_at: null,
        first_response_at: null,
        closed_at: null,
        messages: this.messages.filter((m) => m.seq > after),
        has_more: false,
      },
    });
  };
}

let api: FakeApi;
beforeEach(() => {
  api = new FakeApi();
  vi.stubGlobal("fetch", api.fetch);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function started(side: "customer" | "operator" = "customer") {
  const store = new SessionThreadStore(SESSION, side, side === "operator" ? "Giulia" : null);
  const { pusher, channel } = fakePusher();
  store.attach(pusher);
  store.start();
  await store.refresh();
  channel.emit("pusher:subscription_succeeded");
  await store.refresh();
  return { store, channel };
}

const seqs = (store: SessionThreadStore) => store.getSnapshot().thread.messages.map((m) => m.seq);

describe("SessionThreadStore", () => {
  it("loads the thread, then takes events live", async () => {
    api.add("Ciao");
    const { store, channel } = await started();
    expect(seqs(store)).toEqual([1]);
    expect(store.getSnapshot().live).toBe(true);
    channel.emit("message.created", api.add("Eccomi", "operator"));
    expect(seqs(store)).toEqual([1, 2]);
    store.stop();
  });

  it("backfills from the API when an event reveals a gap", async () => {
    api.add("uno");
    const { store, channel } = await started();
    api.add("due (event lost)", "operator");
    const third = api.add("tre", "operator");
    api.requests = [];
    channel.emit("message.created", third);
    await store.refresh();
    expect(seqs(store)).toEqual([1, 2, 3]);
    expect(api.requests).toContain(`GET /api/chat/sessions/${SESSION}?after_seq=1`);
    store.stop();
  });

  it("fetches the full text of a truncated event", async () => {
    api.add("uno");
    const { store, channel } = await started();
    const full = api.add("x".repeat(5000), "operator");
    channel.emit("message.created", { ...full, body: "x".repeat(4000), truncated: true });
    await store.refresh();
    expect(store.getSnapshot().thread.messages[1]).toMatchObject({ seq: 2, body: "x".repeat(5000) });
    expect(store.getSnapshot().thread.messages[1].truncated).toBeUndefined();
    store.stop();
  });

  it("after a reconnect (subscription succeeds again) fetches what was published meanwhile", async () => {
    api.add("prima");
    const { store, channel } = await started();
    api.add("durante il guasto 1", "operator");
    api.add("durante il guasto 2", "operator");
    channel.emit("pusher:subscription_succeeded");
    await store.refresh();
    expect(seqs(store)).toEqual([1, 2, 3]);
    store.stop();
  });

  it("shows a message as pending until it is stored, never twice when the echo comes first", async () => {
    const { store, channel } = await started();
    const sending = store.send("Ciao!");
    expect(store.getSnapshot().pending).toMatchObject([{ body: "Ciao!", state: "sending" }]);
    await sending;
    channel.emit("message.created", api.messages[0]);
    expect(store.getSnapshot().pending).toEqual([]);
    expect(store.getSnapshot().thread.messages.map((m) => m.body)).toEqual(["Ciao!"]);
    store.stop();
  });

  it("keeps a message that failed to send, and sends it on retry", async () => {
    const { store } = await started();
    api.failPosts = true;
    await store.send("offline");
    const [failed] = store.getSnapshot().pending;
    expect(failed).toMatchObject({ state: "failed" });
    api.failPosts = false;
    await store.retry(failed.clientId);
    expect(store.getSnapshot().pending).toEqual([]);
    expect(store.getSnapshot().thread.messages.map((m) => m.body)).toEqual(["offline"]);
    store.stop();
  });

  it("shows the other side typing, hides it when their message lands, ignores its own echo", async () => {
    const { store, channel } = await started("operator");
    channel.emit("client-typing", { sender: "operator", name: "Giulia", typing: true });
    expect(store.getSnapshot().typing).toBeNull();
    channel.emit("client-typing", { sender: "customer", name: null, typing: true });
    expect(store.getSnapshot().typing).toEqual({ name: null });
    channel.emit("message.created", api.add("ecco", "customer"));
    expect(store.getSnapshot().typing).toBeNull();
    store.stop();
  });

  it("throttles its own typing events", async () => {
    const { store, channel } = await started("operator");
    store.sendTyping();
    store.sendTyping();
    store.sendTyping();
    expect(channel.triggered).toEqual([{ event: "client-typing", data: { sender: "operator", name: "Giulia", typing: true } }]);
    store.sendTyping(false);
    expect(channel.triggered.at(-1)).toEqual({ event: "client-typing", data: { sender: "operator", name: "Giulia", typing: false } });
    store.stop();
  });

  it("marks read up to the last message once, and clears the unread count at once", async () => {
    api.add("uno");
    api.add("due");
    const { store } = await started("operator");
    api.requests = [];
    store.markRead();
    store.markRead();
    expect(api.requests).toEqual([`POST /api/chat/sessions/${SESSION}/read`]);
    expect(store.getSnapshot().info?.operator_read_seq).toBe(2);
    store.stop();
  });

  it("polls while the realtime link is down", async () => {
    vi.useFakeTimers();
    api.add("uno");
    const store = new SessionThreadStore(SESSION, "customer");
    store.attach(null);
    store.start();
    await vi.advanceTimersByTimeAsync(0);
    api.add("due", "operator");
    await vi.advanceTimersByTimeAsync(4_100);
    expect(seqs(store)).toEqual([1, 2]);
    store.stop();
  });
});
