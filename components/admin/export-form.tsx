"use client";
import { useTranslations } from "use-intl";
import { InputField } from "@/components/admin/form-fields";
import { primaryButton, secondaryButton } from "@/components/admin/form-styles";
import { Card } from "@/components/admin/page-header";

/** A plain GET form: each button submits the same range to its own CSV endpoint, and the browser downloads it. */
export function ExportForm({ from, to }: { from: string; to: string }) {
  const t = useTranslations("admin.export");
  return (
    <Card>
      <form method="get" action="/api/admin/export/tickets" className="flex flex-wrap items-end gap-4">
        <InputField id="exp-from" name="from" type="date" required defaultValue={from} label={t("from")} />
        <InputField id="exp-to" name="to" type="date" required defaultValue={to} label={t("to")} />
        <button type="submit" className={primaryButton} formAction="/api/admin/export/tickets">
          {t("tickets")}
        </button>
        <button type="submit" className={secondaryButton} formAction="/api/admin/export/sessions">
          {t("sessions")}
        </button>
      </form>
      <p className="mt-4 text-xs text-slate-500">{t("note")}</p>
    </Card>
  );
}
