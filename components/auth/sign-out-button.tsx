"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { authClient } from "@/lib/auth/auth-client";
import { apiFetch } from "@/components/shared/api-client";

/**
 * Signs out. Operators go offline first, so the router stops sending customers to someone who has left; that call
 * is best effort (an admin page may sign out without being an operator on duty).
 */
export function SignOutButton({ className }: { className?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className={className ?? "rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"}
      onClick={async () => {
        setBusy(true);
        await apiFetch("/api/chat/operators/me", { method: "PATCH", body: { status: "offline" } });
        await authClient.signOut().catch(() => undefined);
        router.replace("/login?notice=signedOut");
        router.refresh();
      }}
    >
      {busy ? t("signingOut") : t("signOut")}
    </button>
  );
}
