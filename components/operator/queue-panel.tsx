"use client";
import { useTranslations } from "use-intl";
import type { QueueItem } from "@/components/chat/session-api";
import { ChannelBadge, PriorityBadge } from "@/components/shared/badges";
import { MetadataList } from "@/components/operator/metadata-list";
import { formatDuration, useNow } from "@/components/operator/use-now";

/** The live queue: who waits, in order, for how long, with what question and what the chatbot knew. */
export function QueuePanel({ queue, onTicket, busyId }: { queue: QueueItem[]; onTicket: (id: string) => void; busyId: string | null }) {
  const t = useTranslations("operator.queue");
  const now = useNow(5_000);
  if (queue.length === 0) return <p className="px-4 py-8 text-center text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ol className="divide-y divide-slate-200" aria-label={t("length", { count: queue.length })}>
      {queue.map((item) => {
        const waited = (now - new Date(item.queued_at).getTime()) / 1000;
        const who = item.contact?.name ?? item.contact?.email ?? item.contact?.phone ?? null;
        return (
          <li key={item.id} className="px-4 py-3" data-session-id={item.id}>
            <div className="flex flex-wrap items-center gap-2 text-xs">
              <span className="font-mono font-semibold text-slate-700">{t("position", { position: item.position })}</span>
              <PriorityBadge priority={item.priority} />
              <ChannelBadge channel={item.channel} />
              {/* The position counts within this team's queue. */}
              <span className="rounded bg-indigo-50 px-1.5 py-0.5 font-medium text-indigo-800" data-team={item.team.slug}>
                {item.team.name}
              </span>
              {item.skills.map((skill) => (
                <span key={skill} className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">
                  {skill}
                </span>
              ))}
              <span className="ml-auto text-slate-600">{t("waiting", { time: formatDuration(waited) })}</span>
            </div>
            {who ? <p className="mt-1 truncate text-sm font-medium text-slate-900">{who}</p> : null}
            <p className="mt-1 line-clamp-3 text-sm break-words text-slate-800">{item.question}</p>
            <p className="mt-1 text-xs text-slate-600">{t("estimated", { wait: item.estimated_wait })}</p>
            <details className="group mt-2 text-sm">
              <summary className="cursor-pointer rounded text-brand-700 select-none hover:underline">{t("metadata")}</summary>
              <div className="mt-2 rounded-lg bg-slate-50 p-2">
                <MetadataList metadata={item.metadata} empty={t("noMetadata")} />
              </div>
            </details>
            <button
              type="button"
              disabled={busyId === item.id}
              onClick={() => onTicket(item.id)}
              className="mt-2 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
            >
              {t("toTicket")}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
