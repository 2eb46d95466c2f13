"use client";
import { useTranslations } from "use-intl";
import type { NoteView } from "@/lib/schemas/supervision";

/** The latest whisper, highlighted and announced (role="alert"), until the operator dismisses it or opens the chat. */
export function WhisperBanner({ whisper, onOpen, onDismiss }: { whisper: (NoteView & { audible: boolean }) | null; onOpen: (sessionId: string) => void; onDismiss: () => void }) {
  const t = useTranslations("supervise.whisper");
  const tw = useTranslations("supervise.watch");
  if (!whisper) return null;
  return (
    <div
      role="alert"
      data-testid="whisper-alert"
      data-cue={whisper.audible ? "played" : "muted"}
      className="flex flex-wrap items-center gap-3 border-b-2 border-fuchsia-500 bg-fuchsia-50 px-4 py-2 text-sm text-fuchsia-950 motion-safe:animate-pulse"
    >
      <span className="flex-1 font-medium">{t("alert", { name: whisper.author?.name ?? "—", body: whisper.body })}</span>
      <button type="button" onClick={() => onOpen(whisper.session_id)} className="rounded-md border border-fuchsia-400 bg-white px-2.5 py-1 font-medium hover:bg-fuchsia-100">
        {tw("goToDashboard")}
      </button>
      <button type="button" onClick={onDismiss} className="rounded-md px-2.5 py-1 font-medium underline">
        {tw("close")}
      </button>
    </div>
  );
}
