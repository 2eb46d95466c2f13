"use client";
import { useTranslations } from "use-intl";

/** "Giulia sta scrivendo…", with three dots that stay still for people who prefer reduced motion. */
export function TypingIndicator({ name }: { name: string | null }) {
  const t = useTranslations("chat");
  return (
    <p className="flex items-center gap-2 px-4 pb-3 text-sm text-slate-600" data-testid="typing-indicator">
      <span aria-hidden="true" className="flex gap-0.5">
        {[0, 150, 300].map((delay) => (
          <span key={delay} className="size-1.5 rounded-full bg-slate-400 motion-safe:animate-bounce" style={{ animationDelay: `${delay}ms` }} />
        ))}
      </span>
      {name ? t("typing", { name }) : t("someoneTyping")}
    </p>
  );
}
