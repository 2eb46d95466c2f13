// One chat session as a browser sees it, kept whole over an unreliable realtime link: the API is the truth, Pusher
// events are a fast path, and any hole in the message sequence (missed event, reconnect, truncated body) is
// backfilled from the API by seq. Framework-free; React reads it through useSyncExternalStore.
import type Pusher from "pusher-js";
import type { Channel } from "pusher-js";
import { EVENTS, sessionChannel } from "@/lib/realtime/channels";
import { bindEvent, type RealtimeEventData } from "@/lib/realtime/events";
import { CLIENT_TYPING_EVENT, type TypingEventData } from "@/lib/realtime/client";
import { emptyThread, hasGap, lastSeqOf, mergeMessages, type ThreadMessage, type ThreadState } from "@/lib/realtime/message-sequence";
import { chatApi, type SessionView } from "@/components/chat/session-api";
import { ApiCallError } from "@/components/shared/api-client";

export type Side = "customer" | "operator";
export type SessionInfo = Omit<SessionView, "messages" | "has_more">;

export interface PendingMessage {
  clientId: string;
  body: string;
  state: "sending" | "failed";
  /** The highest seq held when it was sent: its echo must come after. */
  afterSeq: number;
  /** Canned responses inserted into it (lib/canned), sent along so their usage counts go up with it. */
  cannedResponseIds?: string[];
}

export interface ThreadSnapshot {
  info: SessionInfo | null;
  thread: ThreadState;
  pending: PendingMessage[];
  /** The other side is typing (name when known). */
  typing: { name: string | null } | null;
  error: "not_found" | "unavailable" | null;
  /** Whether events arrive live right now (socket connected and channel subscribed). */
  live: boolean;
  /** The public ticket page, when the session.updated that turned the chat into a ticket carried it. */
  ticketUrl: string | null;
}




const POLL_MS = 4_000;
const TYPING_SHOW_MS = 5_000;
const TYPING_SEND_EVERY_MS = 2_500;
const MAX_BACKFILL_PAGES = 20;

const isOpen = (status: SessionInfo["status"] | undefined) => status === undefined || status === "queued" || status === "active";

export class SessionThreadStore {
  private snapshot: ThreadSnapshot = { info: null, thread: emptyThread, pending: [], typing: null, error: null, live: false, ticketUrl: null };
  private readonly listeners = new Set<() => void>();
  private channel: Channel | null = null;
  private pusher: Pusher | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private lastTypingSent = 0;
  private readSent = 0;
  private started = false;
  private readonly onConnectionChange = () => this.updateLive();

  constructor(
    readonly sessionId: string,
    private readonly side: Side,
    private readonly selfName: string | null = null,
  ) {}

  // --- React glue ---------------------------------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ThreadSnapshot => this.snapshot;

  private set(patch: Partial<ThreadSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  // --- lifecycle ----------------------------------------------------------------------------------------------------

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.refresh();
    // Polling covers whatever realtime cannot: no Pusher configured, a socket that is down, a refused subscription.
    this.pollTimer = setInterval(() => {
      if (!this.snapshot.live && isOpen(this.snapshot.info?.status)) void this.refresh();
    }, POLL_MS);
  }

  stop(): void {
    this.started = false;
    clearInterval(this.pollTimer);
    clearTimeout(this.typingTimer);
    this.detach();
  }

  /** Attaches (or re-attaches) the realtime client; null means "no realtime", and polling carries the thread. */
  attach(pusher: Pusher | null): void {
    if (pusher === this.pusher) return;
    this.detach();
    this.pusher = pusher;
    if (!pusher) return;
    const channel = pusher.subscribe(sessionChannel(this.sessionId));
    this.channel = channel;
    // Fires on the first subscription and again after every reconnect: whatever was published meanwhile is fetched.
    channel.bind("pusher:subscription_succeeded", () => {
      this.updateLive();
      void this.refresh().then(() => this.flushWantedTyping());
    });
    channel.bind("pusher:subscription_error", () => this.updateLive());
    bindEvent(channel, EVENTS.messageCreated, (data) => this.receiveMessage(data));
    bindEvent(channel, EVENTS.sessionUpdated, (data) => this.receiveSessionUpdate(data));
    bindEvent(channel, EVENTS.messageRead, (data) => this.receiveRead(data));
    bindEvent(channel, EVENTS.messageStatus, (data) => this.receiveDeliveryStatus(data));
    channel.bind(CLIENT_TYPING_EVENT, (data: TypingEventData) => this.receiveTyping(data));
    pusher.connection.bind("state_change", this.onConnectionChange);
    this.updateLive();
  }

