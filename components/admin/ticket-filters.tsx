"use client";
import { useTranslations } from "use-intl";
import { FilterButtons, InputField, SelectField, type FieldOption } from "@/components/admin/form-fields";
import { PRIORITIES } from "@/lib/schemas/common";
import { CHANNELS, TICKET_STATUSES } from "@/lib/tickets/ticket-schemas";

const SORTS = ["created_desc", "created_asc", "due_asc", "updated_desc", "priority_desc"] as const;

/** The tickets list's filters: a plain GET form, so every filtered view is a shareable URL. */
export function TicketFilters({ values, operators }: { values: Record<string, string>; operators: { id: string; name: string; active: boolean }[] }) {
  const t = useTranslations("admin");
  const tf = useTranslations("admin.tickets.filters");
  const all: FieldOption = { value: "", label: t("ui.all") };
  const selects = [
    {
      name: "status",
      options: [all, { value: "open,pending", label: `${t("status.open")} + ${t("status.pending")}` }, ...TICKET_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))],
    },
    { name: "priority", options: [all, ...[...PRIORITIES].reverse().map((p) => ({ value: p, label: t(`priority.${p}`) }))] },
    {
      name: "assignee",
      options: [{ value: "", label: tf("assigneeAny") }, { value: "me", label: tf("assigneeMe") }, { value: "none", label: tf("assigneeNone") }, ...operators.map((o) => ({ value: o.id, label: o.name }))],
    },
    { name: "channel", options: [all, ...CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))] },
  ] as const;

  return (
    <form method="get" action="/admin/tickets" aria-label={tf("label")} className="mb-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <InputField id="f-q" name="q" type="search" label={tf("search")} defaultValue={values.q ?? ""} placeholder={tf("searchPlaceholder")} className="sm:col-span-2" />
        {selects.map((select) => (
          <SelectField key={select.name} id={`f-${select.name}`} name={select.name} label={tf(select.name)} defaultValue={values[select.name] ?? ""} options={[...select.options]} />
        ))}
        {(["from", "to"] as const).map((name) => (
          <InputField key={name} id={`f-${name}`} name={name} type="date" label={tf(name)} defaultValue={values[name] ?? ""} />
        ))}
        <SelectField id="f-sort" name="sort" label={tf("sort")} defaultValue={values.sort ?? "created_desc"} options={SORTS.map((s) => ({ value: s, label: tf(`sortOptions.${s}`) }))} />
        <div className="flex items-end">
          <label className="inline-flex items-center gap-2 pb-2 text-sm font-medium text-slate-700">
            <input type="checkbox" name="overdue" value="true" defaultChecked={values.overdue === "true"} className="h-4 w-4 rounded border-slate-300" />
            {tf("overdue")}
          </label>
        </div>
      </div>
      <FilterButtons resetHref="/admin/tickets" apply={t("ui.apply")} reset={t("ui.reset")} className="mt-4 flex flex-wrap gap-2" />
    </form>
  );
}
