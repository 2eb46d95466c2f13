"use client";
import { useEffect } from "react";
import type { SessionThreadStore } from "@/components/chat/session-thread-store";

/**
 * Read receipts for a thread on screen: whenever a message arrives, the tab becomes visible or the window gets focus
 * while the tab is visible, what the other side wrote counts as read.
 */
export function useReadReceipts(store: SessionThreadStore, messageCount: number): void {
  useEffect(() => {
    const read = () => {
      if (document.visibilityState === "visible") store.markRead();
    };
    read();
    document.addEventListener("visibilitychange", read);
    window.addEventListener("focus", read);
    return () => {
      document.removeEventListener("visibilitychange", read);
      window.removeEventListener("focus", read);
    };
  }, [store, messageCount]);
}
