"use client";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { ChatShell } from "@/components/chat/chat-shell";
import { SessionChat } from "@/components/chat/session-chat";
import { forgetKey, storedKey, storeKey } from "@/components/chat/customer-keys";
import { chatApi } from "@/components/chat/session-api";
import { ApiCallError } from "@/components/shared/api-client";

type Access =
  | { kind: "checking" }
  | { kind: "ready"; key: string }
  | { kind: "claimed"; link: "idle" | "sending" | { sent: boolean; recipient: string | null } }
  | { kind: "expired"; link: "idle" | "sending" | { sent: boolean; recipient: string | null } }
  | { kind: "not_found" }
  | { kind: "error" };

/**
 * Opens a chat only in the browser that holds its key: the key stored by this browser, or the one it gets by being
 * the first to open the chat's link, or by a resume link mailed to the chat's own address. Anyone else is offered
 * that link instead of the conversation.
 */
export function CustomerSessionGate({ sessionId, resumeToken, embed }: { sessionId: string; resumeToken: string | null; embed: boolean }) {
  const t = useTranslations("chat");
  const [access, setAccess] = useState<Access>(() => {
    const key = resumeToken ? null : storedKey(sessionId);
    return key ? { kind: "ready", key } : { kind: "checking" };
  });

  useEffect(() => {
    if (access.kind !== "checking") return;
    let cancelled = false;
    chatApi
      .claim(sessionId, resumeToken ?? undefined)
      .then((claim) => {
        storeKey(sessionId, claim.session_key);
        if (resumeToken) {
          // A resume link works once: keep it out of the address bar and the history.
          const url = new URL(window.location.href);
          url.searchParams.delete("resume");
          window.history.replaceState(null, "", url);
        }
        if (!cancelled) setAccess({ kind: "ready", key: claim.session_key });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const code = error instanceof ApiCallError ? error.code : "";
        setAccess(
          code === "SESSION_CLAIMED"
            ? { kind: "claimed", link: "idle" }
            : code === "LINK_EXPIRED"
              ? { kind: "expired", link: "idle" }
              : code === "NOT_FOUND"
                ? { kind: "not_found" }
                : { kind: "error" },
        );
      });
    return () => {
      cancelled = true;
    };
  }, [access.kind, sessionId, resumeToken]);

  // A key the server no longer accepts (the chat moved to another browser): forget it and ask again, which tells
  // this browser the chat is open elsewhere.
  const keyRejected = useCallback(() => {
    forgetKey(sessionId);
    setAccess({ kind: "checking" });
  }, [sessionId]);

  if (access.kind === "ready") return <SessionChat sessionId={sessionId} sessionKey={access.key} embed={embed} onKeyRejected={keyRejected} />;

  const requestLink = async () => {
    if (access.kind !== "claimed" && access.kind !== "expired") return;
    setAccess({ ...access, link: "sending" });
    try {
      const result = await chatApi.resumeLink(sessionId);
      setAccess({ ...access, link: { sent: result.sent, recipient: result.recipient_hint } });
    } catch {
      setAccess({ ...access, link: { sent: false, recipient: null } });
    }
  };

  return (
    <ChatShell embed={embed} subtitle={t("subtitle")}>
      <div className="flex flex-1 flex-col overflow-y-auto px-4 py-6">
        {access.kind === "checking" ? (
          <p role="status" className="m-auto text-slate-700">
            {t("access.checking")}
          </p>
        ) : null}
        {access.kind === "not_found" ? (
          <p role="alert" className="m-auto max-w-xs text-center text-slate-800">
            {t("errors.notFound")}
          </p>
        ) : null}
        {access.kind === "error" ? (
          <div className="m-auto max-w-sm text-center">
            <p role="alert" className="text-slate-800">
              {t("errors.network")}
            </p>
            <button type="button" className="mt-4 rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700" onClick={() => setAccess({ kind: "checking" })}>
              {t("errors.retry")}
            </button>
          </div>
        ) : null}
        {access.kind === "claimed" || access.kind === "expired" ? (
          <section aria-labelledby="access-title" className="m-auto w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-5 text-slate-900">
            <h2 id="access-title" className="text-lg font-semibold">
              {access.kind === "claimed" ? t("access.claimedTitle") : t("access.expired")}
            </h2>
            <p className="mt-2 text-slate-700">{t("access.claimedBody")}</p>
            {typeof access.link === "object" ? (
              <p role="status" className="mt-3 text-slate-800">
                {access.link.sent ? t("access.sent", { recipient: access.link.recipient ?? "" }) : t("access.notSent")}
              </p>
            ) : (
              <button
                type="button"
                disabled={access.link === "sending"}
                onClick={() => void requestLink()}
                className="mt-4 rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
              >
                {access.link === "sending" ? t("access.sending") : t("access.sendLink")}
              </button>
            )}
          </section>
        ) : null}
      </div>
    </ChatShell>
  );
}
