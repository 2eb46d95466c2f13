"use client";
import Link from "next/link";
import { useTranslations } from "use-intl";
import { withParam } from "@/lib/admin/search-params";

const link = "rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
const disabled = "rounded-lg border border-slate-200 px-3 py-1.5 text-sm text-slate-400";

/**
 * Previous / next for every paged admin list. A server-rendered list gives `basePath` and its current `query`, and the
 * links keep the filters; a list loaded in the browser gives `onPage` and gets buttons.
 */
export function Pagination({
  page,
  totalPages,
  ...target
}: { page: number; totalPages: number } & ({ basePath: string; query: Record<string, string> } | { onPage: (page: number) => void })) {
  const t = useTranslations("admin.ui");
  const step = (to: number, enabled: boolean, rel: "prev" | "next", label: string) => {
    if (!enabled) {
      return (
        <span className={disabled} aria-disabled="true">
          {label}
        </span>
      );
    }
    if ("onPage" in target) {
      return (
        <button type="button" className={link} onClick={() => target.onPage(to)}>
          {label}
        </button>
      );
    }
    return (
      <Link className={link} href={`${target.basePath}${withParam(target.query, "page", to)}`} rel={rel}>
        {label}
      </Link>
    );
  };
  return (
    <nav aria-label={t("pagination")} className="mt-4 flex items-center justify-between gap-3">
      {step(page - 1, page > 1, "prev", t("previous"))}
      <span className="text-sm text-slate-600">{t("page", { page, pages: totalPages })}</span>
      {step(page + 1, page < totalPages, "next", t("next"))}
    </nav>
  );
}
