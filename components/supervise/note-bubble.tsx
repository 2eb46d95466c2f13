"use client";
import { useFormatter, useTranslations } from "use-intl";
import type { NoteView } from "@/lib/schemas/supervision";

/**
 * An internal note or whisper in the operator's thread: amber, dashed, labelled in words (not only by color), so
 * nobody mistakes it for something the customer reads.
 */
export function NoteBubble({ note }: { note: NoteView }) {
  const t = useTranslations("supervise.note");
  const format = useFormatter();
  const author = note.author?.name ?? "—";
  return (
    <li className="flex flex-col items-center" data-note-id={note.id} data-whisper={note.whisper || undefined}>
      <div
        className={`w-full max-w-[90%] rounded-xl border border-dashed px-3.5 py-2 text-sm break-words whitespace-pre-wrap ${
          note.whisper ? "border-fuchsia-500 bg-fuchsia-50 text-fuchsia-950" : "border-amber-500 bg-amber-50 text-amber-950"
        }`}
      >
        <span className="mb-0.5 block text-xs font-semibold tracking-wide uppercase">
          <span aria-hidden="true">🔒 </span>
          {note.whisper ? t("whisperLabel", { name: author }) : t("label")}
        </span>
        {note.body}
      </div>
      <span className="mt-0.5 px-1 text-[11px] text-slate-600">
        {t("by", { name: author })} · <time dateTime={note.created_at}>{format.dateTime(new Date(note.created_at), { hour: "2-digit", minute: "2-digit" })}</time>
      </span>
    </li>
  );
}

/** The notes that sit after message `seq` and before `nextSeq` (the end of the thread when undefined). */
export function notesBetween(notes: NoteView[] | undefined, seq: number, nextSeq: number | undefined): NoteView[] {
  if (!notes?.length) return [];
  return notes.filter((n) => n.after_seq >= seq && (nextSeq === undefined || n.after_seq < nextSeq));
}
