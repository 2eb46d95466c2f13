"use client";
import { useEffect, useState, useSyncExternalStore } from "react";
import type Pusher from "pusher-js";
import { connectRealtime } from "@/lib/realtime/client";

export type RealtimeStatus = "connecting" | "connected" | "reconnecting" | "disabled";

/**
 * One pusher-js connection for the page, opened once `enabled`, closed on unmount. `disabled` when the server has
 * no realtime configured (the thread stores then poll). `reconnecting` once a connection that worked has dropped.
 */
export function useRealtime({ sessionKey, enabled = true }: { sessionKey?: string; enabled?: boolean } = {}) {
  const [pusher, setPusher] = useState<Pusher | null>(null);
  const [status, setStatus] = useState<RealtimeStatus>("connecting");

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let client: Pusher | null = null;
    let everConnected = false;
    connectRealtime({ sessionKey })
      .then((created) => {
        if (cancelled) return created?.disconnect();
        client = created;
        if (!created) return setStatus("disabled");
        created.connection.bind("state_change", ({ current }: { current: string }) => {
          if (current === "connected") everConnected = true;
          setStatus(current === "connected" ? "connected" : everConnected ? "reconnecting" : "connecting");
        });
        setPusher(created);
      })
      .catch(() => {
        if (!cancelled) setStatus("disabled");
      });
    return () => {
      cancelled = true;
      client?.disconnect();
      setPusher(null);
    };
  }, [sessionKey, enabled]);

  return { pusher, status };
}

const subscribeOnline = (notify: () => void) => {
  window.addEventListener("online", notify);
  window.addEventListener("offline", notify);
  return () => {
    window.removeEventListener("online", notify);
    window.removeEventListener("offline", notify);
  };
};

/** navigator.onLine as React state (true during server rendering). */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}
