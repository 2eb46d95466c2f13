// The customer's keys to their chats, kept by the browser that opened them (docs/security.md): the session id in
// the address opens nothing by itself. localStorage when the page may use it (a framed page in a browser that
// blocks its storage keeps them for the page's lifetime only).
const PREFIX = "sportello.session-key.";
const memory = new Map<string, string>();

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function storedKey(sessionId: string): string | null {
  try {
    return storage()?.getItem(PREFIX + sessionId) ?? memory.get(sessionId) ?? null;
  } catch {
    return memory.get(sessionId) ?? null;
  }
}

export function storeKey(sessionId: string, key: string): void {
  memory.set(sessionId, key);
  try {
    storage()?.setItem(PREFIX + sessionId, key);
  } catch {
    // Storage full or blocked: the in-memory copy serves this page.
  }
}

export function forgetKey(sessionId: string): void {
  memory.delete(sessionId);
  try {
    storage()?.removeItem(PREFIX + sessionId);
  } catch {
    // nothing stored
  }
}

/** The header that proves this browser is the chat's customer, when it is. */
export function keyHeader(sessionId: string): Record<string, string> {
  const key = storedKey(sessionId);
  return key ? { "x-session-key": key } : {};
}
