"use client";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { keepTitleBadge, notificationState, playChime, subscribeNotificationState, unlockSound } from "@/components/operator/assignment-alerts";

const DISMISS_KEY = "sportello:notifications-prompt-dismissed";
const NOTICE_MS = 6_000;
const subscribeDismissal = (notify: () => void) => {
  window.addEventListener("storage", notify);
  return () => window.removeEventListener("storage", notify);
};
const readDismissal = () => localStorage.getItem(DISMISS_KEY) === "1";

/**
 * How the desk gets the operator's attention: a short notice line, a chime (which the operator can mute), the unread
 * count in the tab title, and the one-time offer of desktop notifications.
 */
export function useDeskAlerts(baseTitle: string, unread: number) {
  const [notice, setNotice] = useState<string | null>(null);
  const [soundOn, setSoundOn] = useState(true);
  const soundRef = useRef(soundOn);
  useEffect(() => {
    soundRef.current = soundOn;
  }, [soundOn]);
  const notifications = useSyncExternalStore(subscribeNotificationState, notificationState, () => "unsupported" as const);
  const promptDismissed = useSyncExternalStore(subscribeDismissal, readDismissal, () => true);

  // Browsers allow sound only after a gesture: the first click or key press unlocks it.
  useEffect(() => {
    const unlock = () => unlockSound();
    window.addEventListener("pointerdown", unlock);
    window.addEventListener("keydown", unlock);
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, []);

  useEffect(() => keepTitleBadge(baseTitle, unread), [baseTitle, unread]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const chime = useCallback(() => {
    if (soundRef.current) playChime();
  }, []);

  return {
    notice,
    setNotice,
    soundOn,
    toggleSound: () => {
      unlockSound();
      setSoundOn((on) => !on);
    },
    chime,
    /** Offer desktop notifications while the browser has not been asked and the offer was not declined. */
    offerNotifications: notifications === "default" && !promptDismissed,
    declineNotifications: () => {
      localStorage.setItem(DISMISS_KEY, "1");
      window.dispatchEvent(new Event("storage"));
    },
  };
}
