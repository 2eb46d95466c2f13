"use client";
// How a new assignment gets the operator's attention: a short chime (Web Audio, no asset to load), a desktop
// notification when allowed and the tab is not in front, and an unread count in the tab title.

let audio: AudioContext | null = null;

/** Browsers only let a page make sound after a user gesture: call this from one (any click unlocks it). */
export function unlockSound(): void {
  if (typeof window === "undefined" || !("AudioContext" in window)) return;
  audio ??= new AudioContext();
  if (audio.state === "suspended") void audio.resume();
}

/** A few short tones on the page's one audio context (ramped in and out, so no clicks). */
function playTones(frequencies: number[], type: OscillatorType, step: number, peak: number, length: number): void {
  if (!audio) return;
  const context = audio;
  const start = context.currentTime;
  frequencies.forEach((frequency, index) => {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = type;
    oscillator.frequency.value = frequency;
    const at = start + index * step;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(peak, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + length + 0.02);
  });
}

export function playChime(): void {
  if (!audio || audio.state !== "running") return;
  playTones([880, 1320], "sine", 0.16, 0.25, 0.3);
}

/** A low two-tone cue, unlike the new-chat chime: a supervisor is speaking. Returns whether it could sound. */
export function playWhisperCue(): boolean {
  unlockSound();
  if (!audio) return false;
  playTones([523, 392], "triangle", 0.18, 0.3, 0.35);
  return audio.state === "running";
}

export type NotificationState = "unsupported" | "default" | "granted" | "denied";

export function notificationState(): NotificationState {
  if (typeof window === "undefined" || !("Notification" in window)) return "unsupported";
  return Notification.permission;
}

const permissionListeners = new Set<() => void>();

/** For useSyncExternalStore: the permission as React state (it changes when the operator answers the prompt). */
export function subscribeNotificationState(listener: () => void): () => void {
  permissionListeners.add(listener);
  return () => permissionListeners.delete(listener);
}

export async function requestNotifications(): Promise<void> {
  if (notificationState() === "unsupported") return;
  await Notification.requestPermission();
  for (const listener of permissionListeners) listener();
}

/** A desktop notification when the operator is looking elsewhere; clicking it brings the chat to the front. */
export function notifyDesktop(title: string, body: string, tag: string, onClick: () => void): void {
  if (notificationState() !== "granted" || (document.visibilityState === "visible" && document.hasFocus())) return;
  try {
    const notification = new Notification(title, { body: body.slice(0, 200), tag });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
  } catch {
    // Some platforms (Android Chrome) only allow notifications from a service worker: the chime and badge remain.
  }
}

/**
 * "(3) Dashboard operatore · Sportello" while there is something unread. Next.js may stream the page's own <title> in
 * after hydration, so the badge is re-applied whenever the head changes; returns the function that stops that.
 */
export function keepTitleBadge(baseTitle: string, count: number): () => void {
  const wanted = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
  const apply = () => {
    if (document.title !== wanted) document.title = wanted;
  };
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(document.head, { subtree: true, childList: true, characterData: true });
  return () => observer.disconnect();
}
