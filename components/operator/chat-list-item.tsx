"use client";
import { useEffect } from "react";
import type Pusher from "pusher-js";
import { useTranslations } from "use-intl";
import type { SessionThreadStore } from "@/components/chat/session-thread-store";
import { useSessionThread } from "@/components/chat/use-session-thread";
import { ChannelBadge, PriorityBadge } from "@/components/shared/badges";

/** Customer messages after the operator's read mark. */
export function unreadCount(store: ReturnType<SessionThreadStore["getSnapshot"]>): number {
  const readSeq = store.info?.operator_read_seq ?? 0;
  return store.thread.messages.filter((m) => m.sender === "customer" && m.seq > readSeq).length;
}

/**
 * One of the operator's chats in the sidebar. Mounted for every chat, so each thread stays live (and its unread
 * count current) whether or not it is on screen.
 */
export function ChatListItem({
  store,
  pusher,
  selected,
  onSelect,
  onUnread,
}: {
  store: SessionThreadStore;
  pusher: Pusher | null;
  selected: boolean;
  onSelect: () => void;
  onUnread: (sessionId: string, count: number) => void;
}) {
  const t = useTranslations("operator");
  const tChat = useTranslations("chat");
  const snapshot = useSessionThread(store, pusher);
  const { info, thread, typing } = snapshot;
  const unread = selected ? 0 : unreadCount(snapshot);
  useEffect(() => onUnread(store.sessionId, unread), [onUnread, store.sessionId, unread]);

  const last = thread.messages.filter((m) => m.sender !== "system").at(-1);
  const who = info?.contact?.name ?? info?.contact?.email ?? info?.contact?.phone ?? t("chat.anonymous");
  const ended = info && (info.status === "closed" || info.status === "ticketed");

  return (
    <li>
      <button
        type="button"
        onClick={onSelect}
        aria-current={selected ? "true" : undefined}
        data-session-id={store.sessionId}
        className={`flex w-full flex-col gap-1 border-l-4 px-4 py-3 text-left transition ${
          selected ? "border-brand-600 bg-brand-50" : "border-transparent hover:bg-slate-50"
        }`}
      >
        <span className="flex items-center gap-2">
          <span className={`min-w-0 flex-1 truncate text-sm ${unread ? "font-bold text-slate-900" : "font-medium text-slate-800"}`}>{who}</span>
          {unread > 0 ? (
            <span className="rounded-full bg-brand-600 px-2 py-0.5 text-xs font-bold text-white">
              <span aria-hidden="true">{unread}</span>
              <span className="sr-only">{t("chats.unread", { count: unread })}</span>
            </span>
          ) : null}
        </span>
        <span className="flex flex-wrap items-center gap-1.5">
          {info ? <PriorityBadge priority={info.priority} /> : null}
          {info ? <ChannelBadge channel={info.channel} /> : null}
          {ended ? (
            <span className="text-xs font-medium text-slate-600">
              {info.status === "ticketed" && info.ticket_number ? t("chats.ticketed", { number: info.ticket_number }) : t("chats.ended")}
            </span>
          ) : null}
        </span>
        <span className={`line-clamp-1 text-sm ${typing ? "text-brand-700 italic" : "text-slate-600"}`}>
          {typing ? tChat("someoneTyping") : (last?.body ?? info?.question ?? "")}
        </span>
      </button>
    </li>
  );
}
