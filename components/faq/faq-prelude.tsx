"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import type { FaqAnswerResult } from "@/lib/faq/faq-schemas";
import type { Locale } from "@/lib/i18n/config";
import { apiFetch } from "@/components/shared/api-client";

export interface FaqPreludeProps {
  /** The customer's question, as they typed it (or as the embed link carried it). */
  question: string;
  locale: Locale;
  /**
   * Go on to a human (call POST /api/chat/request-operator). Called once: right away when the bot is off, unsure
   * (confidence below the escalation threshold) or unreachable, or when the customer picks "💬 Parla con operatore".
   */
  /** `botAnswer`: what the bot already told the customer, so the operator does not repeat it. */
  onEscalate: (context?: { botAnswer: string; matchedQuestion?: string }) => void;
  /** The customer picked "✅ Risolto": the bot's answer was enough; no chat, no ticket. */
  onResolved: () => void;
}

type State =
  | { kind: "asking" }
  | { kind: "answered"; answer: string; matchedQuestion?: string; choice: boolean; resolved: boolean }
  | { kind: "handed_over" };

/**
 * The built-in FAQ bot's turn before a human: asks POST /api/faq/answer and, following the guide's policy, shows the
 * answer (sure), the answer with the two quick replies (fairly sure), or steps aside at once (unsure, off, or down —
 * the bot never stands between a customer and a person).
 */
export function FaqPrelude({ question, locale, onEscalate, onResolved }: FaqPreludeProps) {
  const t = useTranslations("faq.prelude");
  const [state, setState] = useState<State>({ kind: "asking" });
  // A new question starts over (state reset while rendering, as React recommends over an effect).
  const [asked, setAsked] = useState({ question, locale });
  if (asked.question !== question || asked.locale !== locale) {
    setAsked({ question, locale });
    setState({ kind: "asking" });
  }
  // The parent's callbacks may change identity on every render; that must not repeat the request.
  const callbacks = useRef({ onEscalate, onResolved });
  useEffect(() => {
    callbacks.current = { onEscalate, onResolved };
  });
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  // One outcome per question: a double click or a late answer never escalates twice.
  const settled = useRef(false);

  const escalate = () => {
    if (settled.current) return;
    settled.current = true;
    const shown = stateRef.current;
    setState({ kind: "handed_over" });
    callbacks.current.onEscalate(shown.kind === "answered" ? { botAnswer: shown.answer, matchedQuestion: shown.matchedQuestion ?? undefined } : undefined);
  };
  const resolve = () => {
    if (settled.current) return;
    settled.current = true;
    setState((s) => (s.kind === "answered" ? { ...s, resolved: true } : s));
    callbacks.current.onResolved();
  };
  const escalateRef = useRef(escalate);
  useEffect(() => {
    escalateRef.current = escalate;
  });

  useEffect(() => {
    const controller = new AbortController();
    settled.current = false;
    void apiFetch<FaqAnswerResult>("/api/faq/answer", { method: "POST", body: { question, locale }, signal: controller.signal }).then((result) => {
      if (controller.signal.aborted) return;
      const data = result.ok ? result.data : null;
      if (!data?.enabled || data.decision === "escalate" || !data.answer) return escalateRef.current();
      setState({ kind: "answered", answer: data.answer, matchedQuestion: data.matched_question, choice: data.decision === "offer_choice", resolved: false });
    });
    return () => controller.abort();
  }, [question, locale]);

  if (state.kind === "handed_over") return null;

  return (
    <section aria-label={t("label")} className="mx-auto w-full max-w-md space-y-3">
      <div className="flex justify-end">
        <p className="max-w-[85%] rounded-2xl rounded-br-sm bg-brand-600 px-3.5 py-2 whitespace-pre-wrap text-white">{question}</p>
      </div>
      <div aria-live="polite" className="space-y-3">
        {state.kind === "asking" ? (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
            <span aria-hidden="true" className="size-4 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" />
            {t("thinking")}
          </p>
        ) : (
          <div className="flex gap-2">
            <span aria-hidden="true" className="grid size-8 shrink-0 place-items-center rounded-full bg-slate-200 text-base">
              💡
            </span>
            <div className="max-w-[85%] rounded-2xl rounded-bl-sm bg-white px-3.5 py-2 text-slate-900 shadow-sm ring-1 ring-slate-200">
              <p className="text-xs font-medium text-slate-500">{t("botName")}</p>
              {state.matchedQuestion ? <p className="mt-0.5 text-sm font-medium text-slate-800">{state.matchedQuestion}</p> : null}
              <p className="mt-1 whitespace-pre-wrap">{state.answer}</p>
            </div>
          </div>
        )}
        {state.kind === "answered" && !state.resolved && state.choice ? (
          <div role="group" aria-label={t("choiceLabel")} className="flex flex-wrap gap-2">
            <p className="w-full text-sm text-slate-700">{t("didItHelp")}</p>
            <button type="button" onClick={resolve} className="rounded-full border border-emerald-300 bg-white px-4 py-2 text-sm font-medium text-emerald-800 hover:bg-emerald-50">
              {t("resolved")}
            </button>
            <button type="button" onClick={escalate} className="rounded-full border border-brand-300 bg-white px-4 py-2 text-sm font-medium text-brand-800 hover:bg-brand-50">
              {t("escalate")}
            </button>
          </div>
        ) : null}
        {state.kind === "answered" && !state.resolved && !state.choice ? (
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
            <button type="button" onClick={resolve} className="rounded-full border border-emerald-300 bg-white px-4 py-2 font-medium text-emerald-800 hover:bg-emerald-50">
              {t("thanks")}
            </button>
            <button type="button" onClick={escalate} className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800">
              {t("stillNeedHuman")}
            </button>
          </div>
        ) : null}
        {state.kind === "answered" && state.resolved ? (
          <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {t("glad")}
          </p>
        ) : null}
      </div>
    </section>
  );
}
