"use client";
import { useTranslations } from "use-intl";
import { FilterButtons, InputField, SelectField } from "@/components/admin/form-fields";
import { useAuditLabels } from "@/components/admin/use-audit-labels";
import { AUDIT_ACTOR_TYPES } from "@/lib/admin/admin-schemas";

const TARGET_TYPES = ["ticket", "session", "operator", "api_key", "setting", "notification", "embed_site", "knowledge_entry"] as const;

/** The audit log's filters: a plain GET form, so every filtered view is a shareable URL. */
export function AuditFilters({ values, actions, operators }: { values: Record<string, string>; actions: string[]; operators: { id: string; name: string }[] }) {
  const t = useTranslations("admin");
  const label = useAuditLabels();
  const all = { value: "", label: t("ui.all") };
  const groups = [...new Set(actions.map((a) => a.split(".")[0]))];
  return (
    <form method="get" action="/admin/audit" aria-label={t("audit.filters.label")} className="mb-4 grid grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4">
      <SelectField
        id="a-action"
        name="action"
        label={t("audit.filters.action")}
        defaultValue={values.action ?? ""}
        options={[
          all,
          ...groups.map((group) => ({
            group: label.group(group),
            options: [{ value: `${group}.`, label: t("audit.allOf", { group: label.group(group) }) }, ...actions.filter((a) => a.startsWith(`${group}.`)).map((a) => ({ value: a, label: label.action(a) }))],
          })),
        ]}
      />
      <SelectField
        id="a-actor-type"
        name="actor_type"
        label={t("audit.filters.actorType")}
        defaultValue={values.actor_type ?? ""}
        options={[all, ...AUDIT_ACTOR_TYPES.map((type) => ({ value: type, label: t(`audit.actorTypes.${type}`) }))]}
      />
      <SelectField id="a-actor" name="actor" label={t("audit.filters.actor")} defaultValue={values.actor ?? ""} options={[all, ...operators.map((o) => ({ value: o.id, label: o.name }))]} />
      <SelectField
        id="a-target"
        name="target_type"
        label={t("audit.filters.target")}
        defaultValue={values.target_type ?? ""}
        options={[all, ...TARGET_TYPES.map((type) => ({ value: type, label: label.targetType(type) }))]}
      />
      <InputField id="a-target-id" name="target_id" label={t("audit.filters.targetId")} defaultValue={values.target_id ?? ""} />
      <InputField id="a-from" name="from" type="date" label={t("audit.filters.from")} defaultValue={values.from ?? ""} />
      <InputField id="a-to" name="to" type="date" label={t("audit.filters.to")} defaultValue={values.to ?? ""} />
      <FilterButtons resetHref="/admin/audit" apply={t("ui.apply")} reset={t("ui.reset")} className="flex items-end gap-2" />
    </form>
  );
}
