import Link from "next/link";

/** Previous / next links that keep the current filters. Labels come from the page (server-translated). */
export function Pagination({
  page,
  totalPages,
  hrefFor,
  labels,
}: {
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
  labels: { nav: string; previous: string; next: string; status: string };
}) {
  const link = "rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50";
  const disabled = "rounded-lg border border-slate-200 px-3 py-1.5 text-sm text-slate-400";
  return (
    <nav aria-label={labels.nav} className="mt-4 flex items-center justify-between gap-3">
      {page > 1 ? (
        <Link className={link} href={hrefFor(page - 1)} rel="prev">
          {labels.previous}
        </Link>
      ) : (
        <span className={disabled} aria-disabled="true">
          {labels.previous}
        </span>
      )}
      <span className="text-sm text-slate-600">{labels.status}</span>
      {page < totalPages ? (
        <Link className={link} href={hrefFor(page + 1)} rel="next">
          {labels.next}
        </Link>
      ) : (
        <span className={disabled} aria-disabled="true">
          {labels.next}
        </span>
      )}
    </nav>
  );
}
