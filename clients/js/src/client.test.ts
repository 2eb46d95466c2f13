import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SportelloClient, parseRetryAfter } from "./client";
import { ApiError, NetworkError, RateLimitError, SportelloError, TimeoutError } from "./errors";
import type { Session, SportelloClientOptions } from "./types";

/* A real HTTP server on 127.0.0.1 that plays back scripted replies in order. */

interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, strings as they are. */
  body?: unknown;
  /** Never answer: the client must time out. */
  hang?: boolean;
  /** Send headers and half a body, then stall. */
  stallBody?: boolean;
  /** Drop the connection without an HTTP response. */
  destroy?: boolean;
}

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

class ScriptedServer {
  readonly seen: Seen[] = [];
  readonly #replies: Reply[] = [];
  readonly #server: Server;
  /** Used once the script runs out, e.g. for polling loops. */
  fallback: Reply | undefined;

  constructor() {
    this.#server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        this.seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
        this.#answer(res, this.#replies.shift() ?? this.fallback ?? { status: 599, body: "no reply scripted" });
      });
    });
  }

  reply(...replies: Reply[]): this {
    this.#replies.push(...replies);
    return this;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    if (!this.#server.listening) return;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #answer(res: ServerResponse, reply: Reply): void {
    if (reply.hang) return;
    if (reply.destroy) {
      res.socket?.destroy();
      return;
    }
    const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status ?? 200, { "Content-Type": "application/json", ...reply.headers });
    if (reply.stallBody) {
      res.write(text.slice(0, 5));
      return;
    }
    res.end(text);
  }
}

const envelope = (status: number, code: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { success: false, error: { code, message: `${code} happened`, request_id: "req_123", ...extra } },
});

const queued = { success: true, type: "queue", session_id: "sess_1", position: 2, estimated_wait: 4, chat_url: "http://app/chat/sess_1" };

let server: ScriptedServer;
let baseUrl: string;

function client(options: Partial<SportelloClientOptions> = {}): SportelloClient {
  return new SportelloClient({ baseUrl, retryBaseDelayMs: 1, maxRetryDelayMs: 20, timeoutMs: 2_000, ...options });
}

function keysSeen(): (string | string[] | undefined)[] {
  return server.seen.map((s) => s.headers["idempotency-key"]);
}

beforeEach(async () => {
  server = new ScriptedServer();
  baseUrl = await server.listen();
});

afterEach(async () => {
  await server.close();
});

