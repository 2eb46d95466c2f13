"use client";
import type Pusher from "pusher-js";
import { useTranslations } from "use-intl";
import type { QueueItem } from "@/components/chat/session-api";
import type { SessionThreadStore } from "@/components/chat/session-thread-store";
import { ChatListItem } from "@/components/operator/chat-list-item";
import { QueuePanel } from "@/components/operator/queue-panel";
import { DashboardSearchForm } from "@/components/search/dashboard-search-form";

export type DeskTab = "chats" | "queue";

/** The desk's left column: search, then two tabs — the operator's chats and the queue (arrow keys switch tabs). */
export function DashboardSidebar({
  hidden,
  tab,
  onTab,
  stores,
  selected,
  pusher,
  onSelect,
  onUnread,
  queue,
  queueBusyId,
  onQueueTicket,
}: {
  hidden: boolean;
  tab: DeskTab;
  onTab: (tab: DeskTab) => void;
  stores: SessionThreadStore[];
  selected: SessionThreadStore | null;
  pusher: Pusher | null;
  onSelect: (id: string) => void;
  onUnread: (id: string, count: number) => void;
  queue: QueueItem[];
  queueBusyId: string | null;
  onQueueTicket: (id: string) => void;
}) {
  const t = useTranslations("operator");
  const tabs = [
    { id: "chats" as const, label: t("tabs.chats"), count: stores.length },
    { id: "queue" as const, label: t("tabs.queue"), count: queue.length },
  ];
  return (
    <aside className={`${hidden ? "hidden" : "flex"} w-full flex-col border-r border-slate-200 bg-white md:flex md:w-80 lg:w-96`}>
      <DashboardSearchForm />
      <div role="tablist" aria-label={t("tabs.label")} className="flex border-b border-slate-200">
        {tabs.map((item, index) => (
          <button
            key={item.id}
            id={`tab-${item.id}`}
            type="button"
            role="tab"
            aria-selected={tab === item.id}
            aria-controls={`panel-${item.id}`}
            tabIndex={tab === item.id ? 0 : -1}
            onClick={() => onTab(item.id)}
            onKeyDown={(event) => {
              if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
              const next = tabs[(index + 1) % tabs.length];
              onTab(next.id);
              document.getElementById(`tab-${next.id}`)?.focus();
            }}
            className={`flex flex-1 items-center justify-center gap-2 border-b-2 px-3 py-2.5 text-sm font-semibold ${
              tab === item.id ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {item.label}
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{item.count}</span>
          </button>
        ))}
      </div>
      <div id="panel-chats" role="tabpanel" aria-labelledby="tab-chats" hidden={tab !== "chats"} className="min-h-0 flex-1 overflow-y-auto">
        {stores.length === 0 ? <p className="px-4 py-8 text-center text-sm text-slate-600">{t("chats.empty")}</p> : null}
        <ul className="divide-y divide-slate-100">
          {stores.map((store) => (
            <ChatListItem key={store.sessionId} store={store} pusher={pusher} selected={store === selected} onSelect={() => onSelect(store.sessionId)} onUnread={onUnread} />
          ))}
        </ul>
      </div>
      <div id="panel-queue" role="tabpanel" aria-labelledby="tab-queue" hidden={tab !== "queue"} className="min-h-0 flex-1 overflow-y-auto">
        <QueuePanel queue={queue} onTicket={onQueueTicket} busyId={queueBusyId} />
      </div>
    </aside>
  );
}
