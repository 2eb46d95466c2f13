"use client";
import Link from "next/link";
import { useFormatter, useTranslations } from "use-intl";
import { AdminTable } from "@/components/admin/admin-table";
import { tdClass } from "@/components/admin/form-styles";
import { useAuditLabels } from "@/components/admin/use-audit-labels";
import type { listAuditEvents } from "@/lib/admin/list-audit-events";

type AuditEventRow = Awaited<ReturnType<typeof listAuditEvents>>["events"][number];

/** Where an audit target can be looked at in the panel. */
function targetHref(target: AuditEventRow["target"], data: unknown): string | null {
  if (!target?.id) return null;
  if (target.type === "ticket") {
    const number = (data as { number?: unknown } | null)?.number;
    return `/admin/tickets/${typeof number === "number" ? number : target.id}`;
  }
  if (target.type === "setting") return "/admin/rules";
  if (target.type === "api_key") return "/admin/api-keys";
  if (target.type === "operator") return "/admin/operators";
  return null;
}

/** One page of the audit log: a sentence per event, a link to its target, the recorded data on demand. */
export function AuditTable({ events, total }: { events: AuditEventRow[]; total: number }) {
  const t = useTranslations("admin");
  const format = useFormatter();
  const label = useAuditLabels();
  return (
    <>
      <p className="mb-2 text-sm text-slate-600" role="status">
        {t("ui.results", { total })}
      </p>
      <AdminTable
        columns={(["at", "action", "target", "details"] as const).map((c) => t(`audit.columns.${c}`))}
        items={events}
        loadingLabel={t("ui.loading")}
        emptyLabel={t("audit.empty")}
        renderRow={(e) => {
          const href = targetHref(e.target, e.data);
          const target = e.target ? `${label.targetType(e.target.type)} ${e.target.label ?? ""}` : null;
          return (
            <tr key={e.id}>
              <td className={`${tdClass} whitespace-nowrap`}>
                <time dateTime={e.at}>{format.dateTime(new Date(e.at), { dateStyle: "short", timeStyle: "medium" })}</time>
              </td>
              <td className={tdClass}>
                <span className="text-slate-900">{label.sentence(e)}</span>
                <span className="block text-xs text-slate-500">{label.action(e.action)}</span>
              </td>
              <td className={`${tdClass} text-sm`}>
                {target === null ? (
                  t("ui.none")
                ) : href ? (
                  <Link href={href} className="text-brand-700 hover:underline">
                    {target}
                  </Link>
                ) : (
                  target
                )}
              </td>
              <td className={`${tdClass} max-w-md`}>
                {e.data ? (
                  <details className="text-xs text-slate-600">
                    <summary className="cursor-pointer">{t("audit.technical")}</summary>
                    <code className="mt-1 block max-h-24 overflow-auto font-mono break-all whitespace-pre-wrap">{JSON.stringify({ action: e.action, target_id: e.target?.id, ...(e.data as object) })}</code>
                  </details>
                ) : null}
              </td>
            </tr>
          );
        }}
      />
    </>
  );
}
