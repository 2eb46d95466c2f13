"use client";
import { useCallback, useState } from "react";
import { useTranslations } from "use-intl";
import { AdminTable } from "@/components/admin/admin-table";
import { apiFetch } from "@/components/shared/api-client";
import { useAdminList } from "@/components/admin/use-admin-list";
import { dangerButton, inputClass, labelClass, primaryButton, secondaryButton, tdClass } from "@/components/admin/form-styles";
import { Card } from "@/components/admin/page-header";
import type { TeamBody, TeamPatchBody, TeamView } from "@/lib/schemas/teams";
import type { BusinessHours } from "@/lib/schemas/escalation-rules";

type OperatorOption = { id: string; name: string; active: boolean };

/** The form's flat fields; business hours as one interval for weekdays, Saturday and Sunday (empty: closed). */
interface TeamForm {
  name: string;
  slug: string;
  members: string[];
  max_queue_length: string;
  max_queue_wait_minutes: string;
  fallback_team: string;
  fallback_after_minutes: string;
  whatsapp_number: string;
  hours: boolean;
  timezone: string;
  weekdays: [string, string];
  saturday: [string, string];
  sunday: [string, string];
  holidays: string;
}

const EMPTY: TeamForm = {
  name: "",
  slug: "",
  members: [],
  max_queue_length: "",
  max_queue_wait_minutes: "",
  fallback_team: "",
  fallback_after_minutes: "",
  whatsapp_number: "",
  hours: false,
  timezone: "Europe/Rome",
  weekdays: ["09:00", "18:00"],
  saturday: ["", ""],
  sunday: ["", ""],
  holidays: "",
};

const interval = (hours: BusinessHours | null, day: keyof BusinessHours["days"]): [string, string] => {
  const first = hours?.days[day]?.[0];
  return first ? [first[0], first[1]] : ["", ""];
};

function toForm(team: TeamView): TeamForm {
  const h = team.business_hours;
  return {
    name: team.name,
    slug: team.slug,
    members: team.members.map((m) => m.id),
    max_queue_length: team.max_queue_length?.toString() ?? "",
    max_queue_wait_minutes: team.max_queue_wait_minutes?.toString() ?? "",
    fallback_team: team.fallback_team?.id ?? "",
    fallback_after_minutes: team.fallback_after_minutes?.toString() ?? "",
    whatsapp_number: team.whatsapp_number ?? "",
    hours: h !== null,
    timezone: h?.timezone ?? EMPTY.timezone,
    weekdays: h ? interval(h, "mon") : EMPTY.weekdays,
    saturday: interval(h, "sat"),
    sunday: interval(h, "sun"),
    holidays: h?.holidays.join(", ") ?? "",
  };
}

function toBody(form: TeamForm): TeamBody {
  const numberOrNull = (value: string) => (value.trim() === "" ? null : Number(value));
  const day = (i: [string, string]): [string, string][] => (i[0] && i[1] ? [[i[0], i[1]]] : []);
  const weekday = day(form.weekdays);
  return {
    name: form.name,
    slug: form.slug,
    members: form.members,
    max_queue_length: numberOrNull(form.max_queue_length),
    max_queue_wait_minutes: numberOrNull(form.max_queue_wait_minutes),
    fallback_team: form.fallback_team || null,
    fallback_after_minutes: numberOrNull(form.fallback_after_minutes),
    whatsapp_number: form.whatsapp_number.trim() || null,
    business_hours: form.hours
      ? {
          enabled: true,
          timezone: form.timezone,
          days: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: day(form.saturday), sun: day(form.sunday) },
          holidays: form.holidays
            .split(",")
            .map((d) => d.trim())
            .filter(Boolean),
        }
      : null,
  };
}

/**
 * An edit's body. The form shows one interval per weekday group, so hours set per day through the API would be
 * flattened by a save: when the hour fields were left as loaded, the stored hours are not sent and stay as they are.
 */
function patchBody(form: TeamForm, team: TeamView): TeamPatchBody {
  const body = toBody(form);
  const { business_hours, ...rest } = body;
  const untouched = JSON.stringify(business_hours) === JSON.stringify(toBody(toForm(team)).business_hours);
  return untouched ? rest : body;
}

