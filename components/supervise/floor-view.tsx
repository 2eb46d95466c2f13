"use client";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { useRealtime } from "@/components/chat/use-realtime";
import { ConnectionBanner } from "@/components/chat/connection-banner";
import { PriorityBadge, ChannelBadge } from "@/components/shared/badges";
import { formatDuration, useNow } from "@/components/operator/use-now";
import { supervisionApi } from "@/components/supervise/supervision-api";
import { WatchChat } from "@/components/supervise/watch-chat";
import { EVENTS, FLOOR_CHANNEL, QUEUE_CHANNEL } from "@/lib/realtime/channels";
import type { FloorView as Floor } from "@/lib/schemas/supervision";

// Realtime says when to re-read; the poll only covers a dropped socket or events the floor does not hear of.
const FALLBACK_POLL_MS = 15_000;
const thClass = "px-3 py-2 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase";
const tdClass = "px-3 py-2 text-sm text-slate-900";

const since = (iso: string, now: number) => Math.max(0, (now - new Date(iso).getTime()) / 1000);

/** The supervisor's floor: every queue, every live chat with its waiting and response times, every operator. */
export function FloorView({ self }: { self: { id: string; name: string } }) {
  const t = useTranslations("supervise.floor");
  const { pusher, status: connection } = useRealtime();
  const [floor, setFloor] = useState<Floor | null>(null);
  const [watching, setWatching] = useState<string | null>(null);
  const now = useNow(1_000);

  const load = useCallback(() => {
    supervisionApi.floor().then(setFloor, () => undefined);
  }, []);

  useEffect(() => {
    load();
    const timer = setInterval(load, FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  useEffect(() => {
    if (!pusher) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(load, 200);
    };
    const floorChannel = pusher.subscribe(FLOOR_CHANNEL);
    floorChannel.bind(EVENTS.floorUpdated, soon);
    floorChannel.bind("pusher:subscription_succeeded", soon);
    const queue = pusher.subscribe(QUEUE_CHANNEL);
    queue.bind(EVENTS.queueUpdated, soon);
    return () => {
      clearTimeout(timer);
      pusher.unsubscribe(FLOOR_CHANNEL);
      pusher.unsubscribe(QUEUE_CHANNEL);
    };
  }, [pusher, load]);

  return (
    <div className="flex h-dvh flex-col bg-slate-50">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="flex-1 text-lg font-semibold text-slate-900">{t("title")}</h1>
        <a href="/operator" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
          {t("back")}
        </a>
      </header>
      <ConnectionBanner status={connection} />
      <div className="flex min-h-0 flex-1">
        <main className="min-w-0 flex-1 space-y-6 overflow-y-auto p-4">
          {(floor?.queues ?? []).map((queue) => (
            <section key={queue.team.id} aria-labelledby={`queue-${queue.team.id}`}>
              <h2 id={`queue-${queue.team.id}`} className="mb-2 font-semibold text-slate-900">
                {t("queue")} · {t("team", { name: queue.team.name })} ({queue.sessions.length})
              </h2>
              {queue.sessions.length === 0 ? (
                <p className="text-sm text-slate-600">{t("queueEmpty")}</p>
              ) : (
                <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white">
                  <thead className="bg-slate-50">
                    <tr>
                      <th className={thClass}>{t("columns.position")}</th>
                      <th className={thClass}>{t("columns.customer")}</th>
                      <th className={thClass}>{t("columns.priority")}</th>
                      <th className={thClass}>{t("columns.waiting")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {queue.sessions.map((s) => (
                      <tr key={s.id} data-session-id={s.id}>
                        <td className={tdClass}>{s.position}</td>
                        <td className={tdClass}>
                          {s.customer ?? t("anonymous")} <ChannelBadge channel={s.channel} />
                          <span className="block truncate text-xs text-slate-600">{s.question}</span>
                        </td>
                        <td className={tdClass}>
                          <PriorityBadge priority={s.priority} />
                        </td>
                        <td className={tdClass}>{formatDuration(since(s.queued_at, now))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          ))}

          <section aria-labelledby="floor-active">
            <h2 id="floor-active" className="mb-2 font-semibold text-slate-900">
              {t("active")} ({floor?.active.length ?? 0})
            </h2>
            {floor && floor.active.length === 0 ? (
              <p className="text-sm text-slate-600">{t("activeEmpty")}</p>
            ) : (
              <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white">
                <thead className="bg-slate-50">
                  <tr>
                    <th className={thClass}>{t("columns.customer")}</th>
                    <th className={thClass}>{t("columns.operator")}</th>
                    <th className={thClass}>{t("columns.waited")}</th>
                    <th className={thClass}>{t("columns.firstResponse")}</th>
                    <th className={thClass}>{t("columns.awaiting")}</th>
                    <th className={thClass}>
                      <span className="sr-only">{t("open")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {(floor?.active ?? []).map((s) => (
                    <tr key={s.id} data-session-id={s.id} className={watching === s.id ? "bg-brand-50" : undefined}>
                      <td className={tdClass}>
                        {s.customer ?? t("anonymous")} <PriorityBadge priority={s.priority} />
                      </td>
                      <td className={tdClass}>
                        {s.operator?.name ?? t("none")}
                        <span className="block text-xs text-slate-600">{t("team", { name: s.team.name })}</span>
                      </td>
                      <td className={tdClass}>{formatDuration(s.waited_seconds)}</td>
                      <td className={tdClass}>
                        {s.first_response_seconds !== null
                          ? formatDuration(s.first_response_seconds)
                          : s.assigned_at
                            ? `${t("unanswered")} (${formatDuration(since(s.assigned_at, now))})`
                            : t("none")}
                      </td>
                      <td className={`${tdClass} ${s.awaiting_reply_since && since(s.awaiting_reply_since, now) > 60 ? "font-semibold text-red-800" : ""}`}>
                        {s.awaiting_reply_since ? formatDuration(since(s.awaiting_reply_since, now)) : t("none")}
                      </td>
                      <td className={tdClass}>
                        <button
                          type="button"
                          onClick={() => setWatching(s.id)}
                          aria-label={`${t("open")}: ${s.customer ?? t("anonymous")}`}
                          className="rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium hover:bg-slate-50"
                        >
                          {t("open")}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section aria-labelledby="floor-operators">
            <h2 id="floor-operators" className="mb-2 font-semibold text-slate-900">
              {t("operators")}
            </h2>
            <ul className="flex flex-wrap gap-2">
              {(floor?.operators ?? []).map((o) => (
                <li key={o.id} className="rounded-lg border border-slate-200 bg-white px-3 py-1.5 text-sm">
                  <span className="font-medium">{o.name}</span> · {o.status} · {t("columns.load")} {o.active_chats}/{o.max_chats}
                </li>
              ))}
            </ul>
          </section>
        </main>
        {watching ? <WatchChat key={watching} sessionId={watching} pusher={pusher} self={self} onClose={() => setWatching(null)} /> : null}
      </div>
    </div>
  );
}