  private detach(): void {
    if (this.pusher) {
      this.pusher.connection.unbind("state_change", this.onConnectionChange);
      this.pusher.unsubscribe(sessionChannel(this.sessionId));
    }
    this.channel = null;
    this.pusher = null;
    this.updateLive();
  }

  private updateLive(): void {
    const live = Boolean(this.pusher && this.pusher.connection.state === "connected" && this.channel?.subscribed);
    if (live !== this.snapshot.live) this.set({ live });
  }

  // --- reading ------------------------------------------------------------------------------------------------------

  /** Fetches the session and every message after the contiguous run; single-flight, re-run once if asked meanwhile. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.refreshAgain = false;
          await this.fetchMissing();
        } while (this.refreshAgain);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private async fetchMissing(): Promise<void> {
    for (let page = 0; page < MAX_BACKFILL_PAGES; page++) {
      const first = this.snapshot.info === null;
      let view: SessionView;
      try {
        view = await chatApi.session(this.sessionId, this.snapshot.thread.contiguousSeq);
      } catch (error) {
        if (error instanceof ApiCallError && error.status === 404) this.set({ error: "not_found" });
        // Anything else (offline, 5xx) is retried by the poll or the next reconnect.
        return;
      }
      const { messages, has_more: hasMore, ...info } = view;
      const thread = mergeMessages(this.snapshot.thread, messages);
      this.set({ info: this.mergeInfo(info, first), thread, error: null, pending: this.withoutEchoed(this.snapshot.pending, thread) });
      if (!hasMore && !hasGap(thread, info.last_seq)) return;
      if (messages.length === 0) return; // nothing more to get now: a later event or poll retries
    }
  }

  /** A fresh API answer wins, except for read marks and last_seq, which only move forward. */
  private mergeInfo(info: SessionInfo, first: boolean): SessionInfo {
    const held = this.snapshot.info;
    if (first || !held) return info;
    return {
      ...info,
      last_seq: Math.max(info.last_seq, held.last_seq),
      customer_read_seq: Math.max(info.customer_read_seq, held.customer_read_seq),
      operator_read_seq: Math.max(info.operator_read_seq, held.operator_read_seq),
    };
  }

  private receiveMessage(message: ThreadMessage): void {
    if (message.session_id && message.session_id !== this.sessionId) return;
    const thread = mergeMessages(this.snapshot.thread, [message]);
    const info = this.snapshot.info ? { ...this.snapshot.info, last_seq: Math.max(this.snapshot.info.last_seq, message.seq) } : null;
    const typing = message.sender === this.otherSide() ? null : this.snapshot.typing;
    this.set({ thread, info, typing, pending: this.withoutEchoed(this.snapshot.pending, thread) });
    if (hasGap(thread, message.seq)) void this.refresh();
  }

  private receiveSessionUpdate(update: RealtimeEventData<"session.updated">): void {
    const info = this.snapshot.info;
    if (!info) return void this.refresh();
    const next: SessionInfo = {
      ...info,
      status: update.status,
      ...(update.operator !== undefined ? { operator: update.operator } : {}),
      ...(update.position !== undefined ? { position: update.position } : {}),
      ...(update.estimated_wait !== undefined ? { estimated_wait: update.estimated_wait } : {}),
      ...(update.ticket_number !== undefined ? { ticket_number: update.ticket_number } : {}),
      ...(update.promise_due_at !== undefined ? { promise_due_at: update.promise_due_at } : {}),
    };
    this.set({ info: next, ...(isOpen(update.status) ? {} : { typing: null }), ...(update.ticket_url ? { ticketUrl: update.ticket_url } : {}) });
    // A change of status carries more than the event says (assignment time, ticket number, closing message).
    if (update.status !== info.status) void this.refresh();
  }

  private receiveRead(read: RealtimeEventData<"message.read">): void {
    const info = this.snapshot.info;
    if (!info) return;
    const key = read.reader === "customer" ? "customer_read_seq" : "operator_read_seq";
    if (read.seq > info[key]) this.set({ info: { ...info, [key]: read.seq } });
  }

  /** WhatsApp delivery receipts (sent, delivered, read, failed) for messages already in the thread. */
  private receiveDeliveryStatus(update: RealtimeEventData<"message.status">): void {
    const { thread } = this.snapshot;
    if (!thread.messages.some((m) => m.seq === update.seq)) return;
    const messages = thread.messages.map((m) => (m.seq === update.seq ? { ...m, delivery_status: update.delivery_status } : m));
    this.set({ thread: { ...thread, messages } });
  }

