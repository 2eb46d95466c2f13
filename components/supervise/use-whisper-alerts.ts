"use client";
import { useEffect, useState } from "react";
import type Pusher from "pusher-js";
import { EVENTS } from "@/lib/realtime/channels";
import type { NoteView } from "@/lib/schemas/supervision";

let audio: AudioContext | null = null;

/** A low two-tone cue, unlike the new-chat chime: a supervisor is speaking. Web Audio, no asset to load. */
function playWhisperCue(): boolean {
  if (typeof window === "undefined" || !("AudioContext" in window)) return false;
  audio ??= new AudioContext();
  if (audio.state === "suspended") void audio.resume();
  const start = audio.currentTime;
  [523, 392].forEach((frequency, index) => {
    const oscillator = audio!.createOscillator();
    const gain = audio!.createGain();
    oscillator.type = "triangle";
    oscillator.frequency.value = frequency;
    const at = start + index * 0.18;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.35);
    oscillator.connect(gain).connect(audio!.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.36);
  });
  return audio.state === "running";
}

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
