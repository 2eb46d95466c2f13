"use client";
import { useCallback, useEffect, useState } from "react";
import type Pusher from "pusher-js";
import type { PresenceChannel } from "pusher-js";
import { EVENTS, sessionStaffChannel } from "@/lib/realtime/channels";
import type { NoteView } from "@/lib/schemas/supervision";
import { supervisionApi } from "@/components/supervise/supervision-api";

export interface Viewer {
  id: string;
  name: string;
  role: string;
}

type MemberInfo = { name?: string; role?: string };

function membersOf(channel: PresenceChannel): Viewer[] {
  const viewers: Viewer[] = [];
  channel.members.each((member: { id: string; info: MemberInfo }) => {
    viewers.push({ id: member.id, name: member.info?.name ?? member.id, role: member.info?.role ?? "operator" });
  });
  return viewers;
}

/**
 * A chat's staff side: its internal notes (loaded, then live) and who else is viewing it, both from the session's
 * staff presence channel (presence-session-…), which a customer can never join.
 */
export function useSessionStaff(sessionId: string, pusher: Pusher | null) {
  const [notes, setNotes] = useState<NoteView[]>([]);
  const [viewers, setViewers] = useState<Viewer[]>([]);

  const addNotes = useCallback((incoming: NoteView[]) => {
    setNotes((held) => {
      const byId = new Map(held.map((n) => [n.id, n]));
      for (const note of incoming) byId.set(note.id, note);
      return [...byId.values()].sort((a, b) => a.created_at.localeCompare(b.created_at));
    });
  }, []);

  const reload = useCallback(() => {
    supervisionApi.notes(sessionId).then(addNotes, () => undefined);
  }, [sessionId, addNotes]);

  useEffect(() => {
    reload();
    if (!pusher) return;
    const name = sessionStaffChannel(sessionId);
    const channel = pusher.subscribe(name) as PresenceChannel;
    const refreshViewers = () => setViewers(membersOf(channel));
    channel.bind("pusher:subscription_succeeded", () => {
      refreshViewers();
      // Notes written while this channel was not followed (a reconnect) come back from the API.
      reload();
    });
    channel.bind("pusher:member_added", refreshViewers);
    channel.bind("pusher:member_removed", refreshViewers);
    channel.bind(EVENTS.noteCreated, (note: NoteView) => addNotes([note]));
    return () => {
      pusher.unsubscribe(name);
      setViewers([]);
    };
  }, [sessionId, pusher, reload, addNotes]);

  const addNote = useCallback(
    async (body: string, whisper = false) => {
      addNotes([await supervisionApi.addNote(sessionId, body, whisper)]);
    },
    [sessionId, addNotes],
  );

  return { notes, viewers, addNote };
}
