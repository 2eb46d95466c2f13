"use client";
import { useCallback, useState } from "react";
import { useTranslations } from "use-intl";
import { ConnectionBanner } from "@/components/chat/connection-banner";
import { chatApi, type OperatorStatus } from "@/components/chat/session-api";
import { useRealtime } from "@/components/chat/use-realtime";
import { notifyDesktop } from "@/components/operator/assignment-alerts";
import { DashboardBanners } from "@/components/operator/dashboard-banners";
import { DashboardHeader } from "@/components/operator/dashboard-header";
import { DashboardSidebar, type DeskTab } from "@/components/operator/dashboard-sidebar";
import { OperatorChat } from "@/components/operator/operator-chat";
import { useDeskAlerts } from "@/components/operator/use-desk-alerts";
import { useDeskChannels } from "@/components/operator/use-desk-channels";
import { useDeskChats } from "@/components/operator/use-desk-chats";
import { useOperatorStatus } from "@/components/operator/use-operator-status";
import { useWhisperAlerts } from "@/components/supervise/use-whisper-alerts";
import { WhisperBanner } from "@/components/supervise/whisper-banner";

export interface DashboardOperator {
  id: string;
  name: string;
  role: "operator" | "admin" | "supervisor";
  status: OperatorStatus;
}

/**
 * The operator's desk: status, live queue, every chat assigned to them (each live in the background), alerts on new
 * assignments, and recovery after a dropped connection (assignments and queue are re-read, threads backfill by seq).
 * The parts live in hooks — chats (use-desk-chats), channels (use-desk-channels), status and heartbeat
 * (use-operator-status), alerts (use-desk-alerts) — and in the header, banners and sidebar components.
 */
export function OperatorDashboard({ operator }: { operator: DashboardOperator }) {
  const t = useTranslations("operator");
  const ts = useTranslations("supervise");
  const tCommon = useTranslations("common");
  const { pusher, status: connection } = useRealtime();
  const whispers = useWhisperAlerts(pusher, operator.id);
  const chats = useDeskChats(operator, connection);
  const alerts = useDeskAlerts(`${t("title")} · ${tCommon("appName")}`, chats.totalUnread);
  const status = useOperatorStatus(operator.status, { onOnline: () => void chats.loadSessions(), onChangeFailed: () => alerts.setNotice(t("status.changeFailed")) });
  const [tab, setTab] = useState<DeskTab>("chats");
  const [chatOnSmallScreen, setChatOnSmallScreen] = useState(false);
  const [queueBusy, setQueueBusy] = useState<string | null>(null);
  const { setSelectedId } = chats;

  const select = useCallback(
    (id: string) => {
      setSelectedId(id);
      setTab("chats");
      setChatOnSmallScreen(true);
    },
    [setSelectedId],
  );

  useDeskChannels(pusher, operator.id, {
    onSubscribed: () => void chats.loadSessions(),
    onAssigned: (data) => {
      chats.addSession(data.session_id);
      alerts.chime();
      alerts.setNotice(t("alerts.newChat"));
      notifyDesktop(t("alerts.newChat"), t("alerts.newChatBody", { question: data.question }), data.session_id, () => select(data.session_id));
    },
    onUnassigned: (data) => {
      // Closed and ticketed chats stay on screen (ended) until dismissed; any other reason means it is not ours now.
      if (data.reason === "closed" || data.reason === "ticketed") return chats.refreshSession(data.session_id);
      chats.removeSession(data.session_id);
      alerts.setNotice(data.reason === "unanswered" ? t("alerts.unanswered") : data.reason === "taken_over" ? ts("takenOverAway", { name: data.by?.name ?? "" }) : t("alerts.transferredAway"));
    },
    onOperatorUpdated: (data) => status.applyStatus(data.status),
    onAlert: (data) => {
      if (data.kind === "status_changed") return status.applyStatus(data.status, data.reason === "no_heartbeat");
      alerts.chime();
      alerts.setNotice(data.kind === "ticket_assigned" ? t("alerts.ticketAssigned", { number: data.ticket_number }) : t("alerts.ticketReply", { number: data.ticket_number }));
    },
    onQueueChanged: () => void chats.loadQueue(),
  });

  async function queueToTicket(id: string) {
    if (!window.confirm(t("chat.confirmTicket"))) return;
    setQueueBusy(id);
    try {
      await chatApi.ticket(id);
      await chats.loadQueue();
    } catch (error) {
      alerts.setNotice(t("chat.actionFailed", { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setQueueBusy(null);
    }
  }

  const selected = chats.selected;
  return (
    <div className="flex h-dvh flex-col bg-slate-100">
      <DashboardHeader
        operator={operator}
        status={status.status}
        statusBusy={status.busy}
        onStatus={(next) => void status.change(next)}
        onlineNames={chats.onlineNames}
        soundOn={alerts.soundOn}
        onToggleSound={alerts.toggleSound}
      />
      <ConnectionBanner status={connection} />
      <WhisperBanner whisper={whispers.whisper} onOpen={(id) => (select(id), whispers.dismiss())} onDismiss={whispers.dismiss} />
      <DashboardBanners
        status={status.status}
        autoAway={status.autoAway}
        onGoOnline={() => void status.change("online")}
        offerNotifications={alerts.offerNotifications}
        onDeclineNotifications={alerts.declineNotifications}
        notice={alerts.notice}
      />

      <div className="flex min-h-0 flex-1">
        <DashboardSidebar
          hidden={chatOnSmallScreen}
          tab={tab}
          onTab={setTab}
          stores={chats.stores}
          selected={selected}
          pusher={pusher}
          onSelect={select}
          onUnread={chats.onUnread}
          queue={chats.queue}
          queueBusyId={queueBusy}
          onQueueTicket={(id) => void queueToTicket(id)}
        />
        <div className={`${chatOnSmallScreen ? "flex" : "hidden"} min-w-0 flex-1 md:flex`}>
          {selected ? (
            <OperatorChat
              key={selected.sessionId}
              store={selected}
              pusher={pusher}
              selfId={operator.id}
              onBack={() => setChatOnSmallScreen(false)}
              onDismiss={() => chats.removeSession(selected.sessionId)}
              onNotice={alerts.setNotice}
            />
          ) : (
            <p className="m-auto px-6 text-center text-slate-600">{chats.stores.length === 0 ? t("chats.nothingOpen") : t("chats.select")}</p>
          )}
        </div>
      </div>
    </div>
  );
}
