// Who did something, as recorded in audit events and on messages.
export type Actor =
  | { type: "operator"; id: string; role: "operator" | "admin" | "supervisor" }
  | { type: "api_key"; id: string; role: "admin" | "chatbot" }
  | { type: "customer"; id: string }
  | { type: "system"; id: null };

export const SYSTEM_ACTOR: Actor = { type: "system", id: null };