/** Teams: list with members, queue, limits and fallback; create, edit (members, hours, limits, fallback), delete. */
export function TeamsManager() {
  const t = useTranslations("teams");
  const tu = useTranslations("admin.ui");
  const failed = useCallback((message: string) => tu("requestFailed", { message }), [tu]);
  const { items: teams, error, setError, reload } = useAdminList<TeamView>("/api/admin/teams", failed);
  const { items: operators } = useAdminList<OperatorOption>("/api/chat/operators", failed);
  const [editing, setEditing] = useState<TeamView | "new" | null>(null);
  const [form, setForm] = useState<TeamForm>(EMPTY);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = (team: TeamView | "new") => {
    setEditing(team);
    setForm(team === "new" ? EMPTY : toForm(team));
    setNotice(null);
  };

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    setBusy(true);
    const result =
      editing === "new"
        ? await apiFetch<TeamView>("/api/admin/teams", { method: "POST", body: toBody(form) })
        : await apiFetch<TeamView>(`/api/admin/teams/${editing.id}`, { method: "PATCH", body: patchBody(form, editing) });
    setBusy(false);
    if (!result.ok) return setError(failed(result.message));
    setError(null);
    setNotice(tu("saved"));
    setEditing(null);
    await reload();
  };

  const remove = async (team: TeamView) => {
    if (!window.confirm(t("confirmDelete", { name: team.name }))) return;
    const result = await apiFetch<{ moved_sessions: number }>(`/api/admin/teams/${team.id}`, { method: "DELETE" });
    if (!result.ok) return setError(failed(result.message));
    setError(null);
    setNotice(t("deleted", { sessions: result.data.moved_sessions }));
    await reload();
  };

  const field = (key: keyof TeamForm, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => (
    <div>
      <label htmlFor={`team-${key}`} className={labelClass}>
        {label}
      </label>
      <input id={`team-${key}`} className={inputClass} value={form[key] as string} onChange={(e) => setForm({ ...form, [key]: e.target.value })} {...props} />
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </div>
  );
  const hoursField = (key: "weekdays" | "saturday" | "sunday", label: string) => (
    <fieldset>
      <legend className={labelClass}>{label}</legend>
      <div className="flex gap-2">
        {[0, 1].map((i) => (
          <input
            key={i}
            type="time"
            aria-label={`${label} ${i === 0 ? "⟶" : "⟵"}`}
            className={inputClass}
            value={form[key][i]}
            onChange={(e) => setForm({ ...form, [key]: (i === 0 ? [e.target.value, form[key][1]] : [form[key][0], e.target.value]) as [string, string] })}
          />
        ))}
      </div>
      <p className="mt-1 text-xs text-slate-500">{t("closedHint")}</p>
    </fieldset>
  );

  return (
    <div className="space-y-6">
      <div aria-live="polite" role="status">
        {error ? <p className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
        {notice ? <p className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{notice}</p> : null}
      </div>

      {editing ? (
        <Card title={editing === "new" ? t("create") : t("editTitle", { name: editing.name })}>
          <form onSubmit={save} className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {field("name", t("name"), { required: true, maxLength: 100 })}
            {field("slug", t("slug"), { required: true, pattern: "[a-z0-9][a-z0-9\\-]{0,49}" }, t("slugHint"))}
            {field("whatsapp_number", t("whatsappNumber"), { type: "tel", pattern: "\\+[1-9][0-9]{6,14}" }, t("whatsappHint"))}
            {field("max_queue_length", t("maxQueueLength"), { type: "number", min: 0, max: 10000 }, t("deskDefault"))}
            {field("max_queue_wait_minutes", t("maxQueueWait"), { type: "number", min: 1, max: 1440 }, t("deskDefault"))}
            <div>
              <label htmlFor="team-fallback" className={labelClass}>
                {t("fallbackTeam")}
              </label>
              <select id="team-fallback" className={inputClass} value={form.fallback_team} onChange={(e) => setForm({ ...form, fallback_team: e.target.value })}>
                <option value="">{t("noFallback")}</option>
                {(teams ?? [])
                  .filter((team) => editing === "new" || team.id !== editing.id)
                  .map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
              </select>
            </div>
            {field("fallback_after_minutes", t("fallbackAfter"), { type: "number", min: 1, max: 1440, required: form.fallback_team !== "" })}
            <fieldset className="sm:col-span-2 lg:col-span-3">
              <legend className={labelClass}>{t("membersLabel")}</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-2">
                {(operators ?? [])
                  .filter((o) => o.active)
                  .map((o) => (
                    <label key={o.id} className="inline-flex items-center gap-2 text-sm text-slate-700">
                      <input
                        type="checkbox"
                        className="h-4 w-4 rounded border-slate-300"
                        checked={form.members.includes(o.id)}
                        onChange={(e) => setForm({ ...form, members: e.target.checked ? [...form.members, o.id] : form.members.filter((id) => id !== o.id) })}
                      />
                      {o.name}
                    </label>
                  ))}
              </div>
            </fieldset>
            <label className="inline-flex items-center gap-2 text-sm font-medium text-slate-700 sm:col-span-2 lg:col-span-3">
              <input type="checkbox" className="h-4 w-4 rounded border-slate-300" checked={form.hours} onChange={(e) => setForm({ ...form, hours: e.target.checked })} />
              {t("hoursEnabled")}
            </label>
            {form.hours ? (
              <>
                {field("timezone", t("timezone"), { required: true })}
                {hoursField("weekdays", t("weekdays"))}
                {hoursField("saturday", t("saturday"))}
                {hoursField("sunday", t("sunday"))}
                <div className="sm:col-span-2">{field("holidays", t("holidays"), {}, t("holidaysHint"))}</div>
              </>
            ) : null}
            <div className="flex gap-2 sm:col-span-2 lg:col-span-3">
              <button type="submit" className={primaryButton} disabled={busy}>
                {t("save")}
              </button>
              <button type="button" className={secondaryButton} onClick={() => setEditing(null)}>
                {t("cancel")}
              </button>
            </div>
          </form>
        </Card>
      ) : (
        <button type="button" className={primaryButton} onClick={() => open("new")}>
          {t("create")}
        </button>
      )}

      <AdminTable
        columns={(["team", "members", "queue", "limits", "fallback", "actions"] as const).map((c) => t(`columns.${c}`))}
        items={teams}
        loadingLabel={tu("loading")}
        emptyLabel={t("empty")}
        renderRow={(team) => (
          <tr key={team.id}>
            <td className={tdClass}>
              <div className="font-medium text-slate-900">{team.name}</div>
              <div className="text-xs text-slate-500">
                {team.slug}
                {team.is_default ? ` · ${t("default")}` : ""}
                {team.business_hours ? ` · ${t("ownHours")}` : ""}
                {team.whatsapp_number ? ` · ${team.whatsapp_number}` : ""}
              </div>
            </td>
            <td className={tdClass}>{team.members.map((m) => m.name).join(", ")}</td>
            <td className={`${tdClass} tabular-nums`}>{team.queued}</td>
            <td className={tdClass}>
              {team.max_queue_length === null && team.max_queue_wait_minutes === null
                ? t("deskLimits")
                : t("limitsValue", { length: team.max_queue_length ?? "–", wait: team.max_queue_wait_minutes ?? "–" })}
            </td>
            <td className={tdClass}>{team.fallback_team ? t("fallbackValue", { team: team.fallback_team.name, minutes: team.fallback_after_minutes ?? 0 }) : t("noFallback")}</td>
            <td className={`${tdClass} space-x-2 whitespace-nowrap`}>
              <button type="button" className={secondaryButton} onClick={() => open(team)} aria-label={`${t("edit")} ${team.name}`}>
                {t("edit")}
              </button>
              {team.is_default ? null : (
                <button type="button" className={dangerButton} onClick={() => void remove(team)} aria-label={`${t("delete")} ${team.name}`}>
                  {t("delete")}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
