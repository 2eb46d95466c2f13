import Link from "next/link";
import { inputClass, labelClass, primaryButton, secondaryButton } from "@/components/admin/form-styles";
import { PRIORITIES } from "@/lib/schemas/common";
import { CHANNELS, TICKET_STATUSES } from "@/lib/tickets/ticket-schemas";

type Labels = Record<
  | "label" | "search" | "searchPlaceholder" | "status" | "priority" | "assignee" | "assigneeAny" | "assigneeMe" | "assigneeNone" | "channel"
  | "overdue" | "from" | "to" | "sort" | "apply" | "reset" | "all",
  string
> & { statuses: Record<string, string>; priorities: Record<string, string>; channels: Record<string, string>; sorts: Record<string, string> };

const SORTS = ["created_desc", "created_asc", "due_asc", "updated_desc", "priority_desc"] as const;

type Option = { value: string; label: string };

function FilterSelect({ name, label, defaultValue, options }: { name: string; label: string; defaultValue: string; options: Option[] }) {
  return (
    <div>
      <label htmlFor={`f-${name}`} className={labelClass}>
        {label}
      </label>
      <select id={`f-${name}`} name={name} defaultValue={defaultValue} className={inputClass}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A plain GET form: filtering works without JavaScript, and every filtered view is a shareable URL. */
export function TicketFilters({ values, operators, labels }: { values: Record<string, string>; operators: { id: string; name: string; active: boolean }[]; labels: Labels }) {
  const all: Option = { value: "", label: labels.all };
  const selects = [
    {
      name: "status",
      label: labels.status,
      options: [all, { value: "open,pending", label: `${labels.statuses.open} + ${labels.statuses.pending}` }, ...TICKET_STATUSES.map((s) => ({ value: s, label: labels.statuses[s] }))],
    },
    { name: "priority", label: labels.priority, options: [all, ...[...PRIORITIES].reverse().map((p) => ({ value: p, label: labels.priorities[p] }))] },
    {
      name: "assignee",
      label: labels.assignee,
      options: [{ value: "", label: labels.assigneeAny }, { value: "me", label: labels.assigneeMe }, { value: "none", label: labels.assigneeNone }, ...operators.map((o) => ({ value: o.id, label: o.name }))],
    },
    { name: "channel", label: labels.channel, options: [all, ...CHANNELS.map((c) => ({ value: c, label: labels.channels[c] }))] },
  ].map((select) => ({ ...select, defaultValue: values[select.name] ?? "" }));

  return (
    <form method="get" action="/admin/tickets" aria-label={labels.label} className="mb-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="sm:col-span-2">
          <label htmlFor="f-q" className={labelClass}>
            {labels.search}
          </label>
          <input id="f-q" name="q" type="search" defaultValue={values.q ?? ""} placeholder={labels.searchPlaceholder} className={inputClass} />
        </div>
        {selects.map((select) => (
          <FilterSelect key={select.name} {...select} />
        ))}
        {(["from", "to"] as const).map((name) => (
          <div key={name}>
            <label htmlFor={`f-${name}`} className={labelClass}>
              {labels[name]}
            </label>
            <input id={`f-${name}`} name={name} type="date" defaultValue={values[name] ?? ""} className={inputClass} />
          </div>
        ))}
        <FilterSelect name="sort" label={labels.sort} defaultValue={values.sort ?? "created_desc"} options={SORTS.map((s) => ({ value: s, label: labels.sorts[s] }))} />
        <div className="flex items-end">
          <label className="inline-flex items-center gap-2 pb-2 text-sm font-medium text-slate-700">
            <input type="checkbox" name="overdue" value="true" defaultChecked={values.overdue === "true"} className="h-4 w-4 rounded border-slate-300" />
            {labels.overdue}
          </label>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="submit" className={primaryButton}>
          {labels.apply}
        </button>
        <Link href="/admin/tickets" className={secondaryButton}>
          {labels.reset}
        </Link>
      </div>
    </form>
  );
}
