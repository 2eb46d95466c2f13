"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { authClient } from "@/lib/auth/auth-client";
import { FormAlert, FormField, SubmitButton } from "@/components/auth/form-field";

type Notice = "passwordSet" | "signedOut" | null;

/** Email + password sign-in (better-auth). On success goes to `next`, a same-site path checked by the page. */
export function LoginForm({ next, notice }: { next: string; notice: Notice }) {
  const t = useTranslations("auth.login");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<"invalid" | "rateLimited" | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const { error: failure } = await authClient.signIn.email({
      email: String(form.get("email") ?? "").trim(),
      password: String(form.get("password") ?? ""),
    });
    if (failure) {
      setBusy(false);
      setError(failure.status === 429 ? "rateLimited" : "invalid");
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      {notice && !error ? <FormAlert tone="success">{t(notice)}</FormAlert> : null}
      {error ? <FormAlert tone="error">{t(error)}</FormAlert> : null}
      <FormField id="email" name="email" type="email" label={t("email")} autoComplete="username" required autoFocus />
      <FormField id="password" name="password" type="password" label={t("password")} autoComplete="current-password" required />
      <SubmitButton busy={busy} label={t("submit")} busyLabel={t("submitting")} />
      <p className="text-xs text-slate-600">{t("forgot")}</p>
    </form>
  );
}
