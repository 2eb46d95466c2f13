"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { chatApi } from "@/components/chat/session-api";
import { ApiCallError } from "@/components/shared/api-client";
import type { SessionInfo } from "@/components/chat/session-thread-store";

/** How long before the promised time the page says so and puts the alternatives first. */
const LATE_MARGIN_MS = 60_000;
/** How long before business hours end the page offers the alternatives. */
const CLOSING_MARGIN_MS = 15 * 60_000;

/** True once a moment (the promise's due time, the desk's closing) is about to pass; re-evaluated every 15 s. */
function useAboutToPass(at: string | null | undefined, marginMs: number): boolean {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return at ? now >= new Date(at).getTime() - marginMs : false;
}

/**
 * While queued: leave a message instead (the chat becomes a ticket) or, with a phone and WhatsApp, continue there
 * keeping the place. Always reachable; when the promised time is about to pass it says so and opens by itself.
 */
export function WaitingOptions({ info, onTicketed }: { info: SessionInfo; onTicketed: () => void }) {
  const t = useTranslations("customer.waiting");
  const options = info.waiting_options;
  const promiseBreaking = useAboutToPass(info.promise_due_at, LATE_MARGIN_MS);
  const closing = useAboutToPass(options?.desk_closes_at, CLOSING_MARGIN_MS);
  const late = promiseBreaking || closing;
  const [state, setState] = useState<"idle" | "sending" | "need_email" | "error" | { whatsapp: string }>(
    options?.whatsapp_requested ? { whatsapp: "" } : "idle",
  );
  if (!options) return null;

  const leave = async (email?: string) => {
    setState("sending");
    try {
      await chatApi.leaveMessage(info.id, email ? { email } : {});
      onTicketed();
    } catch (error) {
      setState(error instanceof ApiCallError && error.code === "VALIDATION_ERROR" ? "need_email" : "error");
    }
  };
  const whatsapp = async () => {
    setState("sending");
    try {
      const result = await chatApi.continueOnWhatsapp(info.id);
      setState({ whatsapp: result.whatsapp_to });
    } catch {
      setState("error");
    }
  };

  return (
    <details open={late || state === "need_email" || undefined} className={`border-b px-4 py-2 text-sm ${late ? "border-amber-200 bg-amber-50 text-amber-950" : "border-slate-200 bg-white text-slate-800"}`}>
      <summary className="cursor-pointer font-medium">{closing ? t("closing") : late ? t("late") : t("title")}</summary>
      <div className="mt-2 flex flex-wrap items-start gap-3">
        {state === "need_email" ? (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              void leave(String(new FormData(event.currentTarget).get("email") ?? ""));
            }}
          >
            <label className="block">
              <span className="block text-xs">{t("needAddress")}</span>
              <input name="email" type="email" required maxLength={320} autoComplete="email" aria-label={t("email")} className="mt-1 rounded-md border border-slate-300 px-2 py-1 text-slate-900" />
            </label>
            <button type="submit" className="rounded-lg bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
              {t("send")}
            </button>
          </form>
        ) : (
          <div>
            <button
              type="button"
              disabled={state === "sending"}
              onClick={() => void leave()}
              className="rounded-lg bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            >
              {state === "sending" ? t("sending") : t("leaveMessage")}
            </button>
            <p className="mt-1 max-w-xs text-xs text-slate-700">{t("leaveMessageHint")}</p>
          </div>
        )}
        {options.continue_on_whatsapp ? (
          typeof state === "object" ? (
            <p role="status" className="max-w-xs text-emerald-900">
              {t("whatsappSent", { phone: state.whatsapp })}
            </p>
          ) : (
            <div>
              <button
                type="button"
                disabled={state === "sending"}
                onClick={() => void whatsapp()}
                className="rounded-lg border border-emerald-700 px-3 py-1.5 font-medium text-emerald-900 hover:bg-emerald-50 disabled:opacity-60"
              >
                {t("whatsapp")}
              </button>
              <p className="mt-1 max-w-xs text-xs text-slate-700">{t("whatsappHint")}</p>
            </div>
          )
        ) : null}
      </div>
      {state === "error" ? (
        <p role="alert" className="mt-2 text-red-700">
          {t("error")}
        </p>
      ) : null}
    </details>
  );
}
