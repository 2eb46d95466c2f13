"use client";
import { cloneElement, useCallback, useEffect, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { durationUnit, inUnit, niceMax } from "@/lib/admin/chart-scale";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { apiFetch } from "@/components/shared/api-client";
import { useAdminList } from "@/components/admin/use-admin-list";
import { inlineInputClass } from "@/components/admin/form-styles";
import { OperatorStatusDot } from "@/components/shared/badges";
import { Card } from "@/components/admin/page-header";
import { secondaryButton } from "@/components/admin/form-styles";
import type { DashboardMetrics } from "@/lib/admin/get-dashboard-metrics";
import type { Range } from "@/lib/rules/time-buckets";

const RANGES: Range[] = ["24h", "7d", "30d"];
const REFRESH_MS = 15_000;
const COLORS = { primary: "#2563eb", secondary: "#f59e0b", good: "#059669", bad: "#dc2626", muted: "#94a3b8" };
const PRIORITY_COLORS: Record<string, string> = { urgent: "#dc2626", high: "#ea580c", medium: "#0284c7", low: "#64748b" };
const STATUS_COLORS: Record<string, string> = { open: "#0284c7", pending: "#d97706", resolved: "#059669", closed: "#64748b" };

type Point = DashboardMetrics["series"][number] & {
  label: string;
  wait: number | null;
  first: number | null;
  resolution_h: number | null;
  in_chat: number;
};

function Kpi({ label, value, hint, tone = "default" }: { label: string; value: string | number; hint?: string; tone?: "default" | "alert" }) {
  return (
    <div className={`rounded-xl border p-4 shadow-sm ${tone === "alert" ? "border-red-200 bg-red-50" : "border-slate-200 bg-white"}`}>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className={`mt-1 text-3xl font-semibold tabular-nums ${tone === "alert" ? "text-red-700" : "text-slate-900"}`}>{value}</dd>
      {hint ? <dd className="mt-1 text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

/** Who is on duty now, with each operator's load against their capacity. */
function OnDuty({ operators }: { operators: DashboardMetrics["live"]["operators"] }) {
  const t = useTranslations("admin.overview");
  return (
    <Card title={t("onDuty")} headingLevel={2}>
      {operators.length === 0 ? (
        <p className="text-sm text-slate-500">{t("nobodyOnDuty")}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {operators.map((o) => {
            const ratio = o.max_chats > 0 ? Math.min(1, o.active_chats / o.max_chats) : 0;
            return (
              <li key={o.id} className="rounded-lg border border-slate-200 p-3">
                <div className="flex items-center justify-between gap-2">
                  <span className="truncate font-medium text-slate-900">{o.name}</span>
                  <OperatorStatusDot status={o.status} />
                </div>
                <div className="mt-2 flex items-center gap-2">
                  <div
                    className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100"
                    role="meter"
                    aria-valuemin={0}
                    aria-valuemax={o.max_chats}
                    aria-valuenow={o.active_chats}
                    aria-label={t("load", { name: o.name })}
                  >
                    <div className={`h-full rounded-full ${ratio >= 1 ? "bg-amber-500" : "bg-brand-600"}`} style={{ width: `${ratio * 100}%` }} />
                  </div>
                  <span className="text-xs tabular-nums text-slate-600">{t("chats", { active: o.active_chats, max: o.max_chats })}</span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/** A chart with its title, and the same numbers as a table for screen readers and for reading exact values. */
const AXIS_TICK = { fontSize: 12, fill: "#475569" };

/** Counts per category as horizontal bars, each in its category's colour (a function: ChartCard needs the chart itself). */
function countChart(title: string, countLabel: string, data: { key: string; name: string; count: number; color: string }[], labelWidth: number) {
  return (
    <ChartCard title={title} empty={data.every((d) => d.count === 0)} columns={[title, countLabel]} rows={data.map((d) => [d.name, d.count])}>
      <BarChart data={data} layout="vertical" margin={{ left: 24 }}>
        <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
        <YAxis type="category" dataKey="name" tick={AXIS_TICK} width={labelWidth} />
        <Tooltip />
        <Bar dataKey="count" name={countLabel} radius={[0, 3, 3, 0]} fill={COLORS.primary} isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.key} fill={d.color} />
          ))}
        </Bar>
      </BarChart>
    </ChartCard>
  );
}

function ChartCard({ title, empty, rows, columns, children }: { title: string; empty: boolean; rows: (string | number | null)[][]; columns: string[]; children: React.ReactElement }) {
  const t = useTranslations("admin.overview.charts");
  return (
    <Card title={title} headingLevel={3}>
      {empty ? (
        <p className="flex h-56 items-center justify-center text-sm text-slate-500">{t("noData")}</p>
      ) : (
        // The picture is for sighted readers; the table below carries the same numbers. inert + no accessibility layer:
        // nothing inside the hidden chart can take focus.
        <div className="h-56" aria-hidden inert>
          <ResponsiveContainer width="100%" height="100%">
            {cloneElement(children as React.ReactElement<{ accessibilityLayer?: boolean }>, { accessibilityLayer: false })}
          </ResponsiveContainer>
        </div>
      )}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600 hover:text-slate-900">{t("showTable")}</summary>
        {/* Scrollable, so reachable by keyboard too. */}
        <div className="mt-2 max-h-64 overflow-auto" tabIndex={0} role="region" aria-label={title}>
          <table className="min-w-full text-xs">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col" className="px-2 py-1 text-left font-semibold text-slate-600">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} className="border-t border-slate-100">
                  {row.map((cell, j) => (
                    <td key={j} className="px-2 py-1 tabular-nums text-slate-700">
                      {cell ?? "—"}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Card>
  );
}

export function OverviewDashboard() {
  const t = useTranslations("admin.overview");
  const tu = useTranslations("admin.ui");
  const ts = useTranslations("admin.status");
  const tp = useTranslations("admin.priority");
  const format = useFormatter();
  const tt = useTranslations("teams");
  const [range, setRange] = useState<Range>("24h");
  const [team, setTeam] = useState("");
  const [metrics, setMetrics] = useState<DashboardMetrics | null>(null);
  const [failed, setFailed] = useState(false);
  const { items: teams } = useAdminList<{ id: string; name: string }>("/api/admin/teams", useCallback((message: string) => message, []));

  const load = useCallback(async () => {
    const result = await apiFetch<DashboardMetrics>(`/api/admin/metrics?range=${range}${team ? `&team=${encodeURIComponent(team)}` : ""}`);
    if (result.ok) {
      setMetrics(result.data);
      setFailed(false);
    } else setFailed(true);
  }, [range, team]);

  useEffect(() => {
    let cancelled = false;
    const tick = () => {
      if (!cancelled && document.visibilityState === "visible") void load();
    };
    // The first fetch; setState runs after the response, not synchronously.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
    const timer = setInterval(tick, REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [load]);

  if (!metrics) {
    return (
      <div role="status" className="rounded-xl border border-slate-200 bg-white p-8 text-center text-slate-600">
        {failed ? (
          <>
            {tu("loadFailed")}{" "}
            <button type="button" className={secondaryButton} onClick={() => void load()}>
              {tu("retry")}
            </button>
          </>
        ) : (
          tu("loading")
        )}
      </div>
    );
  }

  const { live } = metrics;
  const label = (iso: string) =>
    metrics.unit === "hour"
      ? format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", timeZone: metrics.time_zone })
      : format.dateTime(new Date(iso), { day: "2-digit", month: "short", timeZone: metrics.time_zone });
  // Waits are often seconds: the unit follows the data, and the axis always has room above the highest point.
  const timeUnit = durationUnit(metrics.series.flatMap((p) => [p.avg_wait_seconds, p.avg_first_response_seconds]));
  const points: Point[] = metrics.series.map((p) => ({
    ...p,
    label: label(p.start),
    wait: inUnit(p.avg_wait_seconds, timeUnit),
    first: inUnit(p.avg_first_response_seconds, timeUnit),
    resolution_h: p.avg_resolution_minutes == null ? null : Math.round((p.avg_resolution_minutes / 60) * 10) / 10,
    in_chat: p.sessions - p.sessions_ticketed,
  }));
  const sum = (key: keyof Point) => points.reduce((total, p) => total + (typeof p[key] === "number" ? (p[key] as number) : 0), 0);
  const has = (key: keyof Point) => points.some((p) => p[key] != null);
  const period = t("charts.period");
  const statusData = Object.entries(metrics.tickets_by_status).map(([status, count]) => ({ key: status, name: ts(status as "open"), count, color: STATUS_COLORS[status] }));
  const priorityData = Object.entries(metrics.open_tickets_by_priority)
    .reverse()
    .map(([priority, count]) => ({ key: priority, name: tp(priority as "low"), count, color: PRIORITY_COLORS[priority] }));

  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4" aria-live="polite">
        <Kpi label={t("kpi.operatorsOnline")} value={live.operators_online} hint={t("kpi.operatorsAway", { count: live.operators_away })} />
        <Kpi
          label={t("kpi.queue")}
          value={live.queue_length}
          hint={live.longest_wait_seconds == null ? t("kpi.noWait") : t("kpi.longestWait", { minutes: Math.floor(live.longest_wait_seconds / 60) })}
        />
        <Kpi label={t("kpi.activeChats")} value={live.active_sessions} hint={t("kpi.seats", { seats: live.seats_online })} />
        <Kpi label={t("kpi.overdue")} value={live.overdue_tickets} hint={t("kpi.overdueHint")} tone={live.overdue_tickets > 0 ? "alert" : "default"} />
      </dl>

      <OnDuty operators={live.operators} />

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div role="radiogroup" aria-label={t("rangeLabel")} className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5">
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              role="radio"
              aria-checked={range === r}
              onClick={() => setRange(r)}
              className={`rounded-md px-3 py-1.5 text-sm font-medium ${range === r ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {t(`range.${r}`)}
            </button>
          ))}
        </div>
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          {tt("teamsLabel")}
          <select className={inlineInputClass} value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">—</option>
            {(teams ?? []).map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        </label>
        <p className="text-xs text-slate-500">{t("updatedAt", { time: format.dateTime(new Date(metrics.generated_at), { hour: "2-digit", minute: "2-digit", second: "2-digit" }) })}</p>
      </div>

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <ChartCard
          title={t("charts.requests")}
          empty={sum("requests") === 0}
          columns={[period, t("charts.requestsTotal"), t("charts.inChat"), t("charts.ticketedAfterWait"), t("charts.ticketedAtOnce")]}
          rows={points.map((p) => [p.label, p.requests, p.in_chat, p.sessions_ticketed, p.requests_ticketed_at_once])}
        >
          <BarChart data={points}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} width={32} domain={[0, niceMax(points.map((p) => p.requests))]} />
            <Tooltip />
            <Legend />
            <Bar dataKey="in_chat" stackId="requests" name={t("charts.inChat")} fill={COLORS.primary} />
            <Bar dataKey="sessions_ticketed" stackId="requests" name={t("charts.ticketedAfterWait")} fill={COLORS.secondary} />
            <Bar dataKey="requests_ticketed_at_once" stackId="requests" name={t("charts.ticketedAtOnce")} fill={COLORS.muted} radius={[3, 3, 0, 0]} />
          </BarChart>
        </ChartCard>

        <ChartCard
          title={t("charts.times", { unit: t(`charts.unit.${timeUnit}`) })}
          empty={!has("wait") && !has("first")}
          columns={[period, t("charts.wait"), t("charts.firstResponse")]}
          rows={points.map((p) => [p.label, p.wait, p.first])}
        >
          <LineChart data={points} margin={{ top: 8, right: 12 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
            <YAxis tick={AXIS_TICK} width={36} domain={[0, niceMax(points.flatMap((p) => [p.wait, p.first]))]} />
            <Tooltip />
            <Legend />
            <Line type="monotone" dataKey="wait" name={t("charts.wait")} stroke={COLORS.primary} strokeWidth={2} connectNulls dot={{ r: 3 }} />
            <Line type="monotone" dataKey="first" name={t("charts.firstResponse")} stroke={COLORS.secondary} strokeWidth={2} connectNulls dot={{ r: 3 }} strokeDasharray="5 3" />
          </LineChart>
        </ChartCard>

        <ChartCard title={t("charts.tickets")} empty={sum("tickets") === 0} columns={[period, t("charts.count")]} rows={points.map((p) => [p.label, p.tickets])}>
          <BarChart data={points}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
            <YAxis allowDecimals={false} tick={AXIS_TICK} width={32} domain={[0, niceMax(points.map((p) => p.tickets))]} />
            <Tooltip />
            <Bar dataKey="tickets" name={t("charts.count")} fill={COLORS.primary} radius={[3, 3, 0, 0]} />
          </BarChart>
        </ChartCard>

        <ChartCard title={t("charts.resolution")} empty={!has("resolution_h")} columns={[period, t("charts.resolutionSeries")]} rows={points.map((p) => [p.label, p.resolution_h])}>
          <LineChart data={points} margin={{ top: 8, right: 12 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
            <YAxis tick={AXIS_TICK} width={36} domain={[0, niceMax(points.map((p) => p.resolution_h))]} />
            <Tooltip />
            <Line type="monotone" dataKey="resolution_h" name={t("charts.resolutionSeries")} stroke={COLORS.good} strokeWidth={2} connectNulls dot={{ r: 3 }} />
          </LineChart>
        </ChartCard>

        <ChartCard title={t("charts.sla")} empty={!has("sla_compliance")} columns={[period, t("charts.slaSeries")]} rows={points.map((p) => [p.label, p.sla_compliance])}>
          <LineChart data={points} margin={{ top: 8, right: 12 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={AXIS_TICK} minTickGap={12} />
            <YAxis domain={[0, 100]} tick={AXIS_TICK} width={40} unit="%" />
            <Tooltip />
            <Line type="monotone" dataKey="sla_compliance" name={t("charts.slaSeries")} stroke={COLORS.good} strokeWidth={2} connectNulls dot={{ r: 3 }} />
          </LineChart>
        </ChartCard>

        {countChart(t("charts.byStatus"), t("charts.count"), statusData, 120)}
        {countChart(t("charts.byPriority"), t("charts.count"), priorityData, 80)}
      </div>
    </div>
  );
}

