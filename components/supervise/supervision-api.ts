// Browser calls for notes, whispers, take-over and the floor (types from the contracts in lib/schemas/supervision).
import { call } from "@/components/chat/session-api";
import type { FloorView, NoteView } from "@/lib/schemas/supervision";

const sessionPath = (id: string) => `/api/chat/sessions/${encodeURIComponent(id)}`;

export const supervisionApi = {
  notes: (id: string) => call<NoteView[]>(`${sessionPath(id)}/notes`),
  addNote: (id: string, body: string, whisper = false) => call<NoteView>(`${sessionPath(id)}/notes`, { method: "POST", json: { body, whisper } }),
  takeOver: (id: string) => call<{ id: string; operator: { id: string; name: string } }>(`${sessionPath(id)}/take-over`, { method: "POST" }),
  floor: () => call<FloorView>("/api/chat/floor"),
};
