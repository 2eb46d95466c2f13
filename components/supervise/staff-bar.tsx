"use client";
import { useId } from "react";
import { useTranslations } from "use-intl";
import type { Viewer } from "@/components/supervise/use-session-staff";

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");

/** Who else has this chat open right now (presence on the session's staff channel), as avatars with names. */
export function ViewersBar({ viewers, selfId }: { viewers: Viewer[]; selfId: string }) {
  const t = useTranslations("supervise.viewers");
  const others = viewers.filter((v) => v.id !== selfId);
  if (others.length === 0) return null;
  return (
    <div className="flex items-center gap-1" role="group" aria-label={t("label")} data-testid="chat-viewers">
      <span className="sr-only">{t("label")}:</span>
      {others.map((viewer) => (
        <span
          key={viewer.id}
          title={viewer.name}
          className="inline-flex h-7 min-w-7 items-center justify-center rounded-full bg-indigo-100 px-1.5 text-xs font-semibold text-indigo-900 ring-2 ring-white"
        >
          <span aria-hidden="true">{initials(viewer.name)}</span>
          <span className="sr-only">{viewer.name}</span>
        </span>
      ))}
    </div>
  );
}

/** The composer's switch between a message to the customer and an internal note (a real checkbox: Space toggles). */
export function NoteToggle({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  const t = useTranslations("supervise.note");
  const hint = useId();
  return (
    <div className={`flex flex-wrap items-center gap-2 border-t px-3 pt-2 text-sm ${checked ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}>
      <label className="inline-flex cursor-pointer items-center gap-2 font-medium text-slate-900">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint} className="size-4 accent-amber-600" />
        {t("toggle")}
      </label>
      <span id={hint} className={checked ? "text-xs text-amber-950" : "sr-only"}>
        {t("toggleHint")}
      </span>
    </div>
  );
}
