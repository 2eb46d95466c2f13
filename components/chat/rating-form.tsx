"use client";
import { useId, useState } from "react";
import { useTranslations } from "use-intl";
import { ApiCallError, NETWORK_ERROR } from "@/components/shared/api-client";
import type { RatingBody } from "@/lib/csat/csat-schemas";

/**
 * CSAT: 1–5 as a radio group (arrow keys move between stars, as any radio group) and an optional comment. Used at the
 * end of a chat and on a resolved ticket's page; `submit` is the call for that conversation.
 */
export function RatingForm({ submit, initialScore = null }: { submit: (body: RatingBody) => Promise<unknown>; initialScore?: number | null }) {
  const t = useTranslations("customer.rating");
  const id = useId();
  const [score, setScore] = useState<number | null>(null);
  const [state, setState] = useState<"idle" | "sending" | "done" | "already" | "off" | "error">(initialScore ? "already" : "idle");
  if (state === "done" || state === "already" || state === "off") {
    return (
      <p role="status" className="mt-3 text-sm text-emerald-800">
        {t(state === "done" ? "thanks" : state)}
      </p>
    );
  }
  return (
    <form
      className="mt-3 space-y-2"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!score) return;
        const comment = String(new FormData(event.currentTarget).get("comment") ?? "").trim();
        setState("sending");
        try {
          await submit({ score, ...(comment ? { comment } : {}) });
          setState("done");
        } catch (error) {
          const code = error instanceof ApiCallError ? error.code : NETWORK_ERROR;
          setState(code === "CONFLICT" ? "already" : code === "INVALID_STATE" ? "off" : "error");
        }
      }}
    >
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">{t("question")}</legend>
        <div className="mt-1 flex gap-1">
          {[1, 2, 3, 4, 5].map((value) => (
            <label key={value} className="cursor-pointer">
              <input type="radio" name={`${id}-score`} value={value} className="peer sr-only" checked={score === value} onChange={() => setScore(value)} />
              <span
                aria-hidden="true"
                className={`block rounded-md px-1 text-2xl leading-none peer-focus-visible:outline-2 peer-focus-visible:outline-brand-600 ${score !== null && value <= score ? "text-amber-600" : "text-slate-400"}`}
              >
                ★
              </span>
              <span className="sr-only">{t("score", { score: value })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor={`${id}-comment`} className="block text-sm text-slate-800">
        {t("comment")}
      </label>
      <textarea id={`${id}-comment`} name="comment" rows={2} maxLength={2000} className="block w-full rounded-lg border border-slate-300 px-2 py-1 text-sm text-slate-900" />
      <button type="submit" disabled={!score || state === "sending"} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {t("send")}
      </button>
      {state === "error" ? (
        <p role="alert" className="text-sm text-red-700">
          {t("error")}
        </p>
      ) : null}
    </form>
  );
}
