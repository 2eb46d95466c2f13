"use client";
import { useMemo, useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";
import { inlineInputClass, inputClass, labelClass, primaryButton, secondaryButton } from "@/components/admin/form-styles";
import { Card } from "@/components/admin/page-header";
import { escalationRulesSchema, weekdays, type EscalationRules } from "@/lib/schemas/escalation-rules";

type Day = (typeof weekdays)[number];
const SLA_PRIORITIES = ["urgent", "high", "medium", "low"] as const;

/** The escalation rules and business-hours calendar, validated in the browser by the same zod schema as the API. */
export function RulesEditor({ initial }: { initial: EscalationRules }) {
  const t = useTranslations("admin.rules");
  const tp = useTranslations("admin.priority");
  const tu = useTranslations("admin.ui");
  const [rules, setRules] = useState<EscalationRules>(initial);
  const [holiday, setHoliday] = useState("");
  const [saving, setSaving] = useState(false);
  const [feedback, setFeedback] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const timeZones = useMemo(() => {
    const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    return zones.includes(rules.business_hours.timezone) ? zones : [rules.business_hours.timezone, ...zones];
  }, [rules.business_hours.timezone]);

  const parsed = escalationRulesSchema.safeParse(rules);
  const invalid = new Set(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join(".")));
  const invalidClass = (path: string) => ([...invalid].some((p) => p === path || p.startsWith(`${path}.`)) ? "border-red-500 ring-2 ring-red-200" : "");
  const fieldClass = (path: string) => `${inputClass} ${invalidClass(path)}`;

  const set = <K extends keyof EscalationRules>(key: K, value: EscalationRules[K]) => setRules((r) => ({ ...r, [key]: value }));
  const setHours = (patch: Partial<EscalationRules["business_hours"]>) => setRules((r) => ({ ...r, business_hours: { ...r.business_hours, ...patch } }));
  const setDay = (day: Day, intervals: [string, string][]) => setHours({ days: { ...rules.business_hours.days, [day]: intervals } });
  const int = (value: string) => (value === "" ? Number.NaN : Number(value));

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!parsed.success) {
      setFeedback({ tone: "error", text: t("invalid") });
      return;
    }
    setSaving(true);
    const result = await apiFetch<EscalationRules>("/api/chat/escalation-rules", { method: "PUT", body: parsed.data });
    setSaving(false);
    if (result.ok) {
      setRules(result.data);
      setFeedback({ tone: "ok", text: tu("saved") });
    } else setFeedback({ tone: "error", text: tu("requestFailed", { message: result.message }) });
  };

  const numberField = (id: keyof EscalationRules, label: string, hint?: string, min = 0) => (
    <div>
      <label htmlFor={`rule-${id}`} className={labelClass}>
        {label}
      </label>
      <input
        id={`rule-${id}`}
        type="number"
        min={min}
        step={1}
        className={fieldClass(id)}
        value={Number.isNaN(rules[id] as number) ? "" : (rules[id] as number)}
        aria-invalid={invalid.has(id)}
        aria-describedby={hint ? `rule-${id}-hint` : undefined}
        onChange={(e) => set(id, int(e.target.value) as never)}
      />
      {hint ? (
        <p id={`rule-${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <form onSubmit={save} className="space-y-6" noValidate>
      <Card title={t("escalation")}>
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {numberField("max_queue_wait_minutes", t("maxQueueWait"), t("maxQueueWaitHint"), 1)}
          {numberField("unanswered_assignment_seconds", t("unanswered"), t("unansweredHint"), 10)}
          {numberField("alert_after_missed_assignments", t("alertAfter"), undefined, 1)}
          {numberField("max_queue_length", t("maxQueueLength"), t("maxQueueLengthHint"), 0)}
        </div>
        <label className="mt-4 inline-flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={rules.urgent_whatsapp_alert} onChange={(e) => set("urgent_whatsapp_alert", e.target.checked)} />
          {t("urgentAlert")}
        </label>
      </Card>

      <Card title={t("sla")}>
        <p className="-mt-1 mb-3 text-xs text-slate-500">{t("slaHint")}</p>
        <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
          {SLA_PRIORITIES.map((p) => (
            <div key={p}>
              <label htmlFor={`sla-${p}`} className={labelClass}>
                {tp(p)}
              </label>
              <input
                id={`sla-${p}`}
                type="number"
                min={0.25}
                step={0.25}
                className={fieldClass(`sla_hours.${p}`)}
                aria-invalid={invalid.has(`sla_hours.${p}`)}
                value={Number.isNaN(rules.sla_hours[p]) ? "" : rules.sla_hours[p]}
                onChange={(e) => set("sla_hours", { ...rules.sla_hours, [p]: int(e.target.value) })}
              />
            </div>
          ))}
        </div>
      </Card>

      <Card title={t("hours")}>
        <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-700">
          <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={rules.business_hours.enabled} onChange={(e) => setHours({ enabled: e.target.checked })} />
          {t("hoursEnabled")}
        </label>
        <div className="mt-4 max-w-sm">
          <label htmlFor="rule-tz" className={labelClass}>
            {t("timezone")}
          </label>
          <select id="rule-tz" className={fieldClass("business_hours.timezone")} value={rules.business_hours.timezone} onChange={(e) => setHours({ timezone: e.target.value })}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </div>
        <div className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200">
          {weekdays.map((day) => {
            const intervals = rules.business_hours.days[day] as [string, string][];
            return (
              <fieldset key={day} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start">
                <legend className="float-left w-32 pt-2 text-sm font-semibold text-slate-800">{t(`day.${day}`)}</legend>
                <div className="flex flex-1 flex-col gap-2">
                  {intervals.length === 0 ? <p className="pt-2 text-sm text-slate-500">{t("closedDay")}</p> : null}
                  {intervals.map(([from, to], index) => (
                    <div key={index} className="flex flex-wrap items-center gap-2">
                      <label className="sr-only" htmlFor={`h-${day}-${index}-from`}>{`${t(`day.${day}`)} ${t("from")}`}</label>
                      <input
                        id={`h-${day}-${index}-from`}
                        type="time"
                        className={`${inlineInputClass} w-32 ${invalidClass(`business_hours.days.${day}.${index}`)}`}
                        value={from}
                        onChange={(e) => setDay(day, intervals.map((iv, i) => (i === index ? [e.target.value, iv[1]] : iv)))}
                      />
                      <span aria-hidden className="text-slate-500">–</span>
                      <label className="sr-only" htmlFor={`h-${day}-${index}-to`}>{`${t(`day.${day}`)} ${t("to")}`}</label>
                      <input
                        id={`h-${day}-${index}-to`}
                        type="time"
                        className={`${inlineInputClass} w-32 ${invalidClass(`business_hours.days.${day}.${index}`)}`}
                        value={to}
                        onChange={(e) => setDay(day, intervals.map((iv, i) => (i === index ? [iv[0], e.target.value] : iv)))}
                      />
                      <button type="button" className="text-sm text-red-700 hover:underline" onClick={() => setDay(day, intervals.filter((_, i) => i !== index))}>
                        {t("removeInterval")}
                      </button>
                    </div>
                  ))}
                  {intervals.length < 4 ? (
                    <button
                      type="button"
                      className="self-start text-sm font-medium text-brand-700 hover:underline"
                      onClick={() => setDay(day, [...intervals, intervals.length ? ["14:00", "18:00"] : ["09:00", "18:00"]])}
                    >
                      + {t("addInterval")}
                    </button>
                  ) : null}
                </div>
              </fieldset>
            );
          })}
        </div>

        <div className="mt-6">
          <h3 className="text-sm font-semibold text-slate-800">{t("holidays")}</h3>
          <p className="text-xs text-slate-500">{t("holidaysHint")}</p>
          <ul className="mt-2 flex flex-wrap gap-2">
            {rules.business_hours.holidays.length === 0 ? <li className="text-sm text-slate-500">{t("noHolidays")}</li> : null}
            {rules.business_hours.holidays.map((date) => (
              <li key={date} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-1 pl-3 pr-1 text-sm text-slate-800">
                {date}
                <button
                  type="button"
                  aria-label={t("removeHoliday", { date })}
                  className="rounded-full px-2 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
                  onClick={() => setHours({ holidays: rules.business_hours.holidays.filter((d) => d !== date) })}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          <div className="mt-3 flex items-end gap-2">
            <div>
              <label htmlFor="holiday-new" className="sr-only">
                {t("holidays")}
              </label>
              <input id="holiday-new" type="date" className={inlineInputClass} value={holiday} onChange={(e) => setHoliday(e.target.value)} />
            </div>
            <button
              type="button"
              className={secondaryButton}
              disabled={!/^\d{4}-\d{2}-\d{2}$/.test(holiday)}
              onClick={() => {
                if (!rules.business_hours.holidays.includes(holiday)) setHours({ holidays: [...rules.business_hours.holidays, holiday].sort() });
                setHoliday("");
              }}
            >
              {t("addHoliday")}
            </button>
          </div>
        </div>
      </Card>

      <div className="sticky bottom-0 flex items-center gap-3 border-t border-slate-200 bg-slate-50/95 py-3 backdrop-blur">
        <button type="submit" className={primaryButton} disabled={saving}>
          {saving ? tu("saving") : t("save")}
        </button>
        <p role="status" aria-live="polite" className={`text-sm ${feedback?.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {feedback?.text}
        </p>
      </div>
    </form>
  );
}
