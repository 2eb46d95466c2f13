"use client";
import { useState } from "react";
import type Pusher from "pusher-js";
import { useFormatter, useTranslations } from "use-intl";
import { Composer } from "@/components/chat/composer";
import { MessageList } from "@/components/chat/message-list";
import { chatApi } from "@/components/chat/session-api";
import type { OnlineOperator } from "@/lib/schemas/operators";
import type { SessionThreadStore } from "@/components/chat/session-thread-store";
import { TypingIndicator } from "@/components/chat/typing-indicator";
import { ContactHistory } from "@/components/contacts/contact-history";
import { useSessionThread } from "@/components/chat/use-session-thread";
import { useReadReceipts } from "@/components/chat/use-read-receipts";
import { useAttach } from "@/components/chat/use-attach";
import { UploadStatus } from "@/components/chat/upload-status";
import { ChannelBadge, PriorityBadge } from "@/components/shared/badges";
import { MetadataList } from "@/components/operator/metadata-list";
import { TransferDialog } from "@/components/operator/transfer-dialog";
import { BotTranscript } from "@/components/chat/bot-transcript";
import { formatDuration, useNow } from "@/components/operator/use-now";
import { whatsappWindow } from "@/lib/whatsapp/whatsapp-window";
import { CannedPicker } from "@/components/canned/canned-picker";
import { useCannedPicker } from "@/components/canned/use-canned-picker";
import { useSessionStaff } from "@/components/supervise/use-session-staff";
import { NoteToggle, ViewersBar } from "@/components/supervise/staff-bar";

type Confirming = "close" | "ticket" | "handback" | null;

