"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { ChatShell } from "@/components/chat/chat-shell";
import { CustomerSessionGate } from "@/components/chat/customer-session-gate";
import { StartChatForm, type StartChatValues } from "@/components/chat/start-chat-form";
import { chatApi } from "@/components/chat/session-api";
import { ApiCallError } from "@/components/shared/api-client";
import { FaqPrelude } from "@/components/faq/faq-prelude";
import { TicketCard } from "@/components/chat/ticket-card";
import { escalationKey, forgetEscalationKey } from "@/components/chat/escalation-key";
import type { RequestOperatorResult } from "@/lib/schemas/escalation";
import type { Locale } from "@/lib/i18n/config";

export interface CustomerChatProps {
  sessionId: string | null;
  /** From a resume link (`?resume=`): moves the open conversation to this browser. */
  resumeToken: string | null;
  /** From ?email=&question= (the guide's popup link) or the embed button: with both, escalate straight away. */
  start: Partial<StartChatValues>;
  token: string | null;
  locale: Locale;
  embed: boolean;
  /** The built-in FAQ bot is on: it gets the question first, and escalates only if it cannot answer or is asked to. */
  faqBot: boolean;
}

type Stage =
  | { kind: "session"; sessionId: string }
  | { kind: "faq"; values: StartChatValues; resolved: boolean }
  | { kind: "escalating" }
  | { kind: "form"; values: Partial<StartChatValues>; error: string | null }
  | { kind: "ticket"; result: Extract<RequestOperatorResult, { type: "ticket_created" }> }
  | { kind: "conversation_open"; recipient: string | null }
  | { kind: "error"; message: string; values: StartChatValues };

