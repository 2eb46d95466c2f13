import { ApiError, NetworkError, RateLimitError, TimeoutError } from "./errors";
import type {
  ChatMessage,
  EscalationResult,
  FetchLike,
  GetSessionOptions,
  Operator,
  RequestHumanOperatorInput,
  Session,
  SportelloClientOptions,
  TicketCreated,
  TicketReason,
  WaitForOperatorOptions,
  WireErrorBody,
  WireMessage,
  WireOperator,
  WireRequestOperatorBody,
  WireSession,
} from "./types";

const DEFAULT_RETRIES = 2;
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRY_BASE_DELAY_MS = 300;
const DEFAULT_MAX_RETRY_DELAY_MS = 30_000;
const DEFAULT_POLL_INTERVAL_MS = 3_000;

interface RequestSpec {
  method: "GET" | "POST";
  path: string;
  body?: unknown;
  /** Set for every POST: the same value goes out on every attempt of this call. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface CallOptions {
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export class SportelloClient {
  readonly #baseUrl: string;
  readonly #apiKey: string | undefined;
  readonly #fetch: FetchLike;
  readonly #retries: number;
  readonly #timeoutMs: number;
  readonly #retryBaseDelayMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #newKey: () => string;

  constructor(options: SportelloClientOptions) {
    this.#baseUrl = normaliseBaseUrl(options.baseUrl);
    this.#apiKey = options.apiKey;
    // Wrapped rather than stored bare: browsers throw "Illegal invocation" when
    // window.fetch is called with another object as `this`.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#retries = nonNegativeInteger("retries", options.retries ?? DEFAULT_RETRIES);
    this.#timeoutMs = positiveNumber("timeoutMs", options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.#retryBaseDelayMs = nonNegativeNumber("retryBaseDelayMs", options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS);
    this.#maxRetryDelayMs = nonNegativeNumber("maxRetryDelayMs", options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS);
    this.#newKey = options.generateIdempotencyKey ?? randomKey;
  }

  /** Hand the conversation to a human: assigned now, queued, or turned into a ticket. */
  async requestHumanOperator(input: RequestHumanOperatorInput, options: { signal?: AbortSignal } = {}): Promise<EscalationResult> {
    const body: WireRequestOperatorBody = {
      user_id: input.userId,
      user_email: input.email,
      user_phone: input.phone,
      user_name: input.name,
      question: input.question,
      priority: input.priority,
      metadata: input.metadata,
      locale: input.locale,
      transcript: input.transcript,
      confidence: input.confidence,
      intent: input.intent,
    };
    const json = await this.#request({
      method: "POST",
      path: "/api/chat/request-operator",
      body,
      idempotencyKey: input.idempotencyKey ?? this.#newKey(),
      signal: options.signal,
    });
    return toEscalationResult(json);
  }

  /** A snapshot of the session; with afterSeq only the newer messages are included. */
  async getSession(id: string, options: GetSessionOptions = {}): Promise<Session> {
    const query = options.afterSeq === undefined ? "" : `?after_seq=${encodeURIComponent(String(options.afterSeq))}`;
    const json = await this.#request({ method: "GET", path: `/api/chat/sessions/${encodeURIComponent(id)}${query}`, signal: options.signal });
    return toSession(dataOf(json));
  }

  /** Post a customer message; the session id is the customer's key to the session. */
  async sendMessage(sessionId: string, body: string, options: CallOptions = {}): Promise<ChatMessage> {
    const json = await this.#request({
      method: "POST",
      path: `/api/chat/sessions/${encodeURIComponent(sessionId)}/messages`,
      body: { body },
      idempotencyKey: options.idempotencyKey ?? this.#newKey(),
      signal: options.signal,
    });
    return toMessage(dataOf(json));
  }

  /**
   * Headless relay (chatbot API key): posts the customer's message from the bot's own widget into the session.
   * Always accepted while the conversation is open.
   */
  async relayCustomerMessage(sessionId: string, body: string, options: CallOptions = {}): Promise<ChatMessage> {
    return this.#relay(sessionId, body, "customer", options);
  }

  /**
   * Headless relay: the bot's own answer. Rejects with ApiError code HUMAN_OWNS_CONVERSATION (409) while an
   * operator owns the conversation; accepted again after session.handed_back.
   */
  async relayBotMessage(sessionId: string, body: string, options: CallOptions = {}): Promise<ChatMessage> {
    return this.#relay(sessionId, body, "bot", options);
  }

  /** The conversation as the relaying bot reads it: status, owner and the messages after afterSeq. */
  async getConversation(sessionId: string, options: GetSessionOptions = {}): Promise<Session> {
    return this.getSession(sessionId, options);
  }

  async #relay(sessionId: string, body: string, sender: "customer" | "bot", options: CallOptions): Promise<ChatMessage> {
    const json = await this.#request({
      method: "POST",
      path: `/api/chat/sessions/${encodeURIComponent(sessionId)}/messages`,
      body: { body, sender },
      idempotencyKey: options.idempotencyKey ?? this.#newKey(),
      signal: options.signal,
    });
    return toMessage(dataOf(json));
  }

  async closeSession(id: string, options: CallOptions = {}): Promise<Session> {
    const json = await this.#request({
      method: "POST",
      path: `/api/chat/sessions/${encodeURIComponent(id)}/close`,
      idempotencyKey: options.idempotencyKey ?? this.#newKey(),
      signal: options.signal,
    });
    return toSession(dataOf(json));
  }

  /**
   * Polls until the session leaves the queue (active, closed or ticketed) and resolves with
   * that snapshot. Snapshots accumulate every message seen while waiting, fetched
   * incrementally with after_seq. Rejects with the signal's reason when aborted.
   */
  async waitForOperator(sessionId: string, options: WaitForOperatorOptions = {}): Promise<Session> {
    const intervalMs = nonNegativeNumber("intervalMs", options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    const messages: ChatMessage[] = [];
    let lastSeq = 0;
    for (;;) {
      const snapshot = await this.getSession(sessionId, { afterSeq: lastSeq, signal: options.signal });
      for (const m of snapshot.messages) {
        if (m.seq > lastSeq) {
          messages.push(m);
          lastSeq = m.seq;
        }
      }
      const session: Session = { ...snapshot, messages: [...messages] };
      options.onUpdate?.(session);
      if (session.status !== "queued") return session;
      await sleep(intervalMs, options.signal);
    }
  }

  async #request(spec: RequestSpec): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      spec.signal?.throwIfAborted();
      try {
        return await this.#attempt(spec);
      } catch (error) {
        if (!isRetryable(error, spec, attempt) || attempt >= this.#retries) throw error;
        await sleep(retryDelayMs(error, attempt, this.#retryBaseDelayMs, this.#maxRetryDelayMs), spec.signal);
      }
    }
  }

  async #attempt(spec: RequestSpec): Promise<unknown> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    const forwardAbort = (): void => controller.abort(spec.signal?.reason);
    spec.signal?.addEventListener("abort", forwardAbort, { once: true });
    const fail = (cause: unknown): unknown => {
      if (spec.signal?.aborted) return spec.signal.reason;
      if (timedOut) return new TimeoutError(this.#timeoutMs);
      return new NetworkError(`Could not reach Sportello at ${this.#baseUrl}: ${messageOf(cause)}`, { cause });
    };
    try {
      let response: Response;
      let text: string;
      try {
        response = await this.#fetch(this.#baseUrl + spec.path, {
          method: spec.method,
          headers: this.#headers(spec),
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          signal: controller.signal,
        });
        // Read the body under the same timer: a server can stall after the headers.
        text = await response.text();
      } catch (cause) {
        throw fail(cause);
      }
      return interpret(response, text);
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener("abort", forwardAbort);
    }
  }

  #headers(spec: RequestSpec): Record<string, string> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (spec.body !== undefined) headers["Content-Type"] = "application/json";
    if (this.#apiKey) headers.Authorization = `Bearer ${this.#apiKey}`;
    if (spec.idempotencyKey) headers["Idempotency-Key"] = spec.idempotencyKey;
    return headers;
  }
}

