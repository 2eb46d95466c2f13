"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { chatApi, type QueueItem } from "@/components/chat/session-api";
import { SessionThreadStore } from "@/components/chat/session-thread-store";
import type { RealtimeStatus } from "@/components/chat/use-realtime";

const FALLBACK_POLL_MS = 10_000;

/**
 * What is on the operator's desk: every chat assigned to them (each thread live in the background), the unread count
 * of each, the queue, and who is online. Re-read on demand (after a reconnect, an assignment, a status change) and
 * polled while there is no live socket (each thread then polls itself).
 */
export function useDeskChats(operator: { id: string; name: string; role: string }, connection: RealtimeStatus) {
  // The ref is for event handlers; the state copy is what renders.
  const stores = useRef(new Map<string, SessionThreadStore>());
  const [storeList, setStoreList] = useState<SessionThreadStore[]>([]);
  const publishStores = useCallback(() => setStoreList([...stores.current.values()]), []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [unread, setUnread] = useState<Record<string, number>>({});
  const [queue, setQueue] = useState<QueueItem[]>([]);
  // Who is *online* (takes chats): the header counts these, not every open dashboard (presence members).
  const [onlineNames, setOnlineNames] = useState<string[] | null>(null);

  const addSession = useCallback(
    (id: string) => {
      if (stores.current.has(id)) return;
      const store = new SessionThreadStore(id, "operator", operator.name);
      store.start();
      stores.current.set(id, store);
      publishStores();
    },
    [operator.name, publishStores],
  );

  const removeSession = useCallback(
    (id: string) => {
      stores.current.get(id)?.stop();
      stores.current.delete(id);
      publishStores();
      setSelectedId((current) => (current === id ? null : current));
      setUnread(({ [id]: _gone, ...rest }) => rest);
    },
    [publishStores],
  );

  /** A closed or ticketed chat stays on screen (ended) until dismissed: its thread re-reads its state. */
  const refreshSession = useCallback((id: string) => void stores.current.get(id)?.refresh(), []);

  const loadSessions = useCallback(async () => {
    const mine = await chatApi.mySessions().catch(() => null);
    if (!mine) return;
    for (const session of mine) addSession(session.id);
    // Chats that changed while we were away from the socket: closed ones stay (ended), transferred ones go.
    for (const [id, store] of stores.current) {
      if (mine.some((s) => s.id === id)) continue;
      await store.refresh();
      const info = store.getSnapshot().info;
      if (info?.status === "active" && info.operator?.id !== operator.id && operator.role !== "admin") removeSession(id);
    }
  }, [addSession, operator.id, operator.role, removeSession]);

  // Queue changes also carry operators' status changes (reason "operator"): one reload keeps both current.
  const loadQueue = useCallback(async () => {
    const [items, online] = await Promise.all([chatApi.queue().catch(() => null), chatApi.onlineOperators().catch(() => null)]);
    if (items) setQueue(items);
    if (online) setOnlineNames(online.map((o) => o.name));
  }, []);

  useEffect(() => {
    void loadSessions().then(loadQueue);
    const all = stores.current;
    return () => {
      for (const store of all.values()) store.stop();
    };
  }, [loadSessions, loadQueue]);

  useEffect(() => {
    if (connection === "connected") return;
    const timer = setInterval(() => {
      void loadSessions();
      void loadQueue();
    }, FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [connection, loadSessions, loadQueue]);

  const onUnread = useCallback((id: string, count: number) => {
    setUnread((current) => (current[id] === count ? current : { ...current, [id]: count }));
  }, []);

  return {
    stores: storeList,
    // Nothing chosen yet: the oldest chat.
    selected: storeList.find((s) => s.sessionId === selectedId) ?? storeList[0] ?? null,
    setSelectedId,
    totalUnread: Object.values(unread).reduce((sum, n) => sum + n, 0),
    onUnread,
    queue,
    onlineNames,
    addSession,
    removeSession,
    refreshSession,
    loadSessions,
    loadQueue,
  };
}
