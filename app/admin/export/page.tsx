import { createTranslator } from "use-intl/core";
import { inputClass, labelClass, primaryButton, secondaryButton } from "@/components/admin/form-styles";
import { Card, PageHeader } from "@/components/admin/page-header";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.export" })("title") };
}

export default async function AdminExportPage() {
  await requireOperatorPage({ role: "admin", returnTo: "/admin/export" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.export" });
  const today = new Date();
  const to = today.toISOString().slice(0, 10);
  const from = new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <Card>
        {/* A plain GET form: each button submits the same range to its own CSV endpoint, and the browser downloads it. */}
        <form method="get" action="/api/admin/export/tickets" className="flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor="exp-from" className={labelClass}>
              {t("from")}
            </label>
            <input id="exp-from" name="from" type="date" required defaultValue={from} className={inputClass} />
          </div>
          <div>
            <label htmlFor="exp-to" className={labelClass}>
              {t("to")}
            </label>
            <input id="exp-to" name="to" type="date" required defaultValue={to} className={inputClass} />
          </div>
          <button type="submit" className={primaryButton} formAction="/api/admin/export/tickets">
            {t("tickets")}
          </button>
          <button type="submit" className={secondaryButton} formAction="/api/admin/export/sessions">
            {t("sessions")}
          </button>
        </form>
        <p className="mt-4 text-xs text-slate-500">{t("note")}</p>
      </Card>
    </>
  );
}
