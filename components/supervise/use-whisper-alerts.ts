"use client";
import { useEffect, useState } from "react";
import type Pusher from "pusher-js";
import { EVENTS } from "@/lib/realtime/channels";
import type { NoteView } from "@/lib/schemas/supervision";
import { playWhisperCue } from "@/components/operator/assignment-alerts";

/**
 * Whispers for this operator arrive on their own channel whichever chat is on screen: a sound at once and the
 * latest whisper held for a visible, highlighted banner until dismissed.
 */
export function useWhisperAlerts(pusher: Pusher | null, operatorId: string) {
  const [whisper, setWhisper] = useState<(NoteView & { audible: boolean }) | null>(null);
  useEffect(() => {
    if (!pusher) return;
    // Bound on the connection, not on one channel object: the dashboard owns the subscription to its own channel
    // (and re-subscribes after a reconnect); a whisper may also arrive on the open chat's staff channel. The same
    // note on both is one alert.
    let last: string | null = null;
    const onNote = (note: NoteView) => {
      if (!note.whisper || note.author?.id === operatorId || note.id === last) return;
      last = note.id;
      setWhisper({ ...note, audible: playWhisperCue() });
    };
    pusher.bind(EVENTS.noteCreated, onNote);
    return () => {
      pusher.unbind(EVENTS.noteCreated, onNote);
    };
  }, [pusher, operatorId]);
  return { whisper, dismiss: () => setWhisper(null) };
}
