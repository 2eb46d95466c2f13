import { useTranslations } from "use-intl";

/** The dashboard's search box, above the chat list (the header stays one row): a plain GET form, works without script. */
export function DashboardSearchForm() {
  const t = useTranslations("contacts.search");
  return (
    <form role="search" action="/operator/search" method="get" className="flex items-center gap-1 border-b border-slate-200 p-2">
      <label htmlFor="dashboard-search" className="sr-only">
        {t("label")}
      </label>
      <input
        id="dashboard-search"
        name="q"
        type="search"
        required
        maxLength={200}
        placeholder={t("title")}
        className="min-w-0 flex-1 rounded-lg border border-slate-300 px-2.5 py-1.5 text-sm"
      />
      <button type="submit" className="rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
        {t("submit")}
      </button>
    </form>
  );
}
