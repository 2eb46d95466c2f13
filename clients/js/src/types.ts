// Hand-written mirror of the public HTTP contract: the client ships without the
// server's zod schemas, so these types are the single source of truth on this side.

import type { TranscriptEntry } from "./webhook-types";

export type Priority = "low" | "medium" | "high" | "urgent";
export type SessionStatus = "queued" | "active" | "closed" | "ticketed";
export type Sender = "customer" | "operator" | "system" | "bot";
export type Locale = "it" | "en";
/** Why no human took the conversation right away. */
export type TicketReason = "no_operators" | "after_hours" | "queue_full";

/* ------------------------------------------------------------------ */
/* Wire format (snake_case, exactly as the server sends it)           */
/* ------------------------------------------------------------------ */

export interface WireOperator {
  id: string;
  name: string;
}

export interface WireOperatorAssigned {
  success: true;
  type: "operator_assigned";
  session_id: string;
  operator: WireOperator;
  chat_url: string;
  existing?: boolean;
}

export interface WireQueued {
  success: true;
  type: "queue";
  session_id: string;
  position: number;
  estimated_wait: number;
  chat_url: string;
  existing?: boolean;
}

export interface WireTicketCreated {
  success: true;
  type: "ticket_created";
  ticket_id: number;
  ticket_number: number;
  message: string;
  reason?: TicketReason;
  reopens_at?: string | null;
  existing?: boolean;
}

export type WireRequestOperatorResponse = WireOperatorAssigned | WireQueued | WireTicketCreated;

export type ConversationOwner = "bot" | "queued" | "human" | "closed" | "ticket";

export interface WireRequestOperatorBody {
  user_id: string;
  user_email?: string;
  user_phone?: string;
  user_name?: string;
  question: string;
  priority?: Priority;
  metadata?: Record<string, unknown>;
  locale?: Locale;
  transcript?: TranscriptEntry[];
  confidence?: number;
  intent?: string;
}

export interface WireMessage {
  id: string;
  seq: number;
  sender: Sender;
  body: string;
  created_at: string;
}

export interface WireSession {
  id: string;
  status: SessionStatus;
  priority: Priority;
  position: number | null;
  estimated_wait: number | null;
  operator: WireOperator | null;
  ticket_number: number | null;
  messages: WireMessage[];
  owner?: ConversationOwner;
}

export interface WireData<T> {
  success: true;
  data: T;
}

export interface WireErrorBody {
  success: false;
  error: {
    code: string;
    message: string;
    details?: unknown;
    request_id?: string;
  };
}

/* ------------------------------------------------------------------ */
/* Public JS shapes (camelCase)                                       */
/* ------------------------------------------------------------------ */

export interface Operator {
  id: string;
  name: string;
}

export interface OperatorAssigned {
  type: "operator_assigned";
  sessionId: string;
  operator: Operator;
  chatUrl: string;
  /** True when the user already had an open session and this is it. */
  existing: boolean;
}

export interface Queued {
  type: "queue";
  sessionId: string;
  position: number;
  /** Whole minutes. */
  estimatedWait: number;
  chatUrl: string;
  existing: boolean;
}

export interface TicketCreated {
  type: "ticket_created";
  /** The human ticket number (e.g. 1042); same value as ticketNumber. */
  ticketId: number;
  ticketNumber: number;
  message: string;
  /** Sent by current servers; undefined from older ones. */
  reason?: TicketReason;
  /** ISO time the desk reopens, when the ticket was opened after hours. */
  reopensAt?: string | null;
  existing: boolean;
}

export type EscalationResult = OperatorAssigned | Queued | TicketCreated;

export interface RequestHumanOperatorInput {
  userId: string;
  email?: string;
  /** E.164, e.g. +393331234567. */
  phone?: string;
  /** Display name for the operator. */
  name?: string;
  /** 1..4000 characters: the question the bot could not answer. */
  question: string;
  priority?: Priority;
  /** Free-form context for the operator (≤ 16 KB once serialised). */
  metadata?: Record<string, unknown>;
  /** Language of the customer-facing texts the server generates (ticket message, e-mails). */
  locale?: Locale;
  /** Reuse the same key to make a repeated call return the first result. Generated when omitted. */
  idempotencyKey?: string;
  /** The conversation with the bot so far (≤ 50 turns): operators see it above the live thread. */
  transcript?: TranscriptEntry[];
  /** The bot's confidence in its last answer, 0–1. */
  confidence?: number;
  /** The intent the bot recognised. */
  intent?: string;
}

export interface ChatMessage {
  id: string;
  seq: number;
  sender: Sender;
  body: string;
  /** ISO 8601 timestamp, as sent by the server. */
  createdAt: string;
}

export interface Session {
  id: string;
  status: SessionStatus;
  priority: Priority;
  position: number | null;
  estimatedWait: number | null;
  operator: Operator | null;
  ticketNumber: number | null;
  messages: ChatMessage[];
  /** Who holds the conversation (servers with the two-way handoff; undefined from older ones). */
  owner?: ConversationOwner;
}

export interface GetSessionOptions {
  /** Only return messages with seq greater than this. */
  afterSeq?: number;
  signal?: AbortSignal;
}

export interface WaitForOperatorOptions {
  /** Delay between polls; default 3000 ms. */
  intervalMs?: number;
  /** Abort to stop waiting; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with every snapshot, e.g. to tell the user their new queue position. */
  onUpdate?: (session: Session) => void;
}

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface SportelloClientOptions {
  /** Base URL of the Sportello app, e.g. http://localhost:3001 (a path prefix is kept). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Defaults to the global fetch; inject for tests or custom agents. */
  fetch?: FetchLike;
  /** Extra attempts after the first for network errors, timeouts, 5xx and 429; default 2. */
  retries?: number;
  /**
   * Per-attempt timeout; default 15 000 ms. Longer than the server's 10 s wait for a
   * still-running first attempt, so a retry can receive that attempt's stored response.
   */
  timeoutMs?: number;
  /** First backoff step; doubles each retry (with jitter); default 300 ms. */
  retryBaseDelayMs?: number;
  /** Upper bound for any single wait between attempts, Retry-After included; default 30 000 ms. */
  maxRetryDelayMs?: number;
  /** Override how Idempotency-Key values are generated (default crypto.randomUUID). */
  generateIdempotencyKey?: () => string;
}
