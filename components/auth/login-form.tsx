"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { authClient } from "@/lib/auth/auth-client";
import { landingPath } from "@/lib/auth/safe-return-path";
import { signInFailure, type SignInFailure } from "@/lib/auth/sign-in-failure";
import { FormAlert, FormField, SubmitButton } from "@/components/auth/form-field";

type Notice = "passwordSet" | "signedOut" | null;

/**
 * Email + password sign-in (better-auth). On success goes to `next` (a same-site path checked by the page) or, when
 * nothing was asked for, to the person's landing page: /admin for admins, /operator for operators.
 */
export function LoginForm({ next, notice }: { next: string | null; notice: Notice }) {
  const t = useTranslations("auth.login");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ reason: SignInFailure; status: number } | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const { data, error: failure } = await authClient.signIn.email({
      email: String(form.get("email") ?? "").trim(),
      password: String(form.get("password") ?? ""),
    });
    if (failure) {
      setBusy(false);
      setError({ reason: signInFailure(failure), status: failure.status });
      return;
    }
    router.replace(next ?? landingPath((data?.user as { role?: string } | undefined)?.role ?? "operator"));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      {notice && !error ? <FormAlert tone="success">{t(notice)}</FormAlert> : null}
      {error ? <FormAlert tone="error">{t(error.reason, { status: error.status, origin: typeof window === "undefined" ? "" : window.location.origin })}</FormAlert> : null}
      <FormField id="email" name="email" type="email" label={t("email")} autoComplete="username" required autoFocus />
      <FormField id="password" name="password" type="password" label={t("password")} autoComplete="current-password" required />
      <SubmitButton busy={busy} label={t("submit")} busyLabel={t("submitting")} />
      <p className="text-xs text-slate-600">{t("forgot")}</p>
    </form>
  );
}
