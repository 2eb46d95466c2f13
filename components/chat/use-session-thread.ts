"use client";
import { useEffect, useSyncExternalStore } from "react";
import type Pusher from "pusher-js";
import type { SessionThreadStore, ThreadSnapshot } from "@/components/chat/session-thread-store";

/** Renders a session store; attaches the realtime client when it is there and refreshes when the page comes back. */
export function useSessionThread(store: SessionThreadStore, pusher: Pusher | null): ThreadSnapshot {
  useEffect(() => {
    store.attach(pusher);
  }, [store, pusher]);

  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === "visible") void store.refresh();
    };
    window.addEventListener("online", refresh);
    document.addEventListener("visibilitychange", refresh);
    return () => {
      window.removeEventListener("online", refresh);
      document.removeEventListener("visibilitychange", refresh);
    };
  }, [store]);

  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
