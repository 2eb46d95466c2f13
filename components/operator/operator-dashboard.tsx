"use client";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useTranslations } from "use-intl";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { PushToggle } from "@/components/operator/push-toggle";
import { CannedLink } from "@/components/canned/canned-link";
import { ConnectionBanner } from "@/components/chat/connection-banner";
import { chatApi, type OperatorStatus, type QueueItem } from "@/components/chat/session-api";
import { SessionThreadStore } from "@/components/chat/session-thread-store";
import { useRealtime } from "@/components/chat/use-realtime";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import {
  notificationState,
  notifyDesktop,
  playChime,
  requestNotifications,
  keepTitleBadge,
  subscribeNotificationState,
  unlockSound,
} from "@/components/operator/assignment-alerts";
import { ChatListItem } from "@/components/operator/chat-list-item";
import { OperatorChat } from "@/components/operator/operator-chat";
import { useWhisperAlerts } from "@/components/supervise/use-whisper-alerts";
import { WhisperBanner } from "@/components/supervise/whisper-banner";
import { QueuePanel } from "@/components/operator/queue-panel";
import { DashboardSearchForm } from "@/components/search/dashboard-search-form";
import { StatusSwitch } from "@/components/operator/status-switch";
import { bindEvent } from "@/lib/realtime/events";
import { EVENTS, PRESENCE_OPERATORS_CHANNEL, QUEUE_CHANNEL, operatorChannel } from "@/lib/realtime/channels";

export interface DashboardOperator {
  id: string;
  name: string;
  role: "operator" | "admin" | "supervisor";
  status: OperatorStatus;
}


const HEARTBEAT_MS = 30_000;
const DISMISS_KEY = "sportello:notifications-prompt-dismissed";
const subscribeDismissal = (notify: () => void) => {
  window.addEventListener("storage", notify);
  return () => window.removeEventListener("storage", notify);
};
const readDismissal = () => localStorage.getItem(DISMISS_KEY) === "1";
const FALLBACK_POLL_MS = 10_000;

/**
 * The operator's desk: status, live queue, every chat assigned to them (each live in the background), alerts on new
 * assignments, and recovery after a dropped connection (assignments and queue are re-read, threads backfill by seq).
 */
