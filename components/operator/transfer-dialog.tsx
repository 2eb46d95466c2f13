"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { chatApi } from "@/components/chat/session-api";
import type { OnlineOperator } from "@/lib/schemas/operators";

/** Picks another online operator with a free seat (a modal <dialog>: focus stays inside, Escape cancels). */
export function TransferDialog({
  selfId,
  onTransfer,
  onClose,
}: {
  selfId: string;
  onTransfer: (operator: OnlineOperator) => Promise<void>;
  onClose: () => void;
}) {
  const t = useTranslations("operator.transfer");
  const dialog = useRef<HTMLDialogElement>(null);
  const [operators, setOperators] = useState<OnlineOperator[] | null>(null);
  const [choice, setChoice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
    let cancelled = false;
    chatApi
      .onlineOperators()
      .then((list) => {
        if (!cancelled) setOperators(list.filter((o) => o.id !== selfId));
      })
      .catch((e: Error) => {
        if (!cancelled) {
          setOperators([]);
          setError(e.message);
        }
      });
    return () => {
      cancelled = true;
    };
  }, [selfId]);

  const available = operators?.filter((o) => o.free_seats > 0) ?? [];

  return (
    <dialog
      ref={dialog}
      aria-labelledby="transfer-title"
      onClose={onClose}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-2xl bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        method="dialog"
        className="p-5"
        onSubmit={async (event) => {
          event.preventDefault();
          const target = available.find((o) => o.id === choice);
          if (!target) return;
          setBusy(true);
          setError(null);
          try {
            await onTransfer(target);
            dialog.current?.close();
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
            setBusy(false);
          }
        }}
      >
        <h2 id="transfer-title" className="text-lg font-semibold text-slate-900">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
        <fieldset className="mt-4 max-h-72 space-y-1 overflow-y-auto">
          <legend className="sr-only">{t("title")}</legend>
          {operators === null ? <p className="text-sm text-slate-600">{t("loading")}</p> : null}
          {operators !== null && operators.length === 0 ? <p className="text-sm text-slate-600">{t("none")}</p> : null}
          {operators?.map((operator) => (
            <label
              key={operator.id}
              className={`flex items-center gap-3 rounded-lg border px-3 py-2 ${
                operator.free_seats > 0 ? "cursor-pointer border-slate-200 hover:bg-slate-50 has-checked:border-brand-600 has-checked:bg-brand-50" : "border-slate-100 text-slate-500"
              }`}
            >
              <input
                type="radio"
                name="transfer-target"
                value={operator.id}
                disabled={operator.free_seats === 0}
                checked={choice === operator.id}
                onChange={() => setChoice(operator.id)}
                className="accent-brand-600"
              />
              <span className="flex-1 font-medium">{operator.name}</span>
              <span className="text-xs">{operator.free_seats > 0 ? t("seats", { free: operator.free_seats }) : t("full")}</span>
            </label>
          ))}
        </fieldset>
        {error ? (
          <p role="alert" className="mt-3 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" onClick={() => dialog.current?.close()} className="rounded-lg px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
            {t("cancel")}
          </button>
          <button
            type="submit"
            disabled={!choice || busy}
            className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:bg-slate-300 disabled:text-slate-600"
          >
            {t("submit")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