  private receiveTyping(data: TypingEventData): void {
    if (data.sender === this.side) return;
    clearTimeout(this.typingTimer);
    if (!data.typing) return this.set({ typing: null });
    this.set({ typing: { name: data.name ?? null } });
    this.typingTimer = setTimeout(() => this.set({ typing: null }), TYPING_SHOW_MS);
  }

  private otherSide(): Side {
    return this.side === "customer" ? "operator" : "customer";
  }

  // --- writing ------------------------------------------------------------------------------------------------------

  /** `cannedResponseIds`: canned responses the operator inserted, counted when the message is stored. */
  async send(body: string, cannedResponseIds?: string[]): Promise<void> {
    const text = body.trim();
    if (!text) return;
    const pending: PendingMessage = { clientId: crypto.randomUUID(), body: text, state: "sending", afterSeq: lastSeqOf(this.snapshot.thread), cannedResponseIds };
    this.set({ pending: [...this.snapshot.pending, pending] });
    this.sendTyping(false);
    await this.deliver(pending);
  }

  async retry(clientId: string): Promise<void> {
    const pending = this.snapshot.pending.find((p) => p.clientId === clientId);
    if (!pending) return;
    const again = { ...pending, state: "sending" as const };
    this.set({ pending: this.snapshot.pending.map((p) => (p.clientId === clientId ? again : p)) });
    await this.deliver(again);
  }

  discard(clientId: string): void {
    this.set({ pending: this.snapshot.pending.filter((p) => p.clientId !== clientId) });
  }

  private async deliver(pending: PendingMessage): Promise<void> {
    try {
      const message = await chatApi.postMessage(this.sessionId, pending.body, this.side, pending.clientId, pending.cannedResponseIds);
      const thread = mergeMessages(this.snapshot.thread, [message]);
      this.set({ thread, pending: this.snapshot.pending.filter((p) => p.clientId !== pending.clientId) });
      if (hasGap(thread, message.seq)) void this.refresh();
    } catch (error) {
      this.set({ pending: this.snapshot.pending.map((p) => (p.clientId === pending.clientId ? { ...p, state: "failed" } : p)) });
      // A closed session refuses messages: pick up the new status.
      if (error instanceof ApiCallError && error.status === 409) void this.refresh();
    }
  }

  /** A message the realtime echo (or a backfill) already brought in stops being shown as pending. */
  private withoutEchoed(pending: PendingMessage[], thread: ThreadState): PendingMessage[] {
    if (pending.length === 0) return pending;
    const mine = thread.messages.filter((m) => m.sender === this.side);
    const claimed = new Set<string>();
    return pending.filter((p) => {
      if (p.state !== "sending") return true;
      const echo = mine.find((m) => m.seq > p.afterSeq && m.body === p.body && !claimed.has(m.id));
      if (!echo) return true;
      claimed.add(echo.id);
      return false;
    });
  }

  /** Read receipt up to the last message held; sent only when it moves forward. */
  markRead(): void {
    const seq = lastSeqOf(this.snapshot.thread);
    const info = this.snapshot.info;
    const key = this.side === "customer" ? "customer_read_seq" : "operator_read_seq";
    const alreadyRead = Math.max(this.readSent, info ? info[key] : 0);
    if (seq <= alreadyRead) return;
    this.readSent = seq;
    // Unread badges clear at once; the server's message.read confirms (read marks only move forward).
    if (info) this.set({ info: { ...info, [key]: seq } });
    chatApi.markRead(this.sessionId, seq).catch(() => {
      this.readSent = 0; // try again next time
    });
  }

  private typingWantedAt = 0;

  private flushWantedTyping(): void {
    if (this.typingWantedAt && Date.now() - this.typingWantedAt < TYPING_SHOW_MS) this.sendTyping(true);
  }

  /** Tells the other side we are typing (client event, throttled); `false` clears their indicator at once. */
  sendTyping(typing = true): void {
    const channel = this.channel;
    if (!channel?.subscribed || !isOpen(this.snapshot.info?.status)) {
      // Typing right after opening a chat, before its channel is subscribed: told as soon as it is.
      this.typingWantedAt = typing ? Date.now() : 0;
      return;
    }
    this.typingWantedAt = 0;
    const now = Date.now();
    if (typing && now - this.lastTypingSent < TYPING_SEND_EVERY_MS) return;
    if (!typing && this.lastTypingSent === 0) return;
    this.lastTypingSent = typing ? now : 0;
    const data: TypingEventData = { sender: this.side, name: this.selfName, typing };
    channel.trigger(CLIENT_TYPING_EVENT, data);
  }
}
