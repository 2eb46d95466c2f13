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

/** A plain GET form: filtering works without JavaScript, and every filtered view is a shareable URL. */
export function TicketFilters({ values, operators, labels }: { values: Record<string, string>; operators: { id: string; name: string; active: boolean }[]; labels: Labels }) {
  return (
    <form method="get" action="/admin/tickets" aria-label={labels.label} className="mb-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="sm:col-span-2">
          <label htmlFor="f-q" className={labelClass}>
            {labels.search}
          </label>
          <input id="f-q" name="q" type="search" defaultValue={values.q ?? ""} placeholder={labels.searchPlaceholder} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-status" className={labelClass}>
            {labels.status}
          </label>
          <select id="f-status" name="status" defaultValue={values.status ?? ""} className={inputClass}>
            <option value="">{labels.all}</option>
            <option value="open,pending">{`${labels.statuses.open} + ${labels.statuses.pending}`}</option>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {labels.statuses[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-priority" className={labelClass}>
            {labels.priority}
          </label>
          <select id="f-priority" name="priority" defaultValue={values.priority ?? ""} className={inputClass}>
            <option value="">{labels.all}</option>
            {[...PRIORITIES].reverse().map((p) => (
              <option key={p} value={p}>
                {labels.priorities[p]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-assignee" className={labelClass}>
            {labels.assignee}
          </label>
          <select id="f-assignee" name="assignee" defaultValue={values.assignee ?? ""} className={inputClass}>
            <option value="">{labels.assigneeAny}</option>
            <option value="me">{labels.assigneeMe}</option>
            <option value="none">{labels.assigneeNone}</option>
            {operators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-channel" className={labelClass}>
            {labels.channel}
          </label>
          <select id="f-channel" name="channel" defaultValue={values.channel ?? ""} className={inputClass}>
            <option value="">{labels.all}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {labels.channels[c]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-from" className={labelClass}>
            {labels.from}
          </label>
          <input id="f-from" name="from" type="date" defaultValue={values.from ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-to" className={labelClass}>
            {labels.to}
          </label>
          <input id="f-to" name="to" type="date" defaultValue={values.to ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-sort" className={labelClass}>
            {labels.sort}
          </label>
          <select id="f-sort" name="sort" defaultValue={values.sort ?? "created_desc"} className={inputClass}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {labels.sorts[s]}
              </option>
            ))}
          </select>
        </div>
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
