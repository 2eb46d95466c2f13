// The chat API's calls, through the one browser client (components/shared/api-client.ts). Types come from the server modules that produce the responses (type-only imports).
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
import { apiCall } from "@/components/shared/api-client";
import type { Locale } from "@/lib/i18n/config";

export type { SessionView, MessageView };
export type QueueItem = Awaited<ReturnType<typeof listQueue>>[number];
export type MySession = Awaited<ReturnType<typeof listOperatorSessions>>[number];
export type OperatorStatus = "online" | "away" | "offline";

// Calls on one session carry the customer's key when this browser holds it (keyHeader); operators are known by
// their cookie instead.
export const chatApi = {
  session: (id: string, afterSeq = 0) => apiCall<SessionView>(`/api/chat/sessions/${encodeURIComponent(id)}?after_seq=${afterSeq}`, { headers: keyHeader(id) }),
  /** `clientId` doubles as the Idempotency-Key: a retry after a lost answer is the same message, not a second one. */
  postMessage: (id: string, body: string, as: "customer" | "operator", clientId?: string, cannedResponseIds?: string[]) =>
    apiCall<MessageView>(`/api/chat/sessions/${encodeURIComponent(id)}/messages`, {
      method: "POST",
      body: { body, as, ...(cannedResponseIds?.length ? { canned_response_ids: cannedResponseIds } : {}) },
      headers: { ...(as === "customer" ? keyHeader(id) : {}), ...(clientId ? { "idempotency-key": clientId } : {}) },
    }),
  markRead: (id: string, seq: number) =>
    apiCall<{ seq: number }>(`/api/chat/sessions/${encodeURIComponent(id)}/read`, { method: "POST", body: { seq }, headers: keyHeader(id) }),
  close: (id: string, reason?: string) =>
    apiCall<{ status: "closed" }>(`/api/chat/sessions/${encodeURIComponent(id)}/close`, { method: "POST", body: reason ? { reason } : {}, headers: keyHeader(id) }),
  claim: (id: string, resumeToken?: string) =>
    apiCall<ClaimResult>(`/api/chat/sessions/${encodeURIComponent(id)}/claim`, { method: "POST", body: resumeToken ? { resume_token: resumeToken } : {} }),
  resumeLink: (id: string) => apiCall<ResumeLinkResult>(`/api/chat/sessions/${encodeURIComponent(id)}/resume-link`, { method: "POST" }),
  transfer: (id: string, operatorId: string) =>
    apiCall<{ operator: { id: string; name: string } }>(`/api/chat/sessions/${encodeURIComponent(id)}/transfer`, { method: "POST", body: { operator_id: operatorId } }),
  handback: (id: string, note?: string) =>
    apiCall<{ owner: "bot" }>(`/api/chat/sessions/${encodeURIComponent(id)}/handback`, { method: "POST", body: note ? { note } : {} }),
  ticket: (id: string) => apiCall<{ ticket_number: number }>(`/api/chat/sessions/${encodeURIComponent(id)}/ticket`, { method: "POST", body: {} }),
  transcript: (id: string, locale: Locale) =>
    apiCall<{ recipient: string }>(`/api/chat/sessions/${encodeURIComponent(id)}/transcript`, { method: "POST", body: { locale }, headers: keyHeader(id) }),
  leaveMessage: (id: string, body: { email?: string; phone?: string }) =>
    apiCall<Awaited<ReturnType<typeof leaveMessage>>>(`/api/chat/sessions/${encodeURIComponent(id)}/leave-message`, { method: "POST", body, headers: keyHeader(id) }),
  continueOnWhatsapp: (id: string) =>
    apiCall<Awaited<ReturnType<typeof continueOnWhatsapp>>>(`/api/chat/sessions/${encodeURIComponent(id)}/continue-on-whatsapp`, { method: "POST", headers: keyHeader(id) }),
  rate: (id: string, body: RatingBody) =>
    apiCall<{ id: string; score: number }>(`/api/chat/sessions/${encodeURIComponent(id)}/rating`, { method: "POST", body, headers: keyHeader(id) }),
  rateChatByLink: (token: string, body: RatingBody) =>
    apiCall<{ id: string; score: number }>(`/api/public/chats/${encodeURIComponent(token)}/rating`, { method: "POST", body }),
  rateTicket: (token: string, body: RatingBody) =>
    apiCall<{ id: string; score: number }>(`/api/public/tickets/${encodeURIComponent(token)}/rating`, { method: "POST", body }),
  /** Multipart upload; the browser sets the boundary. Customers send their key, operators their cookie. */
  attach: (id: string, file: File, asCustomer: boolean) => {
    const form = new FormData();
    form.append("file", file, file.name || "screenshot.png");
    return apiCall<{ id: string; name: string; content_type: string; size: number }>(`/api/chat/sessions/${encodeURIComponent(id)}/attachments`, {
      method: "POST",
      body: form,
      headers: asCustomer ? keyHeader(id) : {},
    });
  },
  queue: () => apiCall<QueueItem[]>("/api/chat/queue"),
  mySessions: () => apiCall<MySession[]>("/api/chat/my-sessions"),
  onlineOperators: () => apiCall<OnlineOperator[]>("/api/chat/operators/online"),
  setMyStatus: (status: OperatorStatus) => apiCall<{ status: OperatorStatus }>("/api/chat/operators/me", { method: "PATCH", body: { status } }),
  setMyLocale: (locale: Locale) => apiCall<{ locale: string }>("/api/chat/operators/me", { method: "PATCH", body: { locale } }),
  heartbeat: () => apiCall<{ status: OperatorStatus }>("/api/chat/operators/me/heartbeat", { method: "POST" }),
  requestOperator: (body: RequestOperatorBody, idempotencyKey: string) =>
    apiCall<RequestOperatorResult>("/api/chat/request-operator", { method: "POST", body, headers: { "idempotency-key": idempotencyKey } }),
};
