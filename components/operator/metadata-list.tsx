"use client";
import { useTranslations } from "use-intl";
import { sourceKind } from "@/lib/i18n/source-kind";

/**
 * The chatbot's metadata as a definition list: known keys in words ("Lingua: Italiano", "Origine: chat web"), other
 * keys as the chatbot sent them; nested values are shown as compact JSON.
 */
export function MetadataList({ metadata, empty }: { metadata: unknown; empty: string }) {
  const t = useTranslations("common");
  const entries = metadata && typeof metadata === "object" && !Array.isArray(metadata) ? Object.entries(metadata as Record<string, unknown>) : [];
  if (entries.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  const keyLabel = (key: string) => (t.has(`metadataKeys.${key}` as "source") ? t(`metadataKeys.${key}` as "source") : key);
  const valueLabel = (key: string, value: unknown) => {
    if (key === "source" && typeof value === "string") return t(`source.${sourceKind(value, { metadata })}`);
    if (key === "locale" && (value === "it" || value === "en")) return t(`languages.${value}`);
    return typeof value === "string" ? value : JSON.stringify(value);
  };
  return (
    <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="truncate font-medium text-slate-600">{keyLabel(key)}</dt>
          <dd className="break-words text-slate-900">{valueLabel(key, value)}</dd>
        </div>
      ))}
    </dl>
  );
}