export function OperatorDashboard({ operator }: { operator: DashboardOperator }) {
  const t = useTranslations("operator");
  const ts = useTranslations("supervise");
  const tCommon = useTranslations("common");
  const { pusher, status: connection } = useRealtime();
  const whispers = useWhisperAlerts(pusher, operator.id);
  const [status, setStatus] = useState<OperatorStatus>(operator.status);
  const [statusBusy, setStatusBusy] = useState(false);
  const [autoAway, setAutoAway] = useState(false);
  // The ref is for event handlers; the state copy is what renders.
  const stores = useRef(new Map<string, SessionThreadStore>());
  const [storeList, setStoreList] = useState<SessionThreadStore[]>([]);
  const publishStores = useCallback(() => setStoreList([...stores.current.values()]), []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [tab, setTab] = useState<"chats" | "queue">("chats");
  const [chatOnSmallScreen, setChatOnSmallScreen] = useState(false);
  const [queue, setQueue] = useState<QueueItem[]>([]);
  const [queueBusy, setQueueBusy] = useState<string | null>(null);
  const [unread, setUnread] = useState<Record<string, number>>({});
  // Who is *online* (takes chats): the header counts these, not every open dashboard (presence members).
  const [onlineNames, setOnlineNames] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const notifications = useSyncExternalStore(subscribeNotificationState, notificationState, () => "unsupported" as const);
  const notificationsDismissed = useSyncExternalStore(subscribeDismissal, readDismissal, () => true);
  const dismissNotifications = () => {
    localStorage.setItem(DISMISS_KEY, "1");
    window.dispatchEvent(new Event("storage"));
  };
  const [soundOn, setSoundOn] = useState(true);
  const soundRef = useRef(soundOn);
  const statusRef = useRef(status);
  useEffect(() => {
    soundRef.current = soundOn;
    statusRef.current = status;
  }, [soundOn, status]);

  // --- the chats ----------------------------------------------------------------------------------------------------

  const addSession = useCallback(
    (id: string) => {
      if (stores.current.has(id)) return;
      const store = new SessionThreadStore(id, "operator", operator.name);
      store.start();
      stores.current.set(id, store);
      publishStores();
    },
    [operator.name, publishStores],
  );

  const removeSession = useCallback((id: string) => {
    stores.current.get(id)?.stop();
    stores.current.delete(id);
    publishStores();
    setSelectedId((current) => (current === id ? null : current));
    setUnread(({ [id]: _gone, ...rest }) => rest);
  }, [publishStores]);

  const loadSessions = useCallback(async () => {
    const mine = await chatApi.mySessions().catch(() => null);
    if (!mine) return;
    for (const session of mine) addSession(session.id);
    // Chats that changed while we were away from the socket: closed ones stay (ended), transferred ones go.
    for (const [id, store] of stores.current) {
      if (mine.some((s) => s.id === id)) continue;
      await store.refresh();
      const info = store.getSnapshot().info;
      if (info?.status === "active" && info.operator?.id !== operator.id && operator.role !== "admin") removeSession(id);
    }
  }, [addSession, operator.id, operator.role, removeSession]);

  // Queue changes also carry operators' status changes (reason "operator"): one reload keeps both current.
  const loadQueue = useCallback(async () => {
    const [items, online] = await Promise.all([
      chatApi.queue().catch(() => null),
      fetch("/api/chat/operators/online", { cache: "no-store" })
        .then((r) => (r.ok ? (r.json() as Promise<{ data: { name: string }[] }>) : null))
        .catch(() => null),
    ]);
    if (items) setQueue(items);
    if (online) setOnlineNames(online.data.map((o) => o.name));
  }, []);

  useEffect(() => {
    void loadSessions().then(loadQueue);
    const all = stores.current;
    return () => {
      for (const store of all.values()) store.stop();
    };
  }, [loadSessions, loadQueue]);

  // Without a live socket, the lists are polled (each thread polls itself).
  useEffect(() => {
    if (connection === "connected") return;
    const timer = setInterval(() => {
      void loadSessions();
      void loadQueue();
    }, FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [connection, loadSessions, loadQueue]);

  const select = useCallback((id: string) => {
    setSelectedId(id);
    setTab("chats");
    setChatOnSmallScreen(true);
  }, []);


  // --- realtime -----------------------------------------------------------------------------------------------------

  useEffect(() => {
    if (!pusher) return;
    let queueTimer: ReturnType<typeof setTimeout> | undefined;
    const own = pusher.subscribe(operatorChannel(operator.id));
    // First subscription and every re-subscription after a reconnect: re-read what may have been missed.
    own.bind("pusher:subscription_succeeded", () => void loadSessions());
    bindEvent(own, EVENTS.sessionAssigned, (data) => {
      addSession(data.session_id);
      if (soundRef.current) playChime();
      setNotice(t("alerts.newChat"));
      notifyDesktop(t("alerts.newChat"), t("alerts.newChatBody", { question: data.question }), data.session_id, () => select(data.session_id));
    });
    bindEvent(own, EVENTS.sessionUnassigned, (data) => {
      // Closed and ticketed chats stay on screen (ended) until dismissed; any other reason means it is not ours now.
      if (data.reason === "closed" || data.reason === "ticketed") return void stores.current.get(data.session_id)?.refresh();
      removeSession(data.session_id);
      setNotice(data.reason === "unanswered" ? t("alerts.unanswered") : data.reason === "taken_over" ? ts("takenOverAway", { name: data.by?.name ?? "" }) : t("alerts.transferredAway"));
    });
    bindEvent(own, EVENTS.operatorUpdated, (data) => setStatus(data.status));
    bindEvent(own, EVENTS.operatorAlert, (data) => {
      if (data.kind === "status_changed") {
        setStatus(data.status);
        if (data.reason === "no_heartbeat") setAutoAway(true);
      } else {
        if (soundRef.current) playChime();
        setNotice(data.kind === "ticket_assigned" ? t("alerts.ticketAssigned", { number: data.ticket_number }) : t("alerts.ticketReply", { number: data.ticket_number }));
      }
    });

    const queueChannel = pusher.subscribe(QUEUE_CHANNEL);
    queueChannel.bind("pusher:subscription_succeeded", () => void loadQueue());
    queueChannel.bind(EVENTS.queueUpdated, () => {
      clearTimeout(queueTimer);
      queueTimer = setTimeout(() => void loadQueue(), 250);
    });

    // Being present on the operators' channel is what tells the desk this dashboard is open.
    pusher.subscribe(PRESENCE_OPERATORS_CHANNEL);

    return () => {
      clearTimeout(queueTimer);
      pusher.unsubscribe(operatorChannel(operator.id));
      pusher.unsubscribe(QUEUE_CHANNEL);
      pusher.unsubscribe(PRESENCE_OPERATORS_CHANNEL);
    };
  }, [pusher, operator.id, addSession, removeSession, loadSessions, loadQueue, select, t, ts]);

  // --- presence of this tab: heartbeat, so closing every tab turns the operator away after the grace ----------------

  useEffect(() => {
    const beat = () =>
      chatApi
        .heartbeat()
        .then((result) => {
          if (result.status === "away" && statusRef.current === "online") setAutoAway(true);
          setStatus(result.status);
        })
        .catch(() => undefined);
    void beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, []);

  // --- alerts -------------------------------------------------------------------------------------------------------

  useEffect(() => {
    const unlock = () => unlockSound();
    window.addEventListener("pointerdown", unlock);
    window.addEventListener("keydown", unlock);
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, []);

  const totalUnread = Object.values(unread).reduce((sum, n) => sum + n, 0);
  const baseTitle = `${t("title")} · ${tCommon("appName")}`;
  useEffect(() => keepTitleBadge(baseTitle, totalUnread), [baseTitle, totalUnread]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6_000);
    return () => clearTimeout(timer);
  }, [notice]);

  const onUnread = useCallback((id: string, count: number) => {
    setUnread((current) => (current[id] === count ? current : { ...current, [id]: count }));
  }, []);

  async function changeStatus(next: OperatorStatus) {
    unlockSound();
    setStatusBusy(true);
    try {
      const result = await chatApi.setMyStatus(next);
      setStatus(result.status);
      setAutoAway(false);
      // Going online may have handed us waiting customers at once.
      if (result.status === "online") void loadSessions();
    } catch {
      setNotice(t("status.changeFailed"));
    } finally {
      setStatusBusy(false);
    }
  }

  async function queueToTicket(id: string) {
    if (!window.confirm(t("chat.confirmTicket"))) return;
    setQueueBusy(id);
    try {
      await chatApi.ticket(id);
      await loadQueue();
    } catch (error) {
      setNotice(t("chat.actionFailed", { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setQueueBusy(null);
    }
  }

  // Nothing chosen yet: the oldest chat.
  const selectedStore = storeList.find((s) => s.sessionId === selectedId) ?? storeList[0] ?? null;
  const tabs = [
    { id: "chats" as const, label: t("tabs.chats"), count: storeList.length },
    { id: "queue" as const, label: t("tabs.queue"), count: queue.length },
  ];

  return (
    <div className="flex h-dvh flex-col bg-slate-100">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-3 py-2 sm:px-4 lg:flex-nowrap">
        <h1 className="flex items-center gap-2 font-semibold whitespace-nowrap text-slate-900">
          <span aria-hidden="true" className="grid size-7 place-items-center rounded-lg bg-brand-600 text-xs font-bold text-white">
            S
          </span>
          <span className="hidden sm:inline">{t("title")}</span>
        </h1>
        <StatusSwitch status={status} busy={statusBusy} onChange={(next) => void changeStatus(next)} />
        {onlineNames ? (
          <p className="hidden text-sm whitespace-nowrap text-slate-600 lg:block" title={onlineNames.join(", ")} data-testid="online-count">
            <span aria-hidden="true" className={`mr-1 inline-block size-2 rounded-full ${onlineNames.length ? "bg-emerald-500" : "bg-slate-400"}`} />
            {t("presence.count", { count: onlineNames.length })}
          </p>
        ) : null}
        <div className="ml-auto flex flex-wrap items-center gap-2 whitespace-nowrap lg:flex-nowrap">
          <button
            type="button"
            aria-pressed={soundOn}
            title={soundOn ? t("alerts.soundOn") : t("alerts.soundOff")}
            onClick={() => {
              unlockSound();
              setSoundOn((on) => !on);
            }}
            className="inline-flex items-center gap-1.5 rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 aria-pressed:border-brand-600 aria-pressed:text-brand-700"
          >
            <BellIcon muted={!soundOn} /> <span className="sr-only 2xl:not-sr-only">{t("alerts.sound")}</span>
          </button>
          <PushToggle />
          <div className="hidden sm:block">
            <LocaleSwitcher compact />
          </div>
          <CannedLink />
          {operator.role !== "operator" ? (
            <a href="/operator/floor" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
              {ts("floor.link")}
            </a>
          ) : null}
          {operator.role === "admin" ? (
            <a href="/admin" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
              {t("adminPanel")}
            </a>
          ) : null}
          {/* Shown from 1536 px; below, read by screen readers only, so the header keeps one row at 1280 px. */}
          <span className="sr-only max-w-56 truncate text-sm text-slate-700 2xl:not-sr-only">{t("signedInAs", { name: operator.name })}</span>
          <SignOutButton />
        </div>
      </header>

      <ConnectionBanner status={connection} />
      <WhisperBanner whisper={whispers.whisper} onOpen={(id) => (select(id), whispers.dismiss())} onDismiss={whispers.dismiss} />
      {autoAway && status !== "online" ? (
        <Banner tone="warning" action={<BannerButton onClick={() => void changeStatus("online")}>{t("status.goOnline")}</BannerButton>}>
          {t("status.autoAway")}
        </Banner>
      ) : status === "offline" ? (
        <Banner tone="info" action={<BannerButton onClick={() => void changeStatus("online")}>{t("status.goOnline")}</BannerButton>}>
          {t("status.offlineBanner")}
        </Banner>
      ) : null}
      {notifications === "default" && !notificationsDismissed ? (
        <Banner
          tone="info"
          className="hidden sm:flex"
          action={
            <>
              <BannerButton onClick={() => void requestNotifications()}>{t("alerts.enableNotifications")}</BannerButton>
              <button type="button" onClick={dismissNotifications} className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 underline underline-offset-2">
                {t("alerts.notNow")}
              </button>
            </>
          }
        >
          {t("alerts.notificationsPrompt")}
        </Banner>
      ) : null}
      <div role="status" aria-live="polite" className={notice ? "border-b border-brand-100 bg-brand-50 px-4 py-1.5 text-sm text-slate-900" : "sr-only"}>
        {notice}
      </div>

      <div className="flex min-h-0 flex-1">
        <aside className={`${chatOnSmallScreen ? "hidden" : "flex"} w-full flex-col border-r border-slate-200 bg-white md:flex md:w-80 lg:w-96`}>
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
                onClick={() => setTab(item.id)}
                onKeyDown={(event) => {
                  if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
                  const next = tabs[(index + 1) % tabs.length];
                  setTab(next.id);
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
            {storeList.length === 0 ? <p className="px-4 py-8 text-center text-sm text-slate-600">{t("chats.empty")}</p> : null}
            <ul className="divide-y divide-slate-100">
              {storeList.map((store) => (
                <ChatListItem
                  key={store.sessionId}
                  store={store}
                  pusher={pusher}
                  selected={store === selectedStore}
                  onSelect={() => select(store.sessionId)}
                  onUnread={onUnread}
                />
              ))}
            </ul>
          </div>
          <div id="panel-queue" role="tabpanel" aria-labelledby="tab-queue" hidden={tab !== "queue"} className="min-h-0 flex-1 overflow-y-auto">
            <QueuePanel queue={queue} onTicket={(id) => void queueToTicket(id)} busyId={queueBusy} />
          </div>
        </aside>

        <div className={`${chatOnSmallScreen ? "flex" : "hidden"} min-w-0 flex-1 md:flex`}>
          {selectedStore ? (
            <OperatorChat
              key={selectedStore.sessionId}
              store={selectedStore}
              pusher={pusher}
              selfId={operator.id}
              onBack={() => setChatOnSmallScreen(false)}
              onDismiss={() => removeSession(selectedStore.sessionId)}
              onNotice={setNotice}
            />
          ) : (
            <p className="m-auto px-6 text-center text-slate-600">{storeList.length === 0 ? t("chats.nothingOpen") : t("chats.select")}</p>
          )}
        </div>
      </div>
    </div>
  );
}

function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
      <path d="M10 3a4.5 4.5 0 0 0-4.5 4.5c0 3.5-1.5 5-1.5 5h12s-1.5-1.5-1.5-5A4.5 4.5 0 0 0 10 3Z" />
      <path d="M8.5 15.5a1.5 1.5 0 0 0 3 0" />
      {muted ? <path d="M3 3l14 14" /> : null}
    </svg>
  );
}

function Banner({ tone, action, className, children }: { tone: "warning" | "info"; action?: React.ReactNode; className?: string; children: React.ReactNode }) {
  const colours = tone === "warning" ? "border-amber-200 bg-amber-50 text-amber-950" : "border-slate-200 bg-white text-slate-800";
  return (
    <div className={`flex-wrap items-center gap-3 border-b px-4 py-2 text-sm ${colours} ${className ?? "flex"}`}>
      <p className="flex-1">{children}</p>
      {action}
    </div>
  );
}

function BannerButton({ onClick, children }: { onClick: () => void; children: React.ReactNode }) {
  return (
    <button type="button" onClick={onClick} className="rounded-md bg-emerald-700 px-3 py-1 text-sm font-medium text-white hover:bg-emerald-800">
      {children}
    </button>
  );
}
