// Browser calls to the chat API. Types come from the server modules that produce the responses (type-only imports).
import type { SessionView } from "@/lib/chat/get-session-view";
import type { listOperatorSessions, listQueue } from "@/lib/chat/list-queue";
import type { MessageView } from "@/lib/conversations/message-view";
import type { RequestOperatorBody, RequestOperatorResult } from "@/lib/schemas/escalation";
import type { OnlineOperator } from "@/lib/schemas/operators";
import type { ClaimResult } from "@/lib/chat/claim-session";
import type { ResumeLinkResult } from "@/lib/conversations/send-resume-link";
import type { leaveMessage } from "@/lib/chat/leave-message";
import type { continueOnWhatsapp } from "@/lib/chat/continue-on-whatsapp";
import type { RatingBody } from "@/lib/csat/csat-schemas";
import { keyHeader } from "@/components/chat/customer-keys";
import type { Locale } from "@/lib/i18n/config";

export type { SessionView, MessageView };
export type QueueItem = Awaited<ReturnType<typeof listQueue>>[number];
export type MySession = Awaited<ReturnType<typeof listOperatorSessions>>[number];
export type OperatorStatus = "online" | "away" | "offline";

/** An error answer of the API, with its code (VALIDATION_ERROR, RATE_LIMITED...) and HTTP status. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export async function call<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      cache: "no-store",
      ...rest,
      headers: { ...(json === undefined ? {} : { "content-type": "application/json" }), ...rest.headers },
      body: json === undefined ? rest.body : JSON.stringify(json),
    });
  } catch (error) {
    throw new ApiCallError(0, "NETWORK", error instanceof Error ? error.message : "network error");
  }
  const payload = (await response.json().catch(() => null)) as
    | { success: true; data?: T }
    | { success: false; error: { code: string; message: string; details?: unknown } }
    | null;
  if (!response.ok || !payload || payload.success === false) {
    const error = payload && payload.success === false ? payload.error : { code: "HTTP_ERROR", message: `HTTP ${response.status}` };
    throw new ApiCallError(response.status, error.code, error.message, "details" in error ? error.details : undefined);
  }
  // request-operator answers with the guide's flat shape ({success, type, ...}); everything else wraps in data.
  return ("data" in payload ? payload.data : payload) as T;
}

// Calls on one session carry the customer's key when this browser holds it (keyHeader); operators are known by
// their cookie instead.
export const chatApi = {
  session: (id: string, afterSeq = 0) => call<SessionView>(`/api/chat/sessions/${encodeURIComponent(id)}?after_seq=${afterSeq}`, { headers: keyHeader(id) }),
  /** `clientId` doubles as the Idempotency-Key: a retry after a lost answer is the same message, not a second one. */
  postMessage: (id: string, body: string, as: "customer" | "operator", clientId?: string, cannedResponseIds?: string[]) =>
    call<MessageView>(`/api/chat/sessions/${encodeURIComponent(id)}/messages`, {
      method: "POST",
      json: { body, as, ...(cannedResponseIds?.length ? { canned_response_ids: cannedResponseIds } : {}) },
      headers: { ...(as === "customer" ? keyHeader(id) : {}), ...(clientId ? { "idempotency-key": clientId } : {}) },
    }),
  markRead: (id: string, seq: number) =>
    call<{ seq: number }>(`/api/chat/sessions/${encodeURIComponent(id)}/read`, { method: "POST", json: { seq }, headers: keyHeader(id) }),
  close: (id: string, reason?: string) =>
    call<{ status: "closed" }>(`/api/chat/sessions/${encodeURIComponent(id)}/close`, { method: "POST", json: reason ? { reason } : {}, headers: keyHeader(id) }),
  claim: (id: string, resumeToken?: string) =>
    call<ClaimResult>(`/api/chat/sessions/${encodeURIComponent(id)}/claim`, { method: "POST", json: resumeToken ? { resume_token: resumeToken } : {} }),
  resumeLink: (id: string) => call<ResumeLinkResult>(`/api/chat/sessions/${encodeURIComponent(id)}/resume-link`, { method: "POST" }),
  transfer: (id: string, operatorId: string) =>
    call<{ operator: { id: string; name: string } }>(`/api/chat/sessions/${encodeURIComponent(id)}/transfer`, { method: "POST", json: { operator_id: operatorId } }),
  handback: (id: string, note?: string) =>
    call<{ owner: "bot" }>(`/api/chat/sessions/${encodeURIComponent(id)}/handback`, { method: "POST", json: note ? { note } : {} }),
  ticket: (id: string) => call<{ ticket_number: number }>(`/api/chat/sessions/${encodeURIComponent(id)}/ticket`, { method: "POST", json: {} }),
  transcript: (id: string, locale: Locale) =>
    call<{ recipient: string }>(`/api/chat/sessions/${encodeURIComponent(id)}/transcript`, { method: "POST", json: { locale }, headers: keyHeader(id) }),
  leaveMessage: (id: string, body: { email?: string; phone?: string }) =>
    call<Awaited<ReturnType<typeof leaveMessage>>>(`/api/chat/sessions/${encodeURIComponent(id)}/leave-message`, { method: "POST", json: body, headers: keyHeader(id) }),
  continueOnWhatsapp: (id: string) =>
    call<Awaited<ReturnType<typeof continueOnWhatsapp>>>(`/api/chat/sessions/${encodeURIComponent(id)}/continue-on-whatsapp`, { method: "POST", headers: keyHeader(id) }),
  rate: (id: string, body: RatingBody) =>
    call<{ id: string; score: number }>(`/api/chat/sessions/${encodeURIComponent(id)}/rating`, { method: "POST", json: body, headers: keyHeader(id) }),
  rateChatByLink: (token: string, body: RatingBody) =>
    call<{ id: string; score: number }>(`/api/public/chats/${encodeURIComponent(token)}/rating`, { method: "POST", json: body }),
  rateTicket: (token: string, body: RatingBody) =>
    call<{ id: string; score: number }>(`/api/public/tickets/${encodeURIComponent(token)}/rating`, { method: "POST", json: body }),
  /** Multipart upload; the browser sets the boundary. Customers send their key, operators their cookie. */
  attach: (id: string, file: File, asCustomer: boolean) => {
    const form = new FormData();
    form.append("file", file, file.name || "screenshot.png");
    return call<{ id: string; name: string; content_type: string; size: number }>(`/api/chat/sessions/${encodeURIComponent(id)}/attachments`, {
      method: "POST",
      body: form,
      headers: asCustomer ? keyHeader(id) : {},
    });
  },
  queue: () => call<QueueItem[]>("/api/chat/queue"),
  mySessions: () => call<MySession[]>("/api/chat/my-sessions"),
  onlineOperators: () => call<OnlineOperator[]>("/api/chat/operators/online"),
  setMyStatus: (status: OperatorStatus) => call<{ status: OperatorStatus }>("/api/chat/operators/me", { method: "PATCH", json: { status } }),
  setMyLocale: (locale: Locale) => call<{ locale: string }>("/api/chat/operators/me", { method: "PATCH", json: { locale } }),
  heartbeat: () => call<{ status: OperatorStatus }>("/api/chat/operators/me/heartbeat", { method: "POST" }),
  requestOperator: (body: RequestOperatorBody, idempotencyKey: string) =>
    call<RequestOperatorResult>("/api/chat/request-operator", { method: "POST", json: body, headers: { "idempotency-key": idempotencyKey } }),
};
