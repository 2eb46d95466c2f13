"use client";
import { useTranslations } from "use-intl";

/** The dashboard's way to the operator's own canned responses (/operator/canned). */
export function CannedLink() {
  const t = useTranslations("canned");
  return (
    <a href="/operator/canned" className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
      {t("link")}
    </a>
  );
}
