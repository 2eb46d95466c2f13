"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { chatApi, type OperatorStatus } from "@/components/chat/session-api";
import { unlockSound } from "@/components/operator/assignment-alerts";

const HEARTBEAT_MS = 30_000;

/**
 * The operator's status: what they chose, what the server says (realtime or heartbeat answers), and whether the desk
 * turned them away by itself (no heartbeat within the grace), so the dashboard can say so. The heartbeat is what keeps
 * this tab counted as open: closing every tab turns the operator away after the grace.
 */
export function useOperatorStatus(initial: OperatorStatus, { onOnline, onChangeFailed }: { onOnline: () => void; onChangeFailed: () => void }) {
  const [status, setStatus] = useState<OperatorStatus>(initial);
  const [busy, setBusy] = useState(false);
  const [autoAway, setAutoAway] = useState(false);
  const statusRef = useRef(status);
  useEffect(() => {
    statusRef.current = status;
  }, [status]);

  useEffect(() => {
    const beat = () =>
      chatApi
        .heartbeat()
        .then((result) => {
          if (result.status === "away" && statusRef.current === "online") setAutoAway(true);
          setStatus(result.status);
        })
        .catch(() => undefined);
    void beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, []);

  /** A status the server announced; `auto` when the desk changed it for lack of a heartbeat. */
  const applyStatus = useCallback((next: OperatorStatus, auto = false) => {
    setStatus(next);
    if (auto) setAutoAway(true);
  }, []);

  async function change(next: OperatorStatus) {
    unlockSound();
    setBusy(true);
    try {
      const result = await chatApi.setMyStatus(next);
      setStatus(result.status);
      setAutoAway(false);
      // Going online may have handed us waiting customers at once.
      if (result.status === "online") onOnline();
    } catch {
      onChangeFailed();
    } finally {
      setBusy(false);
    }
  }

  return { status, busy, autoAway, applyStatus, change };
}
