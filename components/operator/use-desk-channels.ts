"use client";
import { useEffect, useRef } from "react";
import type Pusher from "pusher-js";
import { bindEvent, type RealtimeEventData } from "@/lib/realtime/events";
import { EVENTS, PRESENCE_OPERATORS_CHANNEL, QUEUE_CHANNEL, operatorChannel } from "@/lib/realtime/channels";

export interface DeskChannelHandlers {
  /** The operator's channel was (re)subscribed: after a reconnect, re-read what may have been missed. */
  onSubscribed: () => void;
  onAssigned: (data: RealtimeEventData<typeof EVENTS.sessionAssigned>) => void;
  onUnassigned: (data: RealtimeEventData<typeof EVENTS.sessionUnassigned>) => void;
  onOperatorUpdated: (data: RealtimeEventData<typeof EVENTS.operatorUpdated>) => void;
  onAlert: (data: RealtimeEventData<typeof EVENTS.operatorAlert>) => void;
  /** The queue (or an operator's status, which travels with it) changed, or the queue channel was (re)subscribed. */
  onQueueChanged: () => void;
}

/**
 * The desk's realtime channels: the operator's own, the queue, and presence on the operators' channel (being there is
 * what tells the desk this dashboard is open). Subscribed once per connection; the handlers may change every render.
 */
export function useDeskChannels(pusher: Pusher | null, operatorId: string, handlers: DeskChannelHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    if (!pusher) return;
    let queueTimer: ReturnType<typeof setTimeout> | undefined;
    const own = pusher.subscribe(operatorChannel(operatorId));
    own.bind("pusher:subscription_succeeded", () => latest.current.onSubscribed());
    bindEvent(own, EVENTS.sessionAssigned, (data) => latest.current.onAssigned(data));
    bindEvent(own, EVENTS.sessionUnassigned, (data) => latest.current.onUnassigned(data));
    bindEvent(own, EVENTS.operatorUpdated, (data) => latest.current.onOperatorUpdated(data));
    bindEvent(own, EVENTS.operatorAlert, (data) => latest.current.onAlert(data));

    const queue = pusher.subscribe(QUEUE_CHANNEL);
    queue.bind("pusher:subscription_succeeded", () => latest.current.onQueueChanged());
    // Bursts of queue changes (a wave of escalations) come down to one reload.
    queue.bind(EVENTS.queueUpdated, () => {
      clearTimeout(queueTimer);
      queueTimer = setTimeout(() => latest.current.onQueueChanged(), 250);
    });

    pusher.subscribe(PRESENCE_OPERATORS_CHANNEL);

    return () => {
      clearTimeout(queueTimer);
      pusher.unsubscribe(operatorChannel(operatorId));
      pusher.unsubscribe(QUEUE_CHANNEL);
      pusher.unsubscribe(PRESENCE_OPERATORS_CHANNEL);
    };
  }, [pusher, operatorId]);
}
