// Per-client limits of the bundled server, so one client (or one address) cannot exhaust it. Defaults follow Pusher's
// published limits where it has one (client events, event size) and stay generous elsewhere: the operator dashboard
// holds one socket with several channels (queue, presence, its own, one per open chat) and an admin may follow many.

export interface ClientLimits {
  /** Open sockets per client address (the socket's peer, or what the trusted proxies say). Over it: close 4100. */
  maxConnectionsPerIp: number;
  /** Channels one socket may be subscribed to at once. Over it: pusher:subscription_error with status 429. */
  maxChannelsPerConnection: number;
  /**
   * Sustained frames per second per socket. A socket may first send a burst of maxChannelsPerConnection + this many
   * frames (a reconnecting pusher-js resubscribes every channel at once). Over it: pusher:error and close 4101.
   */
  maxFramesPerSecond: number;
  /** Client events (`client-*`) per second per socket, Pusher's limit. Over it: the event is dropped, pusher:error 4301. */
  maxClientEventsPerSecond: number;
  /** Largest frame a client may send. Over it: close 1009 (the WebSocket "message too big" code). */
  maxFrameBytes: number;
}

export const DEFAULT_CLIENT_LIMITS: Readonly<ClientLimits> = {
  maxConnectionsPerIp: 100,
  maxChannelsPerConnection: 100,
  maxFramesPerSecond: 20,
  maxClientEventsPerSecond: 10,
  // Pusher's 10 KB event data, plus room for the envelope and JSON escaping of that data.
  maxFrameBytes: 20 * 1024,
};

/** Token bucket: `capacity` at once, refilled at `perSecond`. */
export class RateBucket {
  private tokens: number;
  private updatedAt = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
  ) {
    this.tokens = capacity;
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Open sockets per client address. */
export class AddressCounter {
  private readonly counts = new Map<string, number>();

  /** Counts one more socket for `address` unless that would pass `max`. */
  tryAdd(address: string, max: number): boolean {
    const count = this.counts.get(address) ?? 0;
    if (count >= max) return false;
    this.counts.set(address, count + 1);
    return true;
  }

  remove(address: string): void {
    const count = (this.counts.get(address) ?? 0) - 1;
    if (count > 0) this.counts.set(address, count);
    else this.counts.delete(address);
  }
}
