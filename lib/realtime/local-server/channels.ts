import { internalMessage } from "./protocol";

/** What the registry needs from a connection: an id and a way to push a serialized frame. */
export interface Subscriber {
  readonly socketId: string;
  send(frame: string): void;
}

export interface PresenceMember {
  userId: string;
  userInfo: unknown;
}

export interface ChannelInfo {
  occupied: boolean;
  subscriptionCount: number;
  /** Only for presence channels. */
  userCount?: number;
}

export interface PresenceSnapshot {
  ids: string[];
  hash: Record<string, unknown>;
  count: number;
}

interface PresenceUser {
  info: unknown;
  sockets: Set<string>;
}

interface ChannelState {
  subscribers: Map<string, Subscriber>;
  /** Present only on presence channels. A user may hold several sockets but counts once. */
  users?: Map<string, PresenceUser>;
  userBySocket?: Map<string, string>;
}

/** In-memory channel membership for one app. Empty channels are dropped so `occupied` stays truthful. */
export class ChannelRegistry {
  private readonly channels = new Map<string, ChannelState>();
  private readonly channelsBySocket = new Map<string, Set<string>>();

  isSubscribed(socketId: string, channel: string): boolean {
    return this.channels.get(channel)?.subscribers.has(socketId) ?? false;
  }

  channelCount(socketId: string): number {
    return this.channelsBySocket.get(socketId)?.size ?? 0;
  }

  /** Adds the subscriber; on presence channels announces a newly present user to everyone else. */
  subscribe(subscriber: Subscriber, channel: string, member?: PresenceMember): void {
    const state = this.channelState(channel, member !== undefined);
    state.subscribers.set(subscriber.socketId, subscriber);
    this.socketChannels(subscriber.socketId).add(channel);
    if (member && state.users && state.userBySocket) {
      state.userBySocket.set(subscriber.socketId, member.userId);
      const existing = state.users.get(member.userId);
      if (existing) {
        existing.sockets.add(subscriber.socketId);
        return;
      }
      state.users.set(member.userId, { info: member.userInfo, sockets: new Set([subscriber.socketId]) });
      const added = internalMessage(
        "pusher_internal:member_added",
        { user_id: member.userId, user_info: member.userInfo },
        channel,
      );
      this.publish(channel, added, subscriber.socketId);
    }
  }

  /** Removes the subscriber; the user leaves a presence channel only with their last socket. */
  unsubscribe(socketId: string, channel: string): void {
    const state = this.channels.get(channel);
    if (!state?.subscribers.delete(socketId)) return;
    this.channelsBySocket.get(socketId)?.delete(channel);
    const userId = state.userBySocket?.get(socketId);
    if (userId !== undefined && state.users && state.userBySocket) {
      state.userBySocket.delete(socketId);
      const user = state.users.get(userId);
      user?.sockets.delete(socketId);
      if (user && user.sockets.size === 0) {
        state.users.delete(userId);
        this.publish(channel, internalMessage("pusher_internal:member_removed", { user_id: userId }, channel));
      }
    }
    if (state.subscribers.size === 0) this.channels.delete(channel);
  }

  removeSocket(socketId: string): void {
    for (const channel of [...(this.channelsBySocket.get(socketId) ?? [])]) {
      this.unsubscribe(socketId, channel);
    }
    this.channelsBySocket.delete(socketId);
  }

  /** Sends a pre-serialized frame to every subscriber except `exceptSocketId`. */
  publish(channel: string, frame: string, exceptSocketId?: string): void {
    const state = this.channels.get(channel);
    if (!state) return;
    for (const [socketId, subscriber] of state.subscribers) {
      if (socketId !== exceptSocketId) subscriber.send(frame);
    }
  }

  /** The presence user a socket joined `channel` as, used to stamp `user_id` on client events. */
  memberOf(channel: string, socketId: string): string | undefined {
    return this.channels.get(channel)?.userBySocket?.get(socketId);
  }

  presence(channel: string): PresenceSnapshot {
    const users = this.channels.get(channel)?.users ?? new Map<string, PresenceUser>();
    const hash: Record<string, unknown> = {};
    for (const [id, user] of users) hash[id] = user.info;
    return { ids: [...users.keys()], hash, count: users.size };
  }

  info(channel: string): ChannelInfo {
    const state = this.channels.get(channel);
    const info: ChannelInfo = { occupied: state !== undefined, subscriptionCount: state?.subscribers.size ?? 0 };
    if (channel.startsWith("presence-")) info.userCount = state?.users?.size ?? 0;
    return info;
  }

  occupiedChannels(): string[] {
    return [...this.channels.keys()];
  }

  presenceUserIds(channel: string): string[] {
    return [...(this.channels.get(channel)?.users?.keys() ?? [])];
  }

  private channelState(channel: string, isPresence: boolean): ChannelState {
    let state = this.channels.get(channel);
    if (!state) {
      state = { subscribers: new Map() };
      if (isPresence) {
        state.users = new Map();
        state.userBySocket = new Map();
      }
      this.channels.set(channel, state);
    }
    return state;
  }

  private socketChannels(socketId: string): Set<string> {
    let channels = this.channelsBySocket.get(socketId);
    if (!channels) {
      channels = new Set();
      this.channelsBySocket.set(socketId, channels);
    }
    return channels;
  }
}
