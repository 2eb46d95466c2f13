"use client";
import { useEffect, useMemo, useState } from "react";
import type Pusher from "pusher-js";
import { useTranslations } from "use-intl";
import { Composer } from "@/components/chat/composer";
import { MessageList } from "@/components/chat/message-list";
import { SessionThreadStore } from "@/components/chat/session-thread-store";
import { useSessionThread } from "@/components/chat/use-session-thread";
import { supervisionApi } from "@/components/supervise/supervision-api";
import { ViewersBar } from "@/components/supervise/staff-bar";
import { useSessionStaff } from "@/components/supervise/use-session-staff";

/**
 * A chat as it happens, read-only: the thread and notes live, who else is watching, a whisper box (only the
 * assigned operator sees it) and Take over. Nothing here writes to the customer until the chat is taken over;
 * no read receipts are sent.
 */
export function WatchChat({ sessionId, pusher, self, onClose }: { sessionId: string; pusher: Pusher | null; self: { id: string; name: string }; onClose: () => void }) {
  const t = useTranslations("supervise.watch");
  const tw = useTranslations("supervise.whisper");
  const store = useMemo(() => new SessionThreadStore(sessionId, "operator", self.name), [sessionId, self.name]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const { info, thread } = useSessionThread(store, pusher);
  const staff = useSessionStaff(sessionId, pusher);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const operatorName = info?.operator?.name ?? "—";
  const mine = info?.operator?.id === self.id;
  const who = info?.contact?.name ?? info?.contact?.email ?? info?.contact?.phone ?? sessionId.slice(0, 8);

  async function takeOver() {
    try {
      await supervisionApi.takeOver(sessionId);
      setNotice(t("takenOver"));
      await store.refresh();
    } catch (error) {
      setNotice(t("failed", { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setConfirming(false);
    }
  }

  return (
    <section aria-label={t("title", { name: who })} className="flex w-full max-w-xl min-w-0 flex-col border-l border-slate-200 bg-slate-50">
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-3 py-2">
        <h2 className="min-w-0 flex-1 truncate font-semibold text-slate-900">{t("title", { name: who })}</h2>
        <ViewersBar viewers={staff.viewers} selfId={self.id} />
        {info?.status === "active" && !mine ? (
          <button type="button" onClick={() => setConfirming(true)} className="rounded-lg bg-slate-900 px-2.5 py-1.5 text-sm font-medium text-white hover:bg-slate-700">
            {t("takeOver")}
          </button>
        ) : null}
        {mine ? (
          <a href="/operator" className="rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium hover:bg-slate-50">
            {t("goToDashboard")}
          </a>
        ) : null}
        <button type="button" onClick={onClose} className="rounded-lg px-2 py-1.5 text-sm font-medium underline">
          {t("close")}
        </button>
      </header>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="takeover-text" className="flex flex-wrap items-center gap-2 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-950">
          <p id="takeover-text" className="flex-1">
            {t("confirmTakeOver")}
          </p>
          <button type="button" autoFocus onClick={() => void takeOver()} className="rounded-md bg-amber-700 px-3 py-1 font-medium text-white hover:bg-amber-800">
            {t("confirm")}
          </button>
          <button type="button" onClick={() => setConfirming(false)} className="rounded-md px-3 py-1 font-medium underline">
            {t("cancel")}
          </button>
        </div>
      ) : null}
      <p role="status" className="border-b border-slate-200 bg-white px-4 py-1.5 text-xs text-slate-700">
        {notice ?? t("readOnly")}
      </p>
      <MessageList
        className="min-h-0 flex-1"
        messages={thread.messages}
        pending={[]}
        side="operator"
        otherReadSeq={info?.customer_read_seq ?? 0}
        customerName={info?.contact?.name ?? info?.contact?.email ?? null}
        notes={staff.notes}
        onRetry={() => undefined}
        onDiscard={() => undefined}
      />
      {info?.status === "active" && !mine ? (
        <div aria-label={tw("compose", { name: operatorName })} role="group">
          <p className="border-t border-fuchsia-300 bg-fuchsia-50 px-3 pt-2 text-xs font-medium text-fuchsia-950">
            {tw("compose", { name: operatorName })} — {tw("placeholder")}
          </p>
          <Composer onSend={(body) => void staff.addNote(body, true).catch((error: Error) => setNotice(t("failed", { message: error.message })))} onTyping={() => undefined} />
        </div>
      ) : null}
      {/* Taken over: the chat is the supervisor's, who may answer right here. */}
      {info?.status === "active" && mine ? <Composer onSend={(body) => void store.send(body)} onTyping={() => store.sendTyping()} /> : null}
    </section>
  );
}