/** The open chat: live thread with typing and read receipts, and close / transfer / ticket. */
export function OperatorChat({
  store,
  pusher,
  selfId,
  onBack,
  onDismiss,
  onNotice,
}: {
  store: SessionThreadStore;
  pusher: Pusher | null;
  selfId: string;
  onBack: () => void;
  onDismiss: () => void;
  onNotice: (text: string) => void;
}) {
  const t = useTranslations("operator");
  const format = useFormatter();
  const snapshot = useSessionThread(store, pusher);
  const { info, thread, pending, typing } = snapshot;
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [transferring, setTransferring] = useState(false);
  const upload = useAttach(store.sessionId, false);
  const [showDetails, setShowDetails] = useState(false);
  const [busy, setBusy] = useState(false);
  const [handbackNote, setHandbackNote] = useState("");
  const canned = useCannedPicker({ sessionId: store.sessionId });
  // Internal notes and who else is viewing: the session's staff channel (components/supervise).
  const staff = useSessionStaff(store.sessionId, pusher);
  const [noteMode, setNoteMode] = useState(false);

  useReadReceipts(store, thread.messages.length);

  const open = !info || info.status === "active" || info.status === "queued";
  const contact = info?.contact;
  const who = contact?.name ?? contact?.email ?? contact?.phone ?? t("chat.anonymous");

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    try {
      await action();
      await store.refresh();
    } catch (error) {
      onNotice(t("chat.actionFailed", { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  }

  const details = info ? (
    <div className="space-y-4 text-sm">
      <section>
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{t("chat.question")}</h3>
        <p className="mt-1 break-words whitespace-pre-wrap text-slate-900">{info.question}</p>
      </section>
      <section>
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{t("chat.contact")}</h3>
        <ul className="mt-1 space-y-0.5 break-words text-slate-900">
          {contact?.name ? <li>{contact.name}</li> : null}
          {contact?.email ? (
            <li>
              <a className="text-brand-700 underline underline-offset-2" href={`mailto:${contact.email}`}>
                {contact.email}
              </a>
              {contact.verified ? <span className="ml-1 text-xs font-medium text-emerald-800">✓ {t("chat.verified")}</span> : null}
            </li>
          ) : null}
          {contact?.phone ? <li>{contact.phone}</li> : null}
          {contact?.user_id ? <li className="font-mono text-xs text-slate-600">{contact.user_id}</li> : null}
        </ul>
      </section>
      <ContactHistory sessionId={info.id} />
      <section>
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{t("chat.metadata")}</h3>
        <div className="mt-1">
          <MetadataList metadata={info.metadata} empty={t("queue.noMetadata")} />
        </div>
      </section>
      <section className="space-y-0.5 text-xs text-slate-600">
        <p>{t("chat.queuedAt", { time: format.dateTime(new Date(info.queued_at), { hour: "2-digit", minute: "2-digit" }) })}</p>
        {info.assigned_at ? <p>{t("chat.assignedAt", { time: format.dateTime(new Date(info.assigned_at), { hour: "2-digit", minute: "2-digit" }) })}</p> : null}
      </section>
    </div>
  ) : null;

  return (
    <div className="flex min-h-0 flex-1">
      <section aria-label={who} className="flex min-w-0 flex-1 flex-col bg-slate-50">
        <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-white px-3 py-2 sm:px-4">
          <button type="button" onClick={onBack} className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 md:hidden">
            ← {t("chat.back")}
          </button>
          <div className="min-w-0 flex-1">
            <h2 className="truncate font-semibold text-slate-900">{who}</h2>
            <p className="flex flex-wrap items-center gap-1.5">
              {info ? <PriorityBadge priority={info.priority} /> : null}
              {info ? <ChannelBadge channel={info.channel} always /> : null}
            </p>
          </div>
          <ViewersBar viewers={staff.viewers} selfId={selfId} />
          <div className="flex flex-wrap items-center gap-1.5">
            <button
              type="button"
              aria-expanded={showDetails}
              onClick={() => setShowDetails((v) => !v)}
              className="rounded-lg border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 sm:px-2.5 sm:py-1.5 sm:text-sm xl:hidden"
            >
              {showDetails ? t("chat.hideDetails") : t("chat.details")}
            </button>
            {open && info?.status === "active" ? (
              <>
                {(
                  [
                    ["transfer", () => setTransferring(true), "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"],
                    ["handback", () => setConfirming("handback"), "border border-violet-300 bg-white text-violet-800 hover:bg-violet-50"],
                    ["ticket", () => setConfirming("ticket"), "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"],
                    ["close", () => setConfirming("close"), "bg-slate-900 text-white hover:bg-slate-700"],
                  ] as const
                ).map(([action, onClick, tone]) => (
                  <button key={action} type="button" disabled={busy} onClick={onClick} className={`rounded-lg px-2 py-1 text-xs font-medium sm:px-2.5 sm:py-1.5 sm:text-sm ${tone}`}>
                    {t(`chat.${action}`)}
                  </button>
                ))}
              </>
            ) : null}
          </div>
        </header>

        {confirming ? (
          <div role="alertdialog" aria-labelledby="confirm-text" className="flex flex-wrap items-center gap-2 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-950">
            <p id="confirm-text" className="flex-1">
              {confirming === "close" ? t("chat.confirmClose") : confirming === "handback" ? t("chat.confirmHandback") : t("chat.confirmTicket")}
            </p>
            {confirming === "handback" ? (
              <input
                type="text"
                maxLength={2000}
                value={handbackNote}
                onChange={(e) => setHandbackNote(e.target.value)}
                aria-label={t("chat.handbackNote")}
                placeholder={t("chat.handbackNote")}
                className="min-w-48 flex-1 rounded-md border border-amber-300 bg-white px-2 py-1 text-sm"
              />
            ) : null}
            <button
              type="button"
              autoFocus
              disabled={busy}
              className="rounded-md bg-amber-700 px-3 py-1 font-medium text-white hover:bg-amber-800"
              onClick={() =>
                void run(async () => {
                  if (confirming === "close") return chatApi.close(store.sessionId);
                  if (confirming === "ticket") return chatApi.ticket(store.sessionId);
                  await chatApi.handback(store.sessionId, handbackNote.trim() || undefined);
                  setHandbackNote("");
                  onNotice(t("chat.handedBack"));
                })
              }
            >
              {t("chat.confirm")}
            </button>
            <button type="button" className="rounded-md px-3 py-1 font-medium underline" onClick={() => setConfirming(null)}>
              {t("chat.cancel")}
            </button>
          </div>
        ) : null}

        {info?.channel === "whatsapp" ? <WhatsappWindowBanner lastInboundAt={contact?.whatsapp_last_inbound_at ?? null} /> : null}

        {showDetails ? <div className="max-h-[45%] overflow-y-auto border-b border-slate-200 bg-white p-4 xl:hidden">{details}</div> : null}

        {info?.bot_handoff && info.bot_handoff.transcript.length > 0 ? (
          <BotTranscript
            handoff={info.bot_handoff}
            labels={{
              title: t("chat.botTranscript"),
              earlier: (count) => t("chat.botEarlier", { count }),
              user: t("chat.botUser"),
              bot: t("chat.botBot"),
              confidence: (percent) => t("chat.botConfidence", { percent }),
              intent: (intent) => t("chat.botIntent", { intent }),
            }}
          />
        ) : null}

        <MessageList
          className="min-h-0 flex-1"
          messages={thread.messages}
          pending={pending}
          side="operator"
          otherReadSeq={info?.customer_read_seq ?? 0}
          customerName={contact?.name ?? contact?.email ?? null}
          notes={staff.notes}
          onRetry={(id) => void store.retry(id)}
          onDiscard={(id) => store.discard(id)}
          footer={typing && open ? <TypingIndicator name={contact?.name ?? null} /> : null}
        />

        {open ? (
          <>
            <UploadStatus status={upload.status} />
            <NoteToggle checked={noteMode} onChange={setNoteMode} />
            <Composer
              assist={noteMode ? undefined : canned}
              panel={noteMode ? undefined : <CannedPicker picker={canned} />}
              onSend={(body) =>
                noteMode
                  ? void staff.addNote(body).catch((error: Error) => onNotice(t("chat.actionFailed", { message: error.message })))
                  : void store.send(body, canned.takeUsed(body))
              }
              onTyping={() => (noteMode ? undefined : store.sendTyping())}
              disabled={!info || (!noteMode && info.status !== "active")}
              onAttach={info?.channel === "web" || info?.channel === "whatsapp" ? (file) => void upload.attach(file) : undefined}
            />
          </>
        ) : (
          <div role="status" className="flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white px-4 py-3 text-sm text-slate-800">
            <span className="flex-1">
              {info?.status === "ticketed" && info.ticket_number ? t("chat.ticketed", { number: info.ticket_number }) : info?.owner === "bot" ? t("chat.handedBack") : t("chat.closed")}
            </span>
            <button type="button" onClick={onDismiss} className="rounded-lg border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50">
              {t("chat.dismiss")}
            </button>
          </div>
        )}
      </section>

      <aside aria-label={t("chat.details")} className="hidden w-72 shrink-0 overflow-y-auto border-l border-slate-200 bg-white p-4 xl:block">
        {details}
      </aside>

      {transferring ? (
        <TransferDialog
          selfId={selfId}
          onClose={() => setTransferring(false)}
          onTransfer={async (target: OnlineOperator) => {
            await chatApi.transfer(store.sessionId, target.id);
            onNotice(t("transfer.done", { name: target.name }));
          }}
        />
      ) : null}
    </div>
  );
}

/**
 * WhatsApp's 24-hour customer-service window: free text while it is open (with the time left); once it closes,
 * replies can only go out as the approved template, and the banner says so before the operator writes.
 */
function WhatsappWindowBanner({ lastInboundAt }: { lastInboundAt: string | null }) {
  const t = useTranslations("operator");
  const now = useNow(30_000);
  const state = whatsappWindow(lastInboundAt, new Date(now));
  return state.open ? (
    <p className="border-b border-emerald-200 bg-emerald-50 px-4 py-1.5 text-xs text-emerald-950">
      {t("chat.whatsappWindowOpen", { left: formatDuration(state.secondsLeft) })}
    </p>
  ) : (
    <p role="note" className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-950">
      {t("chat.whatsappWindowClosed")}
    </p>
  );
}
