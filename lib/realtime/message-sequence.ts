// Keeps a chat thread whole although Pusher may drop events: messages are ordered and de-duplicated by their
// per-session seq, and a hole in the sequence tells the client what to fetch from the API. Browser-safe, pure.
import type { MessageView } from "@/lib/conversations/message-view";

export type ThreadMessage = MessageView & { truncated?: boolean };

export interface ThreadState {
  /** Sorted by seq, one entry per seq. */
  messages: ThreadMessage[];
  /** Seqs at or below this are not expected (history before the first page the client loaded). */
  base: number;
  /** The highest seq up to which the thread has no hole. */
  contiguousSeq: number;
}

export const emptyThread: ThreadState = { messages: [], base: 0, contiguousSeq: 0 };

function contiguousFrom(base: number, messages: ThreadMessage[]): number {
  let seq = base;
  for (const message of messages) {
    if (message.seq <= seq) continue;
    if (message.seq !== seq + 1 || message.truncated) break;
    seq = message.seq;
  }
  return seq;
}

/** Adds messages from an event or an API page; a full body replaces a truncated one, never the other way round. */
export function mergeMessages(state: ThreadState, incoming: ThreadMessage[], base = state.base): ThreadState {
  if (incoming.length === 0 && base === state.base) return state;
  const bySeq = new Map(state.messages.map((m) => [m.seq, m]));
  for (const message of incoming) {
    const held = bySeq.get(message.seq);
    if (held && !held.truncated && message.truncated) continue;
    bySeq.set(message.seq, message);
  }
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return { messages, base, contiguousSeq: contiguousFrom(base, messages) };
}

/** Whether the thread has a hole up to `lastSeq` (the server's last_seq, or a just-received event's seq). */
export function hasGap(state: ThreadState, lastSeq: number): boolean {
  return state.contiguousSeq < lastSeq;
}

/** The highest seq held, for read receipts. */
export function lastSeqOf(state: ThreadState): number {
  return state.messages.at(-1)?.seq ?? state.base;
}
