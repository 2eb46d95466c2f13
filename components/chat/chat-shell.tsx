"use client";
import { useEffect, useSyncExternalStore } from "react";
import { useTranslations } from "use-intl";

/** Asks the embedding page (embed.js) to close the panel, or closes the popup window the guide's snippet opened. */
function closeChatWindow(): void {
  if (window.parent !== window) window.parent.postMessage({ type: "sportello:close" }, "*");
  else window.close();
}

const noSubscription = () => () => undefined;
const isFramedOrPopup = () => Boolean(window.opener) || window.parent !== window;

/**
 * The customer chat's frame: a header with the title and, inside the embed panel or the guide's popup, a close
 * button (Escape works too). Fills the 400×600 popup, an iframe panel or a phone screen.
 */
export function ChatShell({
  embed,
  subtitle,
  actions,
  children,
}: {
  embed: boolean;
  subtitle: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  const t = useTranslations("chat");
  // Known only in the browser: opened as a popup by a script, or framed by the embed panel.
  const framedOrPopup = useSyncExternalStore(noSubscription, isFramedOrPopup, () => false);
  const closable = embed || framedOrPopup;

  useEffect(() => {
    if (!closable) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && window.parent !== window) closeChatWindow();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [closable]);

  return (
    <div className="flex h-dvh flex-col bg-slate-50">
      <header className="flex shrink-0 items-center gap-3 bg-brand-700 px-4 py-2.5 text-white shadow-sm">
        <span aria-hidden="true" className="hidden size-9 shrink-0 place-items-center rounded-full bg-white/15 text-sm font-bold min-[440px]:grid">
          S
        </span>
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-base leading-tight font-semibold">{t("title")}</h1>
          <p className="truncate text-sm leading-tight text-white/90">{subtitle}</p>
        </div>
        {actions}
        {closable ? (
          <button
            type="button"
            onClick={closeChatWindow}
            aria-label={t("closeWindow")}
            className="grid size-10 shrink-0 place-items-center rounded-lg text-2xl leading-none hover:bg-white/15 focus-visible:outline-white"
          >
            <span aria-hidden="true">×</span>
          </button>
        ) : null}
      </header>
      <main className="flex min-h-0 flex-1 flex-col">{children}</main>
    </div>
  );
}
