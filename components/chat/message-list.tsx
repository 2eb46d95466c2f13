"use client";
import { useEffect, useLayoutEffect, useRef } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { AttachmentThumb } from "@/components/chat/attachment-thumb";
import type { PendingMessage, Side } from "@/components/chat/session-thread-store";
import type { ThreadMessage } from "@/lib/realtime/message-sequence";
import type { NoteView } from "@/lib/schemas/supervision";
import { NoteBubble, notesBetween } from "@/components/supervise/note-bubble";

interface MessageListProps {
  messages: ThreadMessage[];
  pending: PendingMessage[];
  /** Whose screen this is: their messages go on the right. */
  side: Side;
  /** How far the other side has read (read receipts under our own messages). */
  otherReadSeq: number;
  /** Name shown over the customer's messages on the operator's screen. */
  customerName?: string | null;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  /** Rendered after the last message, inside the scroll area (typing indicator, status cards). */
  footer?: React.ReactNode;
  className?: string;
  /** Staff screens only: internal notes, placed after the message they followed. */
  notes?: NoteView[];
}

const NEAR_BOTTOM_PX = 120;

/** Twilio's delivery states, as the operator reads them under a WhatsApp message. */
function deliveryLabel(t: ReturnType<typeof useTranslations<"chat">>, status: string): string {
  if (status === "read") return t("delivery.read");
  if (status === "delivered") return t("delivery.delivered");
  if (status === "sent") return t("delivery.sent");
  if (status === "failed" || status === "undelivered" || status === "canceled") return t("delivery.failed");
  return t("delivery.pending");
}

/** The conversation as a live log: screen readers hear new messages, the view follows them when already at the bottom. */
export function MessageList({ messages, pending, side, otherReadSeq, customerName, onRetry, onDiscard, footer, className, notes }: MessageListProps) {
  const t = useTranslations("chat");
  const format = useFormatter();
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onScroll = () => {
      stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    };
    element.addEventListener("scroll", onScroll, { passive: true });
    return () => element.removeEventListener("scroll", onScroll);
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight;
  }, [messages.length, pending.length, footer, notes?.length]);

  // Only the last of our messages the other side has read carries the "Read" mark.
  const lastReadOwn = [...messages].reverse().find((m) => m.sender === side && m.seq <= otherReadSeq)?.seq ?? null;
  const lastOwn = [...messages].reverse().find((m) => m.sender === side)?.seq ?? null;

  function renderMessage(message: ThreadMessage) {
    if (message.sender === "system" || message.sender === "bot") {
      return (
        <li key={message.seq} className="mx-auto max-w-[85%] text-center text-xs text-slate-600" data-seq={message.seq}>
          <span className="inline-block rounded-full bg-slate-100 px-3 py-1">{message.body}</span>
        </li>
      );
    }
    const own = message.sender === side;
    const author = own
      ? t("you")
      : message.sender === "operator"
        ? (message.operator_name ?? t("operator"))
        : (customerName ?? t("customer"));
    return (
      <li key={message.seq} className={`flex flex-col ${own ? "items-end" : "items-start"}`} data-seq={message.seq} data-sender={message.sender}>
        <span className="sr-only">{author}: </span>
        {!own ? (
          <span aria-hidden="true" className="mb-0.5 px-1 text-xs font-medium text-slate-600">
            {author}
          </span>
        ) : null}
        <div
          className={`max-w-[85%] rounded-2xl px-3.5 py-2 text-[15px] leading-snug break-words whitespace-pre-wrap shadow-xs ${
            own ? "rounded-br-md bg-brand-600 text-white" : "rounded-bl-md border border-slate-200 bg-white text-slate-900"
          }`}
        >
          {message.body}
          {message.truncated ? <span className="mt-1 block text-xs opacity-80">{t("truncated")}</span> : null}
          {message.attachments?.some((a) => a.id)
            ? message.attachments.map((attachment) =>
                attachment.id ? (
                  <AttachmentThumb key={attachment.id} attachment={{ ...attachment, id: attachment.id }} sessionId={side === "customer" ? message.session_id : null} label={t("openAttachment", { name: attachment.name ?? "" })} />
                ) : null,
              )
            : null}
          {side === "operator" && message.attachments?.length && !message.attachments.some((a) => a.id) ? (
            <span className="mt-1 flex flex-wrap gap-2 text-xs">
              {message.attachments.map((attachment, index) => (
                <a key={index} href={`/api/chat/messages/${encodeURIComponent(message.id)}/media/${index}`} target="_blank" rel="noopener" className="underline underline-offset-2">
                  {t("attachment", { number: index + 1, type: attachment.content_type ?? "" })}
                </a>
              ))}
            </span>
          ) : null}
        </div>
        <span className="mt-0.5 px-1 text-[11px] text-slate-600">
          <time dateTime={message.created_at}>{format.dateTime(new Date(message.created_at), { hour: "2-digit", minute: "2-digit" })}</time>
          {own && message.channel === "whatsapp" && message.delivery_status ? (
            <> · {deliveryLabel(t, message.delivery_status)}</>
          ) : (
            <>
              {own && message.seq === lastReadOwn ? <> · {t("read")}</> : null}
              {own && message.seq === lastOwn && message.seq !== lastReadOwn ? <> · {t("sent")}</> : null}
            </>
          )}
        </span>
      </li>
    );
  }

  return (
    <div ref={scroller} role="region" aria-label={t("log")} tabIndex={0} className={`overflow-y-auto overscroll-contain ${className ?? ""}`}>
      <div role="log" aria-live="polite" aria-relevant="additions">
      <ol className="flex flex-col gap-2 px-3 py-4 sm:px-4">
        {notesBetween(notes, -1, messages[0]?.seq).map((note) => (
          <NoteBubble key={note.id} note={note} />
        ))}
        {messages.flatMap((message, index) => [
          renderMessage(message),
          ...notesBetween(notes, message.seq, messages[index + 1]?.seq).map((note) => <NoteBubble key={note.id} note={note} />),
        ])}
        {pending.map((p) => (
          <li key={p.clientId} className="flex flex-col items-end" data-pending={p.state}>
            <div
              className={`max-w-[85%] rounded-2xl rounded-br-md px-3.5 py-2 text-[15px] leading-snug break-words whitespace-pre-wrap ${
                p.state === "failed" ? "border border-red-300 bg-red-50 text-red-900" : "bg-brand-600/80 text-white"
              }`}
            >
              {p.body}
            </div>
            {p.state === "sending" ? (
              <span className="mt-0.5 px-1 text-[11px] text-slate-600">{t("sending")}</span>
            ) : (
              <span className="mt-1 flex items-center gap-2 px-1 text-xs text-red-800">
                {t("failed")}
                <button type="button" className="font-semibold underline underline-offset-2" onClick={() => onRetry(p.clientId)}>
                  {t("retry")}
                </button>
                <button type="button" className="underline underline-offset-2" onClick={() => onDiscard(p.clientId)}>
                  {t("discard")}
                </button>
              </span>
            )}
          </li>
        ))}
      </ol>
      </div>
      {footer}
    </div>
  );
}
