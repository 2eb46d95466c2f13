// Browser calls for notes, whispers, take-over and the floor (types from the contracts in lib/schemas/supervision).
import { apiCall } from "@/components/shared/api-client";
import type { FloorView, NoteView } from "@/lib/schemas/supervision";

const sessionPath = (id: string) => `/api/chat/sessions/${encodeURIComponent(id)}`;

export const supervisionApi = {
  notes: (id: string) => apiCall<NoteView[]>(`${sessionPath(id)}/notes`),
  addNote: (id: string, body: string, whisper = false) => apiCall<NoteView>(`${sessionPath(id)}/notes`, { method: "POST", body: { body, whisper } }),
  takeOver: (id: string) => apiCall<{ id: string; operator: { id: string; name: string } }>(`${sessionPath(id)}/take-over`, { method: "POST" }),
  floor: () => apiCall<FloorView>("/api/chat/floor"),
};
