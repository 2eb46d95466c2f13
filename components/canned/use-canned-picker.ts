"use client";
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { apiFetch } from "@/components/shared/api-client";
import { stillCarries, unfilledVariables } from "@/lib/canned/render-canned-response";
import type { CannedResponseView } from "@/lib/schemas/canned-responses";

/** `/` then up to 40 shortcut characters, right before the caret, at the start of the text or after a space. */
const TRIGGER = /(?:^|\s)\/([\p{L}\p{N}_-]{0,40})$/u;
const SHOWN = 8;

export type CannedTarget = { sessionId: string } | { ticketId: string };

export interface CannedPickerState {
  text: string;
  setText: (text: string) => void;
  /** The textarea's change: keeps the text and looks for a `/shortcut` before the caret. */
  onChange: (text: string, caret: number) => void;
  /** Keys while the list is open (arrows, Enter/Tab, Escape); true when the picker took the key. */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** ARIA for the textarea: it drives the listbox (aria-controls / aria-activedescendant). */
  inputProps: { "aria-autocomplete": "list"; "aria-controls"?: string; "aria-activedescendant"?: string };
  open: boolean;
  listId: string;
  optionId: (index: number) => string;
  results: CannedResponseView[];
  active: number;
  setActive: (index: number) => void;
  insert: (item: CannedResponseView) => void;
  /** Placeholders left in the draft (an unknown or empty variable): the message is not sent while there are any. */
  unfilled: string[];
  /** The responses inserted since the last send and still in `message`, for its canned_response_ids; clears them. */
  takeUsed: (message: string) => string[];
}

/**
 * The canned-response picker's state for one message box: the `/query` being typed, the matching responses rendered
 * for the conversation in view (GET /api/chat/canned-responses?q=&session_id= or ticket_id=), the highlighted one,
 * and the ids inserted so far (several per message).
 */
export function useCannedPicker(target: CannedTarget): CannedPickerState {
  const [text, setTextState] = useState("");
  const [trigger, setTrigger] = useState<{ query: string; start: number; end: number } | null>(null);
  const [results, setResults] = useState<CannedResponseView[]>([]);
  const [active, setActive] = useState(0);
  const used = useRef<Map<string, string>>(new Map());
  const field = useRef<HTMLTextAreaElement | null>(null);
  const caretAfterInsert = useRef<number | null>(null);
  const listId = useId();
  const targetKey = "sessionId" in target ? `session_id=${encodeURIComponent(target.sessionId)}` : `ticket_id=${encodeURIComponent(target.ticketId)}`;
  const query = trigger?.query ?? null;

  useEffect(() => {
    if (query === null) return;
    let current = true;
    void apiFetch<CannedResponseView[]>(`/api/chat/canned-responses?q=${encodeURIComponent(query)}&${targetKey}&limit=${SHOWN}`).then((result) => {
      if (!current) return;
      setResults(result.ok ? result.data : []);
      setActive(0);
    });
    return () => {
      current = false;
    };
  }, [query, targetKey]);

  const open = trigger !== null && results.length > 0;

  // Right after the inserted text is committed, before the next keystroke lands: the caret goes to its end.
  useLayoutEffect(() => {
    const caret = caretAfterInsert.current;
    if (caret === null || !field.current) return;
    caretAfterInsert.current = null;
    field.current.focus();
    field.current.setSelectionRange(caret, caret);
  }, [text]);

  function setText(next: string) {
    setTextState(next);
    setTrigger(null);
    if (!next) used.current.clear();
  }

  function onChange(next: string, caret: number) {
    setTextState(next);
    // An emptied box starts a new message: nothing inserted so far counts.
    if (!next) used.current.clear();
    const match = TRIGGER.exec(next.slice(0, caret));
    setTrigger(match ? { query: match[1], start: caret - match[1].length - 1, end: caret } : null);
    if (!match) setResults([]);
  }

  function insert(item: CannedResponseView) {
    if (!trigger) return;
    const filled = item.rendered?.text ?? Object.values(item.bodies)[0] ?? "";
    const next = text.slice(0, trigger.start) + filled + text.slice(trigger.end);
    used.current.set(item.id, filled);
    caretAfterInsert.current = trigger.start + filled.length;
    setTextState(next);
    setTrigger(null);
    setResults([]);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    field.current = event.currentTarget;
    if (!open) return false;
    switch (event.key) {
      case "ArrowDown":
        setActive((i) => (i + 1) % results.length);
        break;
      case "ArrowUp":
        setActive((i) => (i - 1 + results.length) % results.length);
        break;
      case "Enter":
      case "Tab":
        if (event.shiftKey || event.nativeEvent.isComposing) return false;
        insert(results[active] ?? results[0]);
        break;
      case "Escape":
        setTrigger(null);
        setResults([]);
        break;
      default:
        return false;
    }
    event.preventDefault();
    return true;
  }

  const optionId = (index: number) => `${listId}-option-${index}`;
  return {
    text,
    setText,
    onChange,
    onKeyDown,
    inputProps: { "aria-autocomplete": "list", ...(open ? { "aria-controls": listId, "aria-activedescendant": optionId(active) } : {}) },
    open,
    listId,
    optionId,
    results,
    active,
    setActive,
    insert,
    unfilled: unfilledVariables(text),
    takeUsed: (message) => {
      const ids = [...used.current].filter(([, inserted]) => stillCarries(message, inserted)).map(([id]) => id);
      used.current.clear();
      return ids;
    },
  };
}
