// The Idempotency-Key of this page's escalation, kept in sessionStorage per tab and per question: reloading the
// guide's popup URL (?email=&question=) replays the first answer (the same ticket, the same chat) instead of opening
// a second one. A new question, or "start a new conversation", gets a new key.
const PREFIX = "sportello.escalation.";

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

const memory = new Map<string, string>();

export function escalationKey(values: { email: string; question: string }, variant: string): string {
  const slot = `${PREFIX}${variant}:${values.email.trim().toLowerCase()}\n${values.question.trim()}`;
  const stored = memory.get(slot) ?? storage()?.getItem(slot) ?? null;
  if (stored) return stored;
  const key = crypto.randomUUID();
  memory.set(slot, key);
  try {
    storage()?.setItem(slot, key);
  } catch {
    // Storage blocked: the key lives as long as the page.
  }
  return key;
}

/** Forgets every escalation key of this tab: the next question starts a new conversation. */
export function forgetEscalationKey(): void {
  memory.clear();
  const store = storage();
  if (!store) return;
  for (const name of Object.keys(store)) if (name.startsWith(PREFIX)) store.removeItem(name);
}