/* ------------------------------------------------------------------ */
/* Retry policy                                                       */
/* ------------------------------------------------------------------ */

function isRetryable(error: unknown, spec: RequestSpec, attempt: number): boolean {
  if (error instanceof NetworkError) return true;
  if (!(error instanceof ApiError)) return false;
  if (error.status === 429 || error.status >= 500) return true;
  // The one 4xx worth retrying: after our own earlier attempt timed out or failed, the
  // server answers a same-key retry with 409 while that attempt is still running (or
  // says "retry it" if it failed). Retrying then returns the stored first response.
  return error.status === 409 && spec.idempotencyKey !== undefined && attempt > 0;
}

/** Retry-After wins for 429 (capped); otherwise exponential backoff with jitter to spread retries. */
export function retryDelayMs(error: unknown, attempt: number, baseMs: number, maxMs: number): number {
  if (error instanceof RateLimitError && error.retryAfterSeconds !== undefined) {
    return Math.min(error.retryAfterSeconds * 1000, maxMs);
  }
  const ceiling = baseMs * 2 ** attempt;
  return Math.min(maxMs, ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/* ------------------------------------------------------------------ */
/* Response decoding                                                  */
/* ------------------------------------------------------------------ */

function interpret(response: Response, text: string): unknown {
  const json = parseJson(text);
  if (!response.ok) throw errorFromResponse(response, json);
  if (!isRecord(json) || json.success !== true) {
    throw invalidResponse(response.status, "the response is not a JSON success envelope");
  }
  return json;
}

function errorFromResponse(response: Response, json: unknown): ApiError {
  const envelope = isErrorEnvelope(json) ? json.error : undefined;
  const init = {
    status: response.status,
    code: envelope?.code ?? (response.status === 429 ? "RATE_LIMITED" : `HTTP_${response.status}`),
    message: envelope?.message ?? `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`,
    requestId: envelope?.request_id ?? response.headers.get("x-request-id") ?? undefined,
    details: envelope?.details,
  };
  if (response.status === 429) return new RateLimitError(init, parseRetryAfter(response.headers.get("retry-after")));
  return new ApiError(init);
}

function toEscalationResult(json: unknown): EscalationResult {
  const r = json as Record<string, unknown>;
  const existing = r.existing === true;
  switch (r.type) {
    case "operator_assigned":
      return {
        type: "operator_assigned",
        sessionId: str(r.session_id, "session_id"),
        operator: toOperator(r.operator),
        chatUrl: str(r.chat_url, "chat_url"),
        existing,
      };
    case "queue":
      return {
        type: "queue",
        sessionId: str(r.session_id, "session_id"),
        position: num(r.position, "position"),
        estimatedWait: num(r.estimated_wait, "estimated_wait"),
        chatUrl: str(r.chat_url, "chat_url"),
        existing,
      };
    case "ticket_created":
      return {
        type: "ticket_created",
        ticketId: num(r.ticket_id, "ticket_id"),
        ticketNumber: num(r.ticket_number, "ticket_number"),
        message: str(r.message, "message"),
        ...ticketExtras(r),
        existing,
      };
    default:
      throw invalidResponse(200, `unknown escalation type ${JSON.stringify(r.type)}`);
  }
}

function ticketExtras(r: Record<string, unknown>): Pick<TicketCreated, "reason" | "reopensAt"> {
  const extras: Pick<TicketCreated, "reason" | "reopensAt"> = {};
  if (typeof r.reason === "string") extras.reason = r.reason as TicketReason;
  if (typeof r.reopens_at === "string" || r.reopens_at === null) extras.reopensAt = r.reopens_at;
  return extras;
}

function dataOf(json: unknown): unknown {
  const data = (json as Record<string, unknown>).data;
  if (!isRecord(data)) throw invalidResponse(200, "missing data");
  return data;
}

function toSession(data: unknown): Session {
  const s = data as Partial<WireSession>;
  return {
    id: str(s.id, "id"),
    status: str(s.status, "status") as Session["status"],
    priority: str(s.priority, "priority") as Session["priority"],
    position: s.position ?? null,
    estimatedWait: s.estimated_wait ?? null,
    operator: s.operator ? toOperator(s.operator) : null,
    ticketNumber: s.ticket_number ?? null,
    // Close may answer without the transcript; an empty list keeps the shape stable.
    messages: Array.isArray(s.messages) ? s.messages.map(toMessage) : [],
    ...(s.owner ? { owner: s.owner } : {}),
  };
}

function toMessage(data: unknown): ChatMessage {
  const m = data as Partial<WireMessage>;
  return {
    id: str(m.id, "message.id"),
    seq: num(m.seq, "message.seq"),
    sender: str(m.sender, "message.sender") as ChatMessage["sender"],
    body: str(m.body, "message.body"),
    createdAt: str(m.created_at, "message.created_at"),
  };
}

function toOperator(value: unknown): Operator {
  if (!isRecord(value)) throw invalidResponse(200, "missing operator");
  const o = value as Partial<WireOperator>;
  return { id: str(o.id, "operator.id"), name: str(o.name, "operator.name") };
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                      */
/* ------------------------------------------------------------------ */

function str(value: unknown, field: string): string {
  if (typeof value !== "string") throw invalidResponse(200, `${field} is not a string`);
  return value;
}

function num(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw invalidResponse(200, `${field} is not a number`);
  return value;
}

function invalidResponse(status: number, why: string): ApiError {
  return new ApiError({ status, code: "INVALID_RESPONSE", message: `Unexpected response from Sportello: ${why}` });
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isErrorEnvelope(value: unknown): value is WireErrorBody {
  return isRecord(value) && value.success === false && isRecord(value.error) && typeof value.error.code === "string";
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    // undici hides the useful part ("ECONNREFUSED") in error.cause.
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return error.message + cause;
  }
  return String(error);
}

function normaliseBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`SportelloClient: baseUrl must be an absolute URL, got ${JSON.stringify(baseUrl)}`);
  }
  return (url.origin + url.pathname).replace(/\/+$/, "");
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`SportelloClient: ${name} must be an integer ≥ 0`);
  return value;
}

function nonNegativeNumber(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`SportelloClient: ${name} must be a number ≥ 0`);
  return value;
}

function positiveNumber(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`SportelloClient: ${name} must be a number > 0`);
  return value;
}

/**
 * crypto.randomUUID where available (browsers, Node ≥ 19). Node 18 has no global crypto
 * without a flag, so fall back to a time+random key: idempotency keys only need to be
 * unique per call, and callers wanting a CSPRNG there can pass generateIdempotencyKey.
 */
function randomKey(): string {
  const webCrypto = (globalThis as { crypto?: Crypto }).crypto;
  if (webCrypto?.randomUUID) return webCrypto.randomUUID();
  const random = (): string => Math.random().toString(36).slice(2, 12).padEnd(10, "0");
  return `${Date.now().toString(36)}-${random()}-${random()}-${random()}`;
}
