import { tableClass, thClass } from "@/components/admin/form-styles";

/**
 * The bordered list table of the admin pages: header row, then a loading row while `items` is
 * null or undefined, an empty row when there are none, or one row per item.
 */
export function AdminTable<T>({
  caption,
  columns,
  actionsLabel,
  items,
  loadingLabel,
  emptyLabel,
  renderRow,
}: {
  caption?: string;
  columns: readonly string[];
  /** Screen-reader name of a trailing, visually unlabelled column of row actions. */
  actionsLabel?: string;
  items: readonly T[] | null | undefined;
  loadingLabel: string;
  emptyLabel: string;
  renderRow: (item: T) => React.ReactNode;
}) {
  const colSpan = columns.length + (actionsLabel === undefined ? 0 : 1);
  const message = (text: string) => (
    <tr>
      <td colSpan={colSpan} className="px-3 py-8 text-center text-slate-500">
        {text}
      </td>
    </tr>
  );
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className={tableClass}>
        {caption === undefined ? null : <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-50">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className={thClass}>
                {column}
              </th>
            ))}
            {actionsLabel === undefined ? null : (
              <th scope="col" className={thClass}>
                <span className="sr-only">{actionsLabel}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{!items ? message(loadingLabel) : items.length === 0 ? message(emptyLabel) : items.map(renderRow)}</tbody>
      </table>
    </div>
  );
}