describe("requestHumanOperator", () => {
  it("sends the snake_case body, the API key and an Idempotency-Key", async () => {
    server.reply({ body: queued });
    await client({ apiKey: "sk_test" }).requestHumanOperator({
      userId: "u1",
      email: "mario@example.com",
      phone: "+393331234567",
      question: "Dov'è il mio ordine?",
      priority: "high",
      metadata: { bot: "kb" },
      name: "Mario Rossi",
      locale: "it",
    });
    const [req] = server.seen;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/api/chat/request-operator");
    expect(req.headers.authorization).toBe("Bearer sk_test");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(req.body)).toEqual({
      user_id: "u1",
      user_email: "mario@example.com",
      user_phone: "+393331234567",
      question: "Dov'è il mio ordine?",
      priority: "high",
      metadata: { bot: "kb" },
      user_name: "Mario Rossi",
      locale: "it",
    });
  });

  it("omits optional fields and the Authorization header when not given", async () => {
    server.reply({ body: queued });
    await client().requestHumanOperator({ userId: "u1", question: "help" });
    expect(JSON.parse(server.seen[0].body)).toEqual({ user_id: "u1", question: "help" });
    expect(server.seen[0].headers.authorization).toBeUndefined();
  });

  it("parses operator_assigned", async () => {
    server.reply({
      body: {
        success: true,
        type: "operator_assigned",
        session_id: "sess_9",
        operator: { id: "op_1", name: "Giulia" },
        chat_url: "http://app/chat/sess_9",
      },
    });
    await expect(client().requestHumanOperator({ userId: "u1", question: "q" })).resolves.toEqual({
      type: "operator_assigned",
      sessionId: "sess_9",
      operator: { id: "op_1", name: "Giulia" },
      chatUrl: "http://app/chat/sess_9",
      existing: false,
    });
  });

  it("parses queue, including existing: true", async () => {
    server.reply({ body: { ...queued, existing: true } });
    await expect(client().requestHumanOperator({ userId: "u1", question: "q" })).resolves.toEqual({
      type: "queue",
      sessionId: "sess_1",
      position: 2,
      estimatedWait: 4,
      chatUrl: "http://app/chat/sess_1",
      existing: true,
    });
  });

  it("parses ticket_created with reason and reopens_at", async () => {
    server.reply({
      body: {
        success: true,
        type: "ticket_created",
        ticket_id: 7,
        ticket_number: 7,
        message: "m",
        reason: "after_hours",
        reopens_at: "2025-01-02T08:00:00.000Z",
      },
    });
    await expect(client().requestHumanOperator({ userId: "u1", question: "q" })).resolves.toEqual({
      type: "ticket_created",
      ticketId: 7,
      ticketNumber: 7,
      message: "m",
      reason: "after_hours",
      reopensAt: "2025-01-02T08:00:00.000Z",
      existing: false,
    });
  });

  it("parses ticket_created", async () => {
    server.reply({
      body: { success: true, type: "ticket_created", ticket_id: 1042, ticket_number: 1042, message: "Ticket #1042 creato" },
    });
    await expect(client().requestHumanOperator({ userId: "u1", question: "q" })).resolves.toEqual({
      type: "ticket_created",
      ticketId: 1042,
      ticketNumber: 1042,
      message: "Ticket #1042 creato",
      existing: false,
    });
  });

  it("uses the caller's idempotency key", async () => {
    server.reply({ body: queued });
    await client().requestHumanOperator({ userId: "u1", question: "q", idempotencyKey: "chat-42-escalation" });
    expect(keysSeen()).toEqual(["chat-42-escalation"]);
  });

  it("rejects an unknown outcome type as INVALID_RESPONSE", async () => {
    server.reply({ body: { success: true, type: "teleported", session_id: "s" } });
    const error = await client().requestHumanOperator({ userId: "u1", question: "q" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("INVALID_RESPONSE");
  });
});

describe("errors", () => {
  it("400 → ApiError with the server's code, message, request id and details; not retried", async () => {
    server.reply(envelope(400, "VALIDATION_ERROR", { details: { question: "required" } }));
    const error = await client().requestHumanOperator({ userId: "u1", question: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(SportelloError);
    expect(error).not.toBeInstanceOf(RateLimitError);
    const apiError = error as ApiError;
    expect(apiError.kind).toBe("api");
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe("VALIDATION_ERROR");
    expect(apiError.message).toBe("VALIDATION_ERROR happened");
    expect(apiError.requestId).toBe("req_123");
    expect(apiError.details).toEqual({ question: "required" });
    expect(server.seen).toHaveLength(1);
  });

  it.each([401, 403, 404, 409, 413])("%i is not retried", async (status) => {
    server.reply(envelope(status, "SOMETHING"));
    await expect(client().getSession("s1")).rejects.toMatchObject({ status, code: "SOMETHING" });
    expect(server.seen).toHaveLength(1);
  });

  it("a non-JSON error page gets code HTTP_<status> and the X-Request-Id header", async () => {
    server.reply({ status: 404, body: "<html>nope</html>", headers: { "Content-Type": "text/html", "X-Request-Id": "edge-1" } });
    await expect(client().getSession("s1")).rejects.toMatchObject({ status: 404, code: "HTTP_404", requestId: "edge-1" });
  });

  it("a 200 that is not a success envelope is INVALID_RESPONSE", async () => {
    server.reply({ body: "not json" });
    await expect(client().getSession("s1")).rejects.toMatchObject({ status: 200, code: "INVALID_RESPONSE" });
  });
});

describe("retries", () => {
  it("429 with Retry-After is retried with the same Idempotency-Key, then succeeds", async () => {
    server.reply({ ...envelope(429, "RATE_LIMITED"), headers: { "Retry-After": "1" } }, { body: queued });
    const result = await client().requestHumanOperator({ userId: "u1", question: "q" });
    expect(result.type).toBe("queue");
    expect(server.seen).toHaveLength(2);
    const [first, second] = keysSeen();
    expect(first).toBeTruthy();
    expect(second).toBe(first);
    expect(server.seen[1].body).toBe(server.seen[0].body);
  });

  it("honours Retry-After up to maxRetryDelayMs", async () => {
    server.reply({ ...envelope(429, "RATE_LIMITED"), headers: { "Retry-After": "1" } }, { body: queued });
    const started = performance.now();
    await client({ maxRetryDelayMs: 300 }).requestHumanOperator({ userId: "u1", question: "q" });
    const elapsed = performance.now() - started;
    // Base delay is 1 ms, so waiting ~300 ms proves Retry-After was used, and < 1 s proves the cap.
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_000);
  });

  it("429 on every attempt → RateLimitError with retryAfterSeconds", async () => {
    const limited: Reply = { ...envelope(429, "RATE_LIMITED"), headers: { "Retry-After": "7" } };
    server.reply(limited, limited, limited);
    const error = await client().requestHumanOperator({ userId: "u1", question: "q" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as RateLimitError).kind).toBe("rate_limit");
    expect((error as RateLimitError).retryAfterSeconds).toBe(7);
    expect((error as RateLimitError).code).toBe("RATE_LIMITED");
    expect(server.seen).toHaveLength(3);
  });

  it("500 twice then 200 → success, all three attempts with the same key", async () => {
    server.reply(envelope(500, "INTERNAL_ERROR"), envelope(503, "UNAVAILABLE"), { body: queued });
    const result = await client().requestHumanOperator({ userId: "u1", question: "q" });
    expect(result).toMatchObject({ type: "queue", sessionId: "sess_1" });
    const keys = keysSeen();
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toBeTruthy();
  });

  it("gives up after `retries` extra attempts with the last ApiError", async () => {
    server.reply(envelope(500, "INTERNAL_ERROR"), envelope(500, "INTERNAL_ERROR"), envelope(502, "BAD_GATEWAY"));
    await expect(client().requestHumanOperator({ userId: "u1", question: "q" })).rejects.toMatchObject({
      status: 502,
      code: "BAD_GATEWAY",
    });
    expect(server.seen).toHaveLength(3);
  });

  it("retries: 0 makes exactly one attempt", async () => {
    server.reply(envelope(500, "INTERNAL_ERROR"), { body: queued });
    await expect(client({ retries: 0 }).requestHumanOperator({ userId: "u1", question: "q" })).rejects.toBeInstanceOf(ApiError);
    expect(server.seen).toHaveLength(1);
  });

  it("a 409 on a retry (first attempt still running server-side) is retried with the same key", async () => {
    server.reply(envelope(500, "INTERNAL_ERROR"), envelope(409, "CONFLICT"), { body: queued });
    await expect(client().requestHumanOperator({ userId: "u1", question: "q" })).resolves.toMatchObject({ type: "queue" });
    expect(new Set(keysSeen()).size).toBe(1);
    expect(server.seen).toHaveLength(3);
  });

  it("a 409 on the first attempt is a real conflict and is not retried", async () => {
    server.reply(envelope(409, "CONFLICT"), { body: queued });
    await expect(client().requestHumanOperator({ userId: "u1", question: "q" })).rejects.toMatchObject({ status: 409 });
    expect(server.seen).toHaveLength(1);
  });

  it("a 409 on a retried GET (no key) is not retried", async () => {
    server.reply(envelope(503, "SERVICE_UNAVAILABLE"), envelope(409, "CONFLICT"), { body: { success: true, data: {} } });
    await expect(client().getSession("s1")).rejects.toMatchObject({ status: 409 });
    expect(server.seen).toHaveLength(2);
  });

  it("a dropped connection is retried with the same key", async () => {
    server.reply({ destroy: true }, { body: queued });
    await expect(client().requestHumanOperator({ userId: "u1", question: "q" })).resolves.toMatchObject({ type: "queue" });
    const [first, second] = keysSeen();
    expect(second).toBe(first);
  });

  it("separate calls get separate keys", async () => {
    server.reply({ body: queued }, { body: queued });
    const c = client();
    await c.requestHumanOperator({ userId: "u1", question: "q" });
    await c.requestHumanOperator({ userId: "u1", question: "q" });
    const [first, second] = keysSeen();
    expect(second).not.toBe(first);
  });
});

describe("network failures and timeouts", () => {
  it("server closed → NetworkError", async () => {
    await server.close(); // nothing listens on baseUrl's port any more
    const error = await client({ retries: 1 }).getSession("s1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as NetworkError).kind).toBe("network");
    expect((error as NetworkError).message).toContain(baseUrl);
  });

  it("no response within timeoutMs → TimeoutError (a NetworkError)", async () => {
    server.reply({ hang: true });
    const started = performance.now();
    const error = await client({ retries: 0, timeoutMs: 150 }).getSession("s1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as TimeoutError).kind).toBe("timeout");
    expect((error as TimeoutError).timeoutMs).toBe(150);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("a body that stalls after the headers also times out", async () => {
    server.reply({ stallBody: true, body: queued });
    await expect(client({ retries: 0, timeoutMs: 150 }).getSession("s1")).rejects.toBeInstanceOf(TimeoutError);
  });

  it("a timed-out POST is retried with the same key", async () => {
    server.reply({ hang: true }, { body: queued });
    await expect(
      client({ retries: 1, timeoutMs: 150 }).requestHumanOperator({ userId: "u1", question: "q" }),
    ).resolves.toMatchObject({ type: "queue" });
    const [first, second] = keysSeen();
    expect(second).toBe(first);
  });

  it("the caller's abort signal rejects with its reason and is not retried", async () => {
    server.reply({ hang: true }, { body: queued });
    const controller = new AbortController();
    const pending = client({ retries: 2 }).getSession("s1", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user left")), 50);
    await expect(pending).rejects.toThrow("user left");
    expect(server.seen).toHaveLength(1);
  });
});

describe("sessions", () => {
  const wireSession = {
    id: "sess_1",
    status: "active",
    priority: "medium",
    position: null,
    estimated_wait: null,
    operator: { id: "op_1", name: "Giulia" },
    ticket_number: null,
    messages: [
      { id: "m3", seq: 3, sender: "operator", body: "Ciao!", created_at: "2025-01-01T10:00:00.000Z" },
    ],
  };

  it("getSession sends after_seq and maps to camelCase", async () => {
    server.reply({ body: { success: true, data: wireSession } });
    const session = await client().getSession("sess/1", { afterSeq: 2 });
    expect(server.seen[0].method).toBe("GET");
    expect(server.seen[0].url).toBe("/api/chat/sessions/sess%2F1?after_seq=2");
    expect(server.seen[0].headers["idempotency-key"]).toBeUndefined();
    expect(session).toEqual({
      id: "sess_1",
      status: "active",
      priority: "medium",
      position: null,
      estimatedWait: null,
      operator: { id: "op_1", name: "Giulia" },
      ticketNumber: null,
      messages: [{ id: "m3", seq: 3, sender: "operator", body: "Ciao!", createdAt: "2025-01-01T10:00:00.000Z" }],
    });
  });

  it("keeps a base URL path prefix", async () => {
    server.reply({ body: { success: true, data: wireSession } });
    await client({ baseUrl: `${baseUrl}/desk/` }).getSession("sess_1");
    expect(server.seen[0].url).toBe("/desk/api/chat/sessions/sess_1");
  });

  it("sendMessage posts the body with a key and returns the message", async () => {
    server.reply({
      status: 201,
      body: { success: true, data: { id: "m4", seq: 4, sender: "customer", body: "Grazie", created_at: "2025-01-01T10:01:00.000Z" } },
    });
    const message = await client().sendMessage("sess_1", "Grazie");
    expect(server.seen[0].url).toBe("/api/chat/sessions/sess_1/messages");
    expect(JSON.parse(server.seen[0].body)).toEqual({ body: "Grazie" });
    expect(server.seen[0].headers["idempotency-key"]).toBeTruthy();
    expect(message).toEqual({ id: "m4", seq: 4, sender: "customer", body: "Grazie", createdAt: "2025-01-01T10:01:00.000Z" });
  });

  it("closeSession posts to /close and tolerates a session without messages", async () => {
    const { messages: _omitted, ...withoutMessages } = wireSession;
    server.reply({ body: { success: true, data: { ...withoutMessages, status: "closed" } } });
    const session = await client().closeSession("sess_1");
    expect(server.seen[0].method).toBe("POST");
    expect(server.seen[0].url).toBe("/api/chat/sessions/sess_1/close");
    expect(session.status).toBe("closed");
    expect(session.messages).toEqual([]);
  });
});

describe("waitForOperator", () => {
  const snapshot = (over: Record<string, unknown>): Reply => ({
    body: {
      success: true,
      data: {
        id: "sess_1",
        status: "queued",
        priority: "medium",
        position: 2,
        estimated_wait: 4,
        operator: null,
        ticket_number: null,
        messages: [],
        ...over,
      },
    },
  });
  const msg = (seq: number, sender: string) => ({ id: `m${seq}`, seq, sender, body: `b${seq}`, created_at: "2025-01-01T10:00:00.000Z" });

  it("polls incrementally until an operator takes the session", async () => {
    server.reply(
      snapshot({ messages: [msg(1, "system")] }),
      snapshot({ position: 1, estimated_wait: 1 }),
      snapshot({ status: "active", position: null, estimated_wait: null, operator: { id: "op_1", name: "Giulia" }, messages: [msg(2, "operator")] }),
    );
    const updates: Session[] = [];
    const session = await client().waitForOperator("sess_1", { intervalMs: 5, onUpdate: (s) => updates.push(s) });
    expect(server.seen.map((s) => s.url)).toEqual([
      "/api/chat/sessions/sess_1?after_seq=0",
      "/api/chat/sessions/sess_1?after_seq=1",
      "/api/chat/sessions/sess_1?after_seq=1",
    ]);
    expect(updates.map((u) => u.position)).toEqual([2, 1, null]);
    expect(session.status).toBe("active");
    expect(session.operator).toEqual({ id: "op_1", name: "Giulia" });
    expect(session.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("resolves on ticketed too, so the bot can announce the ticket", async () => {
    server.reply(snapshot({ status: "ticketed", position: null, ticket_number: 1042 }));
    await expect(client().waitForOperator("sess_1", { intervalMs: 5 })).resolves.toMatchObject({ status: "ticketed", ticketNumber: 1042 });
  });

  it("stops when the signal aborts", async () => {
    server.fallback = snapshot({});
    const controller = new AbortController();
    const pending = client().waitForOperator("sess_1", {
      intervalMs: 10,
      signal: controller.signal,
      onUpdate: () => {
        if (server.seen.length === 2) controller.abort(new Error("gave up"));
      },
    });
    await expect(pending).rejects.toThrow("gave up");
    expect(server.seen).toHaveLength(2);
  });
});

describe("configuration", () => {
  it("rejects a relative base URL and bad numbers", () => {
    expect(() => new SportelloClient({ baseUrl: "/api" })).toThrow(TypeError);
    expect(() => new SportelloClient({ baseUrl, retries: -1 })).toThrow(RangeError);
    expect(() => new SportelloClient({ baseUrl, retries: 1.5 })).toThrow(RangeError);
    expect(() => new SportelloClient({ baseUrl, timeoutMs: 0 })).toThrow(RangeError);
  });

  it("uses an injected fetch", async () => {
    const calls: string[] = [];
    const c = new SportelloClient({
      baseUrl: "http://sportello.invalid",
      fetch: async (input) => {
        calls.push(input);
        return new Response(JSON.stringify(queued), { status: 200, headers: { "Content-Type": "application/json" } });
      },
    });
    await expect(c.requestHumanOperator({ userId: "u", question: "q" })).resolves.toMatchObject({ type: "queue" });
    expect(calls).toEqual(["http://sportello.invalid/api/chat/request-operator"]);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("5", now)).toBe(5);
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Tue, 31 Dec 2024 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });
});
