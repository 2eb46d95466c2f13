"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { authClient } from "@/lib/auth/auth-client";
import { FormAlert, FormField, SubmitButton } from "@/components/auth/form-field";

// Matches emailAndPassword.minPasswordLength in lib/auth/auth.ts; the server checks it again.
export const MIN_PASSWORD_LENGTH = 10;

/** Sets the password from an invite or setup link (a better-auth reset token), then sends the operator to sign in. */
export function SetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth.setPassword");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<"tooShort" | "mismatch" | "invalidToken" | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password.length < MIN_PASSWORD_LENGTH) return setError("tooShort");
    if (password !== String(form.get("confirm") ?? "")) return setError("mismatch");
    setBusy(true);
    setError(null);
    const { error: failure } = await authClient.resetPassword({ newPassword: password, token });
    if (failure) {
      setBusy(false);
      setError(failure.status === 400 && /PASSWORD_TOO_SHORT/.test(failure.code ?? "") ? "tooShort" : "invalidToken");
      return;
    }
    router.replace("/login?notice=passwordSet");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <FormAlert tone="error">{t(error, { min: MIN_PASSWORD_LENGTH })}</FormAlert> : null}
      <FormField
        id="password"
        name="password"
        type="password"
        label={t("password")}
        hint={t("hint", { min: MIN_PASSWORD_LENGTH })}
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        maxLength={128}
        required
        autoFocus
      />
      <FormField id="confirm" name="confirm" type="password" label={t("confirm")} autoComplete="new-password" required />
      <SubmitButton busy={busy} label={t("submit")} busyLabel={t("submitting")} />
    </form>
  );
}
