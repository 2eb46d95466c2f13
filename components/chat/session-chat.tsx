"use client";
import { useEffect, useMemo, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { ChatShell } from "@/components/chat/chat-shell";
import { Composer } from "@/components/chat/composer";
import { ConnectionBanner } from "@/components/chat/connection-banner";
import { MessageList } from "@/components/chat/message-list";
import { SessionThreadStore } from "@/components/chat/session-thread-store";
import { TypingIndicator } from "@/components/chat/typing-indicator";
import { useRealtime } from "@/components/chat/use-realtime";
import { useSessionThread } from "@/components/chat/use-session-thread";
import { useReadReceipts } from "@/components/chat/use-read-receipts";
import { chatApi, type SessionView } from "@/components/chat/session-api";
import { ApiCallError, NETWORK_ERROR } from "@/components/shared/api-client";
import { RatingForm } from "@/components/chat/rating-form";
import { WaitingOptions } from "@/components/chat/waiting-options";
import { useAttach } from "@/components/chat/use-attach";
import { UploadStatus } from "@/components/chat/upload-status";

/** The customer's live chat for one session: queue position and wait, then the operator, then the conversation. */
export function SessionChat({
  sessionId,
  sessionKey,
  embed,
  onKeyRejected,
}: {
  sessionId: string;
  sessionKey: string;
  embed: boolean;
  /** The server no longer knows this browser's key (the chat moved to another browser by a resume link). */
  onKeyRejected?: () => void;
}) {
  const t = useTranslations("chat");
  const store = useMemo(() => new SessionThreadStore(sessionId, "customer"), [sessionId]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const { pusher, status } = useRealtime({ sessionKey });
  const snapshot = useSessionThread(store, pusher);
  const { info, thread, pending, typing, error, ticketUrl } = snapshot;
  const [confirmEnd, setConfirmEnd] = useState(false);
  const upload = useAttach(sessionId, true);

  useReadReceipts(store, thread.messages.length);

  useEffect(() => {
    if (error === "not_found") onKeyRejected?.();
  }, [error, onKeyRejected]);

  if (error === "not_found") {
    return (
      <ChatShell embed={embed} subtitle={t("subtitle")}>
        <p role="alert" className="m-auto max-w-xs px-4 text-center text-slate-800">
          {t("errors.notFound")}
        </p>
      </ChatShell>
    );
  }

  const open = info ? info.status === "queued" || info.status === "active" : true;
  const operatorSpoke = thread.messages.some((m) => m.sender === "operator");
  const subtitle =
    info?.status === "active" && info.operator ? t("operatorJoined", { name: info.operator.name }) : t("subtitle");

  // One polite live region for the state of the wait: position changes are announced, not the whole page.
  let statusText: string | null = null;
  if (!info) statusText = t("connecting");
  else if (info.status === "queued" && info.position) statusText = t("queue.position", { position: info.position, wait: info.estimated_wait ?? 1 });
  // Once the header names who is in the chat, a second "an operator is getting in touch" line would contradict it.
  else if (info.status === "active" && !operatorSpoke && !info.operator) statusText = t("operatorComing");

  const endChat = info && open ? (
    <button
      type="button"
      onClick={() => setConfirmEnd(true)}
      className="shrink-0 rounded-lg border border-white/40 px-2 py-1.5 text-xs font-medium hover:bg-white/15 focus-visible:outline-white sm:text-sm"
    >
      {t("endChat")}
    </button>
  ) : null;

  return (
    <ChatShell embed={embed} subtitle={subtitle} actions={endChat}>
      <ConnectionBanner status={status} />
      {confirmEnd ? (
        <div role="alertdialog" aria-labelledby="end-chat-question" className="flex flex-wrap items-center gap-2 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-950">
          <span id="end-chat-question" className="flex-1">
            {t("endChatConfirm")}
          </span>
          <button
            type="button"
            autoFocus
            className="rounded-md bg-amber-700 px-3 py-1 font-medium text-white hover:bg-amber-800"
            onClick={async () => {
              setConfirmEnd(false);
              await chatApi.close(sessionId).catch(() => undefined);
              await store.refresh();
            }}
          >
            {t("endChatYes")}
          </button>
          <button type="button" className="rounded-md px-3 py-1 font-medium underline" onClick={() => setConfirmEnd(false)}>
            {t("endChatNo")}
          </button>
        </div>
      ) : null}
      <div role="status" aria-live="polite" className={statusText ? "border-b border-brand-100 bg-brand-50 px-4 py-3 text-[15px] text-slate-900" : "sr-only"}>
        {statusText ? <p className="font-medium">{statusText}</p> : null}
        {info?.status === "queued" ? <p className="mt-1 text-sm text-slate-700">{t("queue.hint")}</p> : null}
      </div>
      {info?.status === "queued" ? <WaitingOptions info={info} onTicketed={() => void store.refresh()} /> : null}
      <MessageList
        className="min-h-0 flex-1"
        messages={thread.messages}
        pending={pending}
        side="customer"
        otherReadSeq={info?.operator_read_seq ?? 0}
        onRetry={(id) => void store.retry(id)}
        onDiscard={(id) => store.discard(id)}
        footer={
          <>
            {typing && open ? <TypingIndicator name={typing.name} /> : null}
            {info && !open ? <SessionEnded sessionId={sessionId} status={info.status} ticketNumber={info.ticket_number} ticketUrl={ticketUrl ?? info.ticket_url ?? null} rating={info.rating} /> : null}
          </>
        }
      />
      {open ? (
        <>
          <UploadStatus status={upload.status} />
          <Composer onSend={(body) => void store.send(body)} onTyping={() => store.sendTyping()} disabled={!info} autoFocus={!embed} onAttach={(file) => void upload.attach(file)} />
        </>
      ) : null}
    </ChatShell>
  );
}

function SessionEnded({
  sessionId,
  status,
  ticketNumber,
  ticketUrl,
  rating,
}: {
  sessionId: string;
  status: "closed" | "ticketed" | "queued" | "active";
  ticketNumber: number | null;
  ticketUrl: string | null;
  rating: SessionView["rating"];
}) {
  const t = useTranslations("chat");
  const url = typeof window === "undefined" ? null : new URL(window.location.href);
  url?.searchParams.delete("session");
  return (
    <section role="status" className="mx-3 mb-4 rounded-2xl border border-slate-200 bg-white p-4 text-slate-800 shadow-xs sm:mx-4">
      {status === "ticketed" && ticketNumber ? (
        <>
          <h2 className="font-semibold">{t("ticket.title", { number: ticketNumber })}</h2>
          <p className="mt-1 text-sm">{t("ticket.fromChat", { number: ticketNumber })}</p>
          {ticketUrl ? (
            <a href={ticketUrl} target="_blank" rel="noopener" className="mt-2 inline-block text-sm font-medium text-brand-700 underline underline-offset-2">
              {t("ticket.follow")}
            </a>
          ) : null}
        </>
      ) : (
        <>
          <h2 className="font-semibold">{t("closed.title")}</h2>
          <p className="mt-1 text-sm">{t("closed.body")}</p>
          {url ? (
            <a href={`${url.pathname}${url.search}`} className="mt-2 inline-block text-sm font-medium text-brand-700 underline underline-offset-2">
              {t("closed.newChat")}
            </a>
          ) : null}
          {rating?.asked === false ? null : <RatingForm submit={(body) => chatApi.rate(sessionId, body)} initialScore={rating?.score} />}
          <TranscriptRequest sessionId={sessionId} />
        </>
      )}
    </section>
  );
}

/** "Email me the transcript": the chat's thread, sent through the outbox to the customer's address. */
function TranscriptRequest({ sessionId }: { sessionId: string }) {
  const t = useTranslations("chat.transcript");
  const locale = useLocale();
  const [state, setState] = useState<{ kind: "idle" | "sending" } | { kind: "sent"; to: string } | { kind: "error"; code: string }>({ kind: "idle" });
  if (state.kind === "sent") return <p className="mt-3 text-sm text-emerald-800">{t("sent", { email: state.to })}</p>;
  return (
    <div className="mt-3">
      <button
        type="button"
        disabled={state.kind === "sending"}
        onClick={async () => {
          setState({ kind: "sending" });
          try {
            const result = await chatApi.transcript(sessionId, locale === "en" ? "en" : "it");
            setState({ kind: "sent", to: result.recipient });
          } catch (error) {
            setState({ kind: "error", code: error instanceof ApiCallError ? error.code : NETWORK_ERROR });
          }
        }}
        className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60"
      >
        {t("request")}
      </button>
      {state.kind === "error" ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {state.code === "VALIDATION_ERROR" ? t("noEmail") : state.code === "RATE_LIMITED" ? t("limit") : t("error")}
        </p>
      ) : null}
    </div>
  );
}
