"use client";
import { useCallback, useEffect, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { SEARCH_STATUSES, SEARCH_TYPES, type SearchHit, type SearchResult, type SearchType } from "@/lib/search/search-schemas";

const CHANNELS = ["web", "whatsapp", "email"] as const;
const field = "rounded-lg border border-slate-300 px-2.5 py-1.5 text-sm";

interface Filters {
  q: string;
  type: SearchType;
  channel: string;
  status: string;
  team: string;
  operator: string;
  from: string;
  to: string;
  sort: "relevance" | "recent";
}

/** Where a result opens: the conversation, the ticket (admins) or the contact page. */
function FilterSelect({ label, value, onChange, options }: { label: string; value: string; onChange: (value: string) => void; options: { value: string; label: string }[] }) {
  return (
    <label className="flex flex-col gap-1">
      {label}
      <select className={field} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function hitHref(hit: SearchHit, admin: boolean): string {
  const contactBase = admin ? "/admin/contacts" : "/operator/contacts";
  if (hit.type === "contact") return `${contactBase}/${hit.id}`;
  if (hit.type === "ticket") return admin ? `/admin/tickets/${hit.number}` : hit.session_id ? `/operator/conversations/${hit.session_id}` : `${contactBase}/${hit.contact?.id}`;
  if (hit.session_id) return `/operator/conversations/${hit.session_id}?m=${hit.id}#m-${hit.id}`;
  return admin && hit.ticket_number ? `/admin/tickets/${hit.ticket_number}` : `${contactBase}/${hit.contact?.id}`;
}

export interface SearchOption {
  id: string;
  name: string;
}

const EMPTY_FILTERS = { channel: "", status: "", team: "", operator: "", from: "", to: "", sort: "relevance" } as const;

/**
 * One search box over messages, tickets and contacts, with filters (channel, status, team, operator, dates) and
 * "more results" (keyset cursor). The team and operator pickers list what the page passes.
 */
export function SearchPanel({
  initialQuery,
  admin,
  initialType = "messages",
  teams = [],
  operators = [],
}: {
  initialQuery: string;
  admin: boolean;
  initialType?: SearchType;
  teams?: SearchOption[];
  operators?: SearchOption[];
}) {
  const t = useTranslations("contacts");
  const format = useFormatter();
  const [filters, setFilters] = useState<Filters>({ q: initialQuery, type: initialType, ...EMPTY_FILTERS });
  const [items, setItems] = useState<SearchHit[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [searched, setSearched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async (current: Filters, after: string | null) => {
    if (!current.q.trim()) return;
    setBusy(true);
    setError(null);
    const params = new URLSearchParams({ q: current.q, type: current.type, sort: current.sort });
    for (const key of ["channel", "status", "team", "operator", "from", "to"] as const) if (current[key]) params.set(key, current[key]);
    if (after) params.set("cursor", after);
    const result = await apiFetch<SearchResult>(`/api/search?${params}`);
    setBusy(false);
    setSearched(true);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    setItems((previous) => (after ? [...previous, ...result.data.items] : result.data.items));
    setCursor(result.data.next_cursor);
  }, []);

  useEffect(() => {
    if (initialQuery) void (async () => run({ q: initialQuery, type: initialType, ...EMPTY_FILTERS }, null))();
  }, [initialQuery, initialType, run]);

  const update = (patch: Partial<Filters>) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    if (patch.type || patch.sort || patch.channel !== undefined || patch.status !== undefined || patch.team !== undefined || patch.operator !== undefined) void run(next, null);
  };

  return (
    <div className="space-y-4">
      <form
        role="search"
        className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
        onSubmit={(event) => {
          event.preventDefault();
          void run(filters, null);
        }}
      >
        <div className="flex gap-2">
          <label htmlFor="search-q" className="sr-only">
            {t("search.label")}
          </label>
          <input
            id="search-q"
            type="search"
            value={filters.q}
            maxLength={200}
            placeholder={t("search.placeholder")}
            onChange={(event) => setFilters({ ...filters, q: event.target.value })}
            className={`${field} min-w-0 flex-1`}
          />
          <button type="submit" disabled={busy} className="rounded-lg bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {t("search.submit")}
          </button>
        </div>
        <div role="radiogroup" aria-label={t("search.types.label")} className="flex flex-wrap gap-1">
          {SEARCH_TYPES.map((type) => (
            <button
              key={type}
              type="button"
              role="radio"
              aria-checked={filters.type === type}
              onClick={() => update({ type })}
              className="rounded-lg border border-slate-300 px-3 py-1 text-sm font-medium text-slate-700 aria-checked:border-brand-600 aria-checked:bg-brand-600 aria-checked:text-white"
            >
              {t(`search.types.${type}`)}
            </button>
          ))}
        </div>
        {filters.type !== "contacts" ? (
          <div className="flex flex-wrap items-end gap-3 text-sm">
            <FilterSelect
              label={t("search.sort.label")}
              value={filters.sort}
              onChange={(sort) => update({ sort: sort as Filters["sort"] })}
              options={(["relevance", "recent"] as const).map((value) => ({ value, label: t(`search.sort.${value}`) }))}
            />
            <FilterSelect
              label={t("search.filters.channel")}
              value={filters.channel}
              onChange={(channel) => update({ channel })}
              options={[{ value: "", label: t("search.filters.any") }, ...CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))]}
            />
            <FilterSelect
              label={t("search.filters.status")}
              value={filters.status}
              onChange={(status) => update({ status })}
              options={[{ value: "", label: t("search.filters.any") }, ...SEARCH_STATUSES.map((st) => ({ value: st, label: t(`statuses.${st}`) }))]}
            />
            {teams.length > 1 ? (
              <FilterSelect
                label={t("search.filters.team")}
                value={filters.team}
                onChange={(team) => update({ team })}
                options={[{ value: "", label: t("search.filters.any") }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
              />
            ) : null}
            {operators.length > 1 ? (
              <FilterSelect
                label={t("search.filters.operator")}
                value={filters.operator}
                onChange={(operator) => update({ operator })}
                options={[{ value: "", label: t("search.filters.any") }, ...operators.map((operator) => ({ value: operator.id, label: operator.name }))]}
              />
            ) : null}
            <label className="flex flex-col gap-1">
              {t("search.filters.from")}
              <input type="date" className={field} value={filters.from} onChange={(event) => setFilters({ ...filters, from: event.target.value })} />
            </label>
            <label className="flex flex-col gap-1">
              {t("search.filters.to")}
              <input type="date" className={field} value={filters.to} onChange={(event) => setFilters({ ...filters, to: event.target.value })} />
            </label>
          </div>
        ) : null}
      </form>

      {error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <section aria-label={t("search.results")} aria-busy={busy}>
        {searched && items.length === 0 && !busy ? <p className="text-sm text-slate-600">{t("search.noResults")}</p> : null}
        <ul className="space-y-2">
          {items.map((hit) => (
            <li key={`${hit.type}:${hit.id}`} className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
              <a href={hitHref(hit, admin)} className="block hover:bg-slate-50" data-testid="search-hit">
                <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                  <span className="font-semibold text-slate-900">
                    {hit.type === "contact" ? (hit.name ?? hit.email ?? hit.phone ?? t("contact.anonymous")) : (hit.contact?.name ?? t("contact.anonymous"))}
                  </span>
                  {hit.type === "ticket" ? <span>{t("search.ticket", { number: hit.number })}</span> : null}
                  {hit.type === "message" && hit.ticket_number ? <span>{t("search.ticket", { number: hit.ticket_number })}</span> : null}
                  {hit.type !== "contact" ? <span>{t(`channels.${hit.channel as (typeof CHANNELS)[number]}`)}</span> : null}
                  {hit.type !== "contact" && hit.status ? <span>{t(`statuses.${hit.status as (typeof SEARCH_STATUSES)[number]}`)}</span> : null}
                  <time dateTime={hit.created_at}>{format.dateTime(new Date(hit.created_at), { dateStyle: "medium", timeStyle: "short" })}</time>
                </div>
                {/* The server HTML-escapes the text and adds only <mark> (lib/search/build-tsquery.ts renderSnippet). */}
                <p className="mt-1 text-sm text-slate-800 [&_mark]:rounded [&_mark]:bg-amber-200 [&_mark]:px-0.5" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
              </a>
            </li>
          ))}
        </ul>
        {cursor ? (
          <button type="button" disabled={busy} onClick={() => void run(filters, cursor)} className="mt-3 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
            {t("search.loadMore")}
          </button>
        ) : null}
      </section>
    </div>
  );
}
