"use client";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { primaryButton, tableClass, tdClass, thClass } from "@/components/admin/form-styles";
import type { getChatStats } from "@/lib/chat/get-chat-stats";
import type { getCsatOverview } from "@/lib/csat/get-csat-overview";
import type { CsatSettings } from "@/lib/csat/csat-schemas";

type Stats = Awaited<ReturnType<typeof getChatStats>>;
type Overview = Awaited<ReturnType<typeof getCsatOverview>> & { settings: CsatSettings };

const percent = (ratio: number | null) => (ratio == null ? "—" : `${Math.round(ratio * 100)}%`);
const number = (value: number | null) => (value == null ? "—" : String(value));
const promiseCells = (f: { served: number; median_abs_error_minutes: number | null; within_promise_ratio: number | null }) => [f.served, number(f.median_abs_error_minutes), percent(f.within_promise_ratio)];
const csatCells = (f: { responses: number; average_score: number | null; satisfied_ratio: number | null }) => [f.responses, f.average_score, percent(f.satisfied_ratio)];

interface FigureRow {
  key: string;
  label: string;
  cells: React.ReactNode[];
}

/** One breakdown table of the panel (by priority, team or operator): a label column, then the figures. */
function FigureTable({ caption, visibleCaption = false, columns, rows }: { caption: string; visibleCaption?: boolean; columns: string[]; rows: FigureRow[] }) {
  return (
    <table className={`${tableClass} ${visibleCaption ? "mt-4" : "mt-3"}`}>
      <caption className={visibleCaption ? "text-left text-sm font-semibold text-slate-800" : "sr-only"}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col" className={thClass}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className={`${tdClass} font-medium`}>
              {row.label}
            </th>
            {row.cells.map((cell, i) => (
              <td key={i} className={tdClass}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The customer's side in the overview: how well the wait promises held, and how satisfied customers were. */
export function CustomerExperiencePanel() {
  const t = useTranslations("customer.admin");
  const [stats, setStats] = useState<Stats | null>(null);
  const [overview, setOverview] = useState<Overview | null>(null);
  const [saved, setSaved] = useState<"idle" | "saving" | "saved" | "error">("idle");
  // "" = every team; otherwise the weeks and operators below are that team's.
  const [team, setTeam] = useState("");

  const load = useCallback(async () => {
    const [s, o] = await Promise.all([apiFetch<Stats>("/api/chat/stats"), apiFetch<Overview>(`/api/admin/csat${team ? `?${new URLSearchParams({ team })}` : ""}`)]);
    if (s.ok) setStats(s.data);
    if (o.ok) setOverview(o.data);
  }, [team]);
  useEffect(() => {
    // The first fetch; setState runs after the responses, not synchronously.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  const eta = stats?.eta_accuracy;
  const maxWeek = Math.max(1, ...(overview?.by_week ?? []).map((w) => w.responses));
  return (
    <div className="mt-8 grid gap-6 lg:grid-cols-2">
      <section aria-labelledby="eta-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="eta-title" className="text-base font-semibold text-slate-900">
          {t("etaTitle", { days: eta?.window_days ?? 7 })}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("etaHint")}</p>
        {eta ? (
          <>
            <dl className="mt-3 grid grid-cols-3 gap-3 text-center">
              <div>
                <dt className="text-xs text-slate-600">{t("served")}</dt>
                <dd className="text-xl font-semibold text-slate-900">{eta.served}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600">{t("medianError")}</dt>
                <dd className="text-xl font-semibold text-slate-900">{eta.median_abs_error_minutes == null ? "—" : t("minutes", { value: eta.median_abs_error_minutes })}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600">{t("withinPromise")}</dt>
                <dd className="text-xl font-semibold text-slate-900">{percent(eta.within_promise_ratio)}</dd>
              </div>
            </dl>
            <FigureTable
              caption={t("byPriority")}
              columns={[t("priority"), t("served"), t("medianError"), t("withinPromise")]}
              rows={(["urgent", "high", "medium", "low"] as const).map((p) => ({ key: p, label: t(`priorities.${p}`), cells: promiseCells(eta.by_priority[p]) }))}
            />
            {Object.keys(eta.by_team).length > 1 ? (
              <FigureTable
                caption={t("byTeam")}
                columns={[t("team"), t("served"), t("medianError"), t("withinPromise")]}
                rows={Object.entries(eta.by_team).map(([slug, figures]) => ({ key: slug, label: slug, cells: promiseCells(figures) }))}
              />
            ) : null}
          </>
        ) : null}
      </section>

      <section aria-labelledby="csat-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="csat-title" className="text-base font-semibold text-slate-900">
          {t("csatTitle")}
        </h2>
        {stats ? (
          <dl className="mt-3 grid grid-cols-3 gap-3 text-center">
            <div>
              <dt className="text-xs text-slate-600">{t("responses")}</dt>
              <dd className="text-xl font-semibold text-slate-900">{stats.csat.responses}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{t("average")}</dt>
              <dd className="text-xl font-semibold text-slate-900">{number(stats.csat.average_score)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{t("satisfied")}</dt>
              <dd className="text-xl font-semibold text-slate-900">{percent(stats.csat.satisfied_ratio)}</dd>
            </div>
          </dl>
        ) : null}
        {overview && overview.by_team.length > 0 ? (
          <>
            <FigureTable
              caption={t("perTeam")}
              visibleCaption
              columns={[t("team"), t("responses"), t("average"), t("satisfied")]}
              rows={overview.by_team.map((row) => ({ key: row.team_id, label: row.name, cells: csatCells(row) }))}
            />
            <label className="mt-4 flex items-center gap-2 text-sm text-slate-800">
              {t("teamFilter")}
              <select value={team} onChange={(event) => setTeam(event.target.value)} className="rounded-lg border border-slate-300 px-2 py-1 text-sm">
                <option value="">{t("allTeams")}</option>
                {overview.by_team.map((row) => (
                  <option key={row.team_id} value={row.team_id}>
                    {row.name}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : null}
        {overview && overview.by_week.length > 0 ? (
          <>
            <h3 className="mt-4 text-sm font-semibold text-slate-800">{t("overTime")}</h3>
            <ul className="mt-2 space-y-1">
              {overview.by_week.map((w) => (
                <li key={w.week} className="flex items-center gap-2 text-xs text-slate-700">
                  <span className="w-20 shrink-0">{w.week}</span>
                  <span aria-hidden="true" className="h-2 rounded bg-brand-600" style={{ width: `${(w.responses / maxWeek) * 60}%` }} />
                  <span>{t("weekLine", { responses: w.responses, average: w.average_score })}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {overview && overview.by_operator.length > 0 ? (
          <FigureTable
            caption={t("perOperator")}
            visibleCaption
            columns={[t("operator"), t("responses"), t("average"), t("satisfied")]}
            rows={overview.by_operator.map((o) => ({ key: o.operator_id, label: o.name, cells: csatCells(o) }))}
          />
        ) : null}
        {overview ? (
          <form
            className="mt-4 space-y-1 border-t border-slate-100 pt-3 text-sm text-slate-800"
            onSubmit={async (event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              const body = { enabled: form.has("enabled"), on_chat_close: form.has("on_chat_close"), on_ticket_resolve: form.has("on_ticket_resolve") };
              setSaved("saving");
              const result = await apiFetch<CsatSettings>("/api/admin/csat", { method: "PUT", body });
              setSaved(result.ok ? "saved" : "error");
            }}
          >
            <fieldset>
              <legend className="font-semibold">{t("askTitle")}</legend>
              {(["enabled", "on_chat_close", "on_ticket_resolve"] as const).map((name) => (
                <label key={name} className="mt-1 flex items-center gap-2">
                  <input type="checkbox" name={name} defaultChecked={overview.settings[name]} />
                  {t(`ask.${name}`)}
                </label>
              ))}
            </fieldset>
            <button type="submit" disabled={saved === "saving"} className={`${primaryButton} mt-2`}>
              {t("save")}
            </button>
            <span role="status" className="ml-2 text-sm">
              {saved === "saved" ? t("saved") : saved === "error" ? t("saveError") : ""}
            </span>
          </form>
        ) : null}
      </section>
    </div>
  );
}