/** The customer's chat page: an existing session, or the escalation itself, then the live chat. */
export function CustomerChat({ sessionId, resumeToken, start, token, locale, embed, faqBot }: CustomerChatProps) {
  const t = useTranslations("chat");
  const complete = useMemo(
    () => (start.email && start.question ? { email: start.email, question: start.question, name: start.name } : null),
    [start.email, start.question, start.name],
  );
  const [stage, setStage] = useState<Stage>(() =>
    sessionId
      ? { kind: "session", sessionId }
      : complete
        ? faqBot
          ? { kind: "faq", values: complete, resolved: false }
          : { kind: "escalating" }
        : { kind: "form", values: start, error: null },
  );
  // Set by the first escalation, so the link's automatic start below never runs after another one.
  const escalationStarted = useRef(false);

  const escalate = useCallback(
    async (values: StartChatValues, faq?: { botAnswer: string; matchedQuestion?: string }) => {
      escalationStarted.current = true;
      setStage({ kind: "escalating" });
      const body = {
        user_id: `web:${values.email.trim().toLowerCase()}`,
        user_email: values.email.trim(),
        user_name: values.name?.trim() || undefined,
        question: values.question.trim(),
        priority: "medium" as const,
        locale,
        metadata: {
          source: "customer-chat",
          ...(embed ? { embed: true } : {}),
          // The operator sees what the FAQ bot already answered before the customer asked for a person.
          ...(faq ? { faq_bot_answer: faq.botAnswer.slice(0, 2000), faq_matched_question: faq.matchedQuestion } : {}),
        },
      };
      try {
        const result = await chatApi
          // One key per page and question, kept for the tab: a reload of the same page gets the same answer back (the
          // same ticket) instead of a second conversation.
          .requestOperator(token ? { ...body, identity_token: token } : body, escalationKey(values, "signed"))
          .catch((error: unknown) => {
            // A signed identity that does not verify (expired, wrong site...): the customer still gets help, unverified.
            if (token && error instanceof ApiCallError && error.code === "INVALID_IDENTITY_TOKEN") {
              return chatApi.requestOperator(body, escalationKey(values, "anonymous"));
            }
            throw error;
          });
        if (result.type === "ticket_created") return setStage({ kind: "ticket", result });
        // From now on the address is the session's: a reload reopens the chat instead of escalating again.
        const url = new URL(window.location.href);
        for (const name of ["email", "question", "name", "token"]) url.searchParams.delete(name);
        url.searchParams.set("session", result.session_id);
        window.history.replaceState(null, "", url);
        setStage({ kind: "session", sessionId: result.session_id });
      } catch (error) {
        // This user already has an open conversation elsewhere: its owner got a link by email, this page gets nothing.
        if (error instanceof ApiCallError && error.code === "CONVERSATION_OPEN") {
          const details = (error.details ?? {}) as { resume_link_sent?: boolean; recipient_hint?: string };
          return setStage({ kind: "conversation_open", recipient: details.resume_link_sent ? (details.recipient_hint ?? null) : null });
        }
        if (error instanceof ApiCallError && error.status === 400) {
          const details = Array.isArray(error.details) ? (error.details as { path: string }[]).map((d) => d.path).join(", ") : error.message;
          return setStage({ kind: "form", values, error: t("errors.invalid", { details }) });
        }
        const message =
          error instanceof ApiCallError && error.status === 429
            ? t("errors.rateLimited")
            : error instanceof ApiCallError && error.status >= 500
              ? t("errors.unavailable")
              : t("errors.network");
        setStage({ kind: "error", message, values });
      }
    },
    [embed, locale, t, token],
  );

  // A question from the form or the link: the FAQ bot's turn first when it is on, otherwise straight to a person.
  const ask = (values: StartChatValues) => (faqBot ? setStage({ kind: "faq", values, resolved: false }) : void escalate(values));

  // The link carried everything and the bot is off: start once (the ref also keeps React's development double
  // effects from escalating twice).
  useEffect(() => {
    if (stage.kind === "escalating" && complete && !escalationStarted.current) void escalate(complete);
  }, [escalate, stage.kind, complete]);

  if (stage.kind === "session") return <CustomerSessionGate sessionId={stage.sessionId} resumeToken={stage.sessionId === sessionId ? resumeToken : null} embed={embed} />;

  return (
    <ChatShell embed={embed} subtitle={t("subtitle")}>
      <div className="flex flex-1 flex-col overflow-y-auto px-4 py-6">
        {stage.kind === "escalating" ? (
          <p role="status" className="m-auto flex items-center gap-3 text-slate-700">
            <span aria-hidden="true" className="size-5 animate-spin rounded-full border-2 border-brand-600 border-t-transparent" />
            {t("connecting")}
          </p>
        ) : null}
        {stage.kind === "faq" ? (
          <>
            <FaqPrelude
              question={stage.values.question.trim()}
              locale={locale}
              onEscalate={(faq) => void escalate(stage.values, faq)}
              onResolved={() => setStage({ ...stage, resolved: true })}
            />
            {stage.resolved ? (
              <button
                type="button"
                className="mx-auto mt-4 rounded-lg px-4 py-2 text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
                onClick={() => setStage({ kind: "form", values: { email: stage.values.email, name: stage.values.name }, error: null })}
              >
                {t("askAnother")}
              </button>
            ) : null}
          </>
        ) : null}
        {stage.kind === "form" ? <StartChatForm initial={stage.values} error={stage.error} onSubmit={ask} /> : null}
        {stage.kind === "ticket" ? (
          <TicketCard
            number={stage.result.ticket_number}
            ticketUrl={stage.result.ticket_url}
            replyVia={stage.result.reply_via}
            onNewConversation={() => {
              // A new question is a new conversation: the page forgets the link's question and its key.
              forgetEscalationKey();
              const url = new URL(window.location.href);
              url.searchParams.delete("question");
              window.history.replaceState(null, "", url);
              setStage({ kind: "form", values: { email: start.email, name: start.name }, error: null });
            }}
          />
        ) : null}
        {stage.kind === "conversation_open" ? (
          <section aria-labelledby="open-title" className="m-auto w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-5 text-slate-900">
            <h2 id="open-title" className="text-lg font-semibold">
              {t("access.conversationOpenTitle")}
            </h2>
            <p role="status" className="mt-2 text-slate-700">
              {stage.recipient ? t("access.conversationOpenSent", { recipient: stage.recipient }) : t("access.conversationOpenNotSent")}
            </p>
          </section>
        ) : null}
        {stage.kind === "error" ? (
          <div className="m-auto max-w-sm text-center">
            <p role="alert" className="text-slate-800">
              {stage.message}
            </p>
            <button
              type="button"
              className="mt-4 rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
              onClick={() => void escalate(stage.values)}
            >
              {t("errors.retry")}
            </button>
          </div>
        ) : null}
      </div>
    </ChatShell>
  );
}
