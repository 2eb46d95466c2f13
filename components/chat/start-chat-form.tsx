"use client";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { FormAlert, FormField } from "@/components/auth/form-field";

export interface StartChatValues {
  email: string;
  question: string;
  name?: string;
}

/** Shown when the chat opens without ?email=&question= (or they were not valid): ask for them, then escalate. */
export function StartChatForm({
  initial,
  error,
  onSubmit,
}: {
  initial: Partial<StartChatValues>;
  error: string | null;
  onSubmit: (values: StartChatValues) => void;
}) {
  const t = useTranslations("chat.start");
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="m-auto w-full max-w-sm space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        setBusy(true);
        onSubmit({
          email: String(form.get("email") ?? ""),
          question: String(form.get("question") ?? ""),
          name: String(form.get("name") ?? "") || undefined,
        });
      }}
    >
      <div>
        <h2 className="text-lg font-semibold text-slate-900">{t("title")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      {error ? <FormAlert tone="error">{error}</FormAlert> : null}
      <FormField id="chat-name" name="name" label={t("name")} autoComplete="name" defaultValue={initial.name ?? ""} maxLength={200} />
      <FormField
        id="chat-email"
        name="email"
        type="email"
        label={t("email")}
        hint={t("emailHint")}
        autoComplete="email"
        defaultValue={initial.email ?? ""}
        required
        maxLength={320}
      />
      <div>
        <label htmlFor="chat-question" className="block text-sm font-medium text-slate-800">
          {t("question")}
        </label>
        <textarea
          id="chat-question"
          name="question"
          required
          rows={4}
          maxLength={4000}
          defaultValue={initial.question ?? ""}
          className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 focus:border-brand-600 focus:ring-2 focus:ring-brand-100 focus:outline-none"
        />
      </div>
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-lg bg-brand-600 px-4 py-2.5 font-medium text-white shadow-sm hover:bg-brand-700 disabled:opacity-70"
      >
        {busy ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
