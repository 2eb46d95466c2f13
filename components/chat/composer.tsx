"use client";
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslations } from "use-intl";
import { ATTACHMENT_TYPES } from "@/lib/attachments/attachment-types";

const MAX_LENGTH = 4000;
const ACCEPT = ATTACHMENT_TYPES.join(",");

/** An add-on that owns the box's text and sees keys first: the operator's canned-response picker. */
export interface ComposerAssist {
  text: string;
  setText: (text: string) => void;
  onChange: (text: string, caret: number) => void;
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  inputProps: Record<string, string | undefined>;
  /** Placeholders still to fill in (`{{customer.name}}`): the message is not sent while there are any. */
  unfilled: string[];
}

/** Message box: Enter sends, Shift+Enter adds a line; typing is reported (throttled by the store). */
export function Composer({
  onSend,
  onTyping,
  disabled,
  autoFocus,
  onAttach,
  assist,
  panel,
}: {
  onSend: (body: string) => void;
  onTyping: () => void;
  disabled?: boolean;
  autoFocus?: boolean;
  /** Attach an image or PDF: picked, pasted (a screenshot) or dropped on the box. */
  onAttach?: (file: File) => void;
  assist?: ComposerAssist;
  /** Shown above the box (the assist's list). */
  panel?: ReactNode;
}) {
  const t = useTranslations("chat.composer");
  const [ownText, setOwnText] = useState("");
  const [text, setText] = assist ? [assist.text, assist.setText] : [ownText, setOwnText];
  const blocked = (assist?.unfilled.length ?? 0) > 0;
  const area = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();

  function submit() {
    const body = text.trim();
    if (!body || disabled || blocked) return;
    onSend(body);
    setText("");
    area.current?.focus();
  }

  return (
    <form
      className="relative flex items-end gap-2 border-t border-slate-200 bg-white p-2 sm:p-3"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onDragOver={(event) => {
        if (onAttach && !disabled && event.dataTransfer.types.includes("Files")) event.preventDefault();
      }}
      onDrop={(event) => {
        const file = event.dataTransfer.files[0];
        if (!onAttach || disabled || !file) return;
        event.preventDefault();
        onAttach(file);
      }}
    >
      {panel}
      {onAttach ? (
        <label className="flex h-11 shrink-0 cursor-pointer items-center rounded-xl border border-slate-300 px-3 text-slate-700 focus-within:ring-2 focus-within:ring-brand-600 hover:bg-slate-50">
          <input
            type="file"
            accept={ACCEPT}
            disabled={disabled}
            className="sr-only"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) onAttach(file);
              event.target.value = "";
            }}
          />
          <span aria-hidden="true">📎</span>
          <span className="sr-only">{t("attach")}</span>
        </label>
      ) : null}
      <label htmlFor={`${hintId}-input`} className="sr-only">
        {t("label")}
      </label>
      <textarea
        id={`${hintId}-input`}
        ref={area}
        value={text}
        rows={1}
        maxLength={MAX_LENGTH}
        disabled={disabled}
        autoFocus={autoFocus}
        aria-describedby={hintId}
        {...assist?.inputProps}
        placeholder={t("placeholder")}
        className="field-sizing-content max-h-40 min-h-11 flex-1 resize-none rounded-xl border border-slate-300 bg-white px-3 py-2.5 text-[15px] text-slate-900 placeholder:text-slate-500 focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none disabled:bg-slate-100"
        onChange={(event) => {
          if (assist) assist.onChange(event.target.value, event.target.selectionStart);
          else setText(event.target.value);
          if (event.target.value.trim()) onTyping();
        }}
        onPaste={(event) => {
          const file = event.clipboardData.files[0];
          if (!onAttach || !file) return;
          event.preventDefault();
          onAttach(file);
        }}
        onKeyDown={(event) => {
          if (assist?.onKeyDown(event)) return;
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            submit();
          }
        }}
      />
      <span id={hintId} className="sr-only">
        {t("hint")}
      </span>
      <button
        type="submit"
        disabled={disabled || !text.trim() || blocked}
        className="h-11 shrink-0 rounded-xl bg-brand-600 px-4 font-medium text-white shadow-sm transition hover:bg-brand-700 disabled:bg-slate-300 disabled:text-slate-600"
      >
        {t("send")}
      </button>
    </form>
  );
}
