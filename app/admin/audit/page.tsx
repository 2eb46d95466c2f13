import Link from "next/link";
import { createFormatter, createTranslator } from "use-intl/core";
import { inputClass, labelClass, primaryButton, secondaryButton, tableClass, tdClass, thClass } from "@/components/admin/form-styles";
import { PageHeader } from "@/components/admin/page-header";
import { Pagination } from "@/components/admin/pagination";
import { AUDIT_ACTOR_TYPES, auditQuery } from "@/lib/admin/admin-schemas";
import { listAuditActions, listAuditEvents } from "@/lib/admin/list-audit-events";
import { listOperatorOptions } from "@/lib/admin/list-operator-options";
import { firstValues, withParam, type PageSearchParams } from "@/lib/admin/search-params";
import { requireOperatorPage } from "@/lib/auth/require-operator-page";
import { getLocale } from "@/lib/i18n/get-locale";
import { messagesFor } from "@/lib/i18n/messages";
import { deskTimeZone } from "@/lib/rules/desk-time-zone";

const TARGET_TYPES = ["ticket", "session", "operator", "api_key", "setting", "notification", "embed_site", "knowledge_entry"] as const;

/** Where an audit target can be looked at in the panel. */
function targetHref(target: { type: string; id: string | null } | null, data: unknown): string | null {
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

export async function generateMetadata() {
  const locale = await getLocale();
  return { title: createTranslator({ locale, messages: messagesFor(locale), namespace: "admin.audit" })("title") };
}

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  await requireOperatorPage({ role: "admin", returnTo: "/admin/audit" });
  const locale = await getLocale();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: "admin" });
  const format = createFormatter({ locale, timeZone: await deskTimeZone() });
  const values = firstValues(await searchParams);
  const parsed = auditQuery.safeParse(values);
  const query = parsed.success ? parsed.data : auditQuery.parse({});
  const [{ events, pagination }, actions, operators] = await Promise.all([listAuditEvents(query), listAuditActions(), listOperatorOptions()]);

  const actorLabel = (actor: { type: string; id: string | null; name: string | null }) =>
    actor.type === "operator"
      ? (actor.name ?? t("actor.unknown"))
      : actor.type === "api_key"
        ? t("actor.apiKey", { name: actor.name ?? "" })
        : actor.type === "customer"
          ? t("actor.customer")
          : t("actor.system");
  // Action keys are nested catalogue keys ("ticket.created" → audit.sentence.ticket.created).
  type Key = Parameters<typeof t>[0];
  const known = (key: string) => t.has(key as Key);
  const actionLabel = (action: string) => (known(`audit.action.${action}`) ? t(`audit.action.${action}` as Key) : action);
  const groupLabel = (group: string) => (known(`audit.group.${group}`) ? t(`audit.group.${group}` as Key) : group);
  const targetTypeLabel = (type: string) => (known(`audit.targetTypes.${type}`) ? t(`audit.targetTypes.${type}` as Key) : type);
  const sentence = (e: (typeof events)[number]) => {
    const actor = actorLabel(e.actor);
    const target = e.target ? (e.target.label ?? targetTypeLabel(e.target.type)) : t("audit.someone");
    return known(`audit.sentence.${e.action}`)
      ? t(`audit.sentence.${e.action}` as Key, { actor, target })
      : t("audit.other", { actor, action: actionLabel(e.action) });
  };

  return (
    <>
      <PageHeader title={t("audit.title")} subtitle={t("audit.subtitle")} />
      <form method="get" action="/admin/audit" aria-label={t("audit.filters.label")} className="mb-4 grid grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor="a-action" className={labelClass}>
            {t("audit.filters.action")}
          </label>
          <select id="a-action" name="action" defaultValue={values.action ?? ""} className={inputClass}>
            <option value="">{t("ui.all")}</option>
            {[...new Set(actions.map((a) => a.split(".")[0]))].map((group) => (
              <optgroup key={group} label={groupLabel(group)}>
                <option value={`${group}.`}>{t("audit.allOf", { group: groupLabel(group) })}</option>
                {actions
                  .filter((a) => a.startsWith(`${group}.`))
                  .map((a) => (
                    <option key={a} value={a}>
                      {actionLabel(a)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-actor-type" className={labelClass}>
            {t("audit.filters.actorType")}
          </label>
          <select id="a-actor-type" name="actor_type" defaultValue={values.actor_type ?? ""} className={inputClass}>
            <option value="">{t("ui.all")}</option>
            {AUDIT_ACTOR_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`audit.actorTypes.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-actor" className={labelClass}>
            {t("audit.filters.actor")}
          </label>
          <select id="a-actor" name="actor" defaultValue={values.actor ?? ""} className={inputClass}>
            <option value="">{t("ui.all")}</option>
            {operators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-target" className={labelClass}>
            {t("audit.filters.target")}
          </label>
          <select id="a-target" name="target_type" defaultValue={values.target_type ?? ""} className={inputClass}>
            <option value="">{t("ui.all")}</option>
            {TARGET_TYPES.map((type) => (
              <option key={type} value={type}>
                {targetTypeLabel(type)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="a-target-id" className={labelClass}>
            {t("audit.filters.targetId")}
          </label>
          <input id="a-target-id" name="target_id" defaultValue={values.target_id ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="a-from" className={labelClass}>
            {t("audit.filters.from")}
          </label>
          <input id="a-from" name="from" type="date" defaultValue={values.from ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="a-to" className={labelClass}>
            {t("audit.filters.to")}
          </label>
          <input id="a-to" name="to" type="date" defaultValue={values.to ?? ""} className={inputClass} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={primaryButton}>
            {t("ui.apply")}
          </button>
          <Link href="/admin/audit" className={secondaryButton}>
            {t("ui.reset")}
          </Link>
        </div>
      </form>

      <p className="mb-2 text-sm text-slate-600" role="status">
        {t("ui.results", { total: pagination.total })}
      </p>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className={tableClass}>
          <thead className="bg-slate-50">
            <tr>
              {(["at", "action", "target", "details"] as const).map((c) => (
                <th key={c} scope="col" className={thClass}>
                  {t(`audit.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.length === 0 ? (
              <tr>
                <td colSpan={4} className="px-3 py-10 text-center text-slate-500">
                  {t("audit.empty")}
                </td>
              </tr>
            ) : (
              events.map((e) => {
                const href = targetHref(e.target, e.data);
                return (
                  <tr key={e.id}>
                    <td className={`${tdClass} whitespace-nowrap`}>
                      <time dateTime={e.at}>{format.dateTime(new Date(e.at), { dateStyle: "short", timeStyle: "medium" })}</time>
                    </td>
                    <td className={tdClass}>
                      <span className="text-slate-900">{sentence(e)}</span>
                      <span className="block text-xs text-slate-500">{actionLabel(e.action)}</span>
                    </td>
                    <td className={`${tdClass} text-sm`}>
                      {e.target ? (
                        href ? (
                          <Link href={href} className="text-brand-700 hover:underline">
                            {targetTypeLabel(e.target.type)} {e.target.label ?? ""}
                          </Link>
                        ) : (
                          `${targetTypeLabel(e.target.type)} ${e.target.label ?? ""}`
                        )
                      ) : (
                        t("ui.none")
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
              })
            )}
          </tbody>
        </table>
      </div>
      <Pagination
        page={pagination.page}
        totalPages={pagination.total_pages}
        hrefFor={(page) => `/admin/audit${withParam(values, "page", page)}`}
        labels={{ nav: t("ui.pagination"), previous: t("ui.previous"), next: t("ui.next"), status: t("ui.page", { page: pagination.page, pages: pagination.total_pages }) }}
      />
    </>
  );
}
