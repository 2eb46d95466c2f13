"use client";
import { useCallback, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { AdminTable } from "@/components/admin/admin-table";
import { apiFetch } from "@/components/shared/api-client";
import { useAdminList } from "@/components/admin/use-admin-list";
import { OperatorStatusDot } from "@/components/shared/badges";
import { dangerButton, inlineInputClass, primaryButton, secondaryButton, tdClass } from "@/components/admin/form-styles";
import { InputField, SelectField } from "@/components/admin/form-fields";
import { Card } from "@/components/admin/page-header";

interface OperatorView {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  role: "operator" | "admin" | "supervisor";
  status: "online" | "away" | "offline";
  max_chats: number;
  active: boolean;
  last_seen_at: string | null;
  invite_pending: boolean;
  active_chats?: number;
  skills: string[];
  teams: { id: string; slug: string; name: string }[];
}

/**
 * Operators: invite (POST /api/chat/operators sends the set-password link through the outbox), resend the invite or
 * send a password reset (audited), role, capacity, deactivate.
 */
export function OperatorsManager({ currentOperatorId }: { currentOperatorId: string }) {
  const t = useTranslations("admin.operators");
  const tr = useTranslations("admin.role");
  const tu = useTranslations("admin.ui");
  const format = useFormatter();
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [invite, setInvite] = useState({ name: "", email: "", phone: "", role: "operator", max_chats: 3 });
  const [inviting, setInviting] = useState(false);

  const failed = useCallback((message: string) => tu("requestFailed", { message }), [tu]);
  const { items: operators, error, setError, reload: load } = useAdminList<OperatorView>("/api/chat/operators", failed);
  const tt = useTranslations("teams");
  const { items: teams } = useAdminList<{ id: string; slug: string; name: string }>("/api/admin/teams", failed);

  const patch = async (operator: OperatorView, body: Record<string, unknown>) => {
    setBusyId(operator.id);
    setNotice(null);
    const result = await apiFetch(`/api/chat/operators/${operator.id}`, { method: "PATCH", body });
    setBusyId(null);
    if (!result.ok) setError(tu("requestFailed", { message: result.message }));
    else {
      setError(null);
      setNotice(tu("saved"));
    }
    await load();
  };

  const sendLink = async (operator: OperatorView, kind: "resend-invite" | "password-reset") => {
    setBusyId(operator.id);
    setNotice(null);
    const result = await apiFetch(`/api/chat/operators/${operator.id}/${kind}`, { method: "POST" });
    setBusyId(null);
    if (!result.ok) return setError(tu("requestFailed", { message: result.message }));
    setError(null);
    setNotice(t(kind === "resend-invite" ? "inviteResent" : "resetSent", { email: operator.email }));
  };

  const submitInvite = async (event: React.FormEvent) => {
    event.preventDefault();
    setInviting(true);
    setNotice(null);
    const result = await apiFetch("/api/chat/operators", {
      method: "POST",
      body: { name: invite.name, email: invite.email, phone: invite.phone.trim() || null, role: invite.role, max_chats: invite.max_chats },
    });
    setInviting(false);
    if (!result.ok) {
      setError(tu("requestFailed", { message: result.message }));
      return;
    }
    setError(null);
    setNotice(t("invite.sent", { email: invite.email }));
    setInvite({ name: "", email: "", phone: "", role: "operator", max_chats: 3 });
    await load();
  };

  return (
    <div className="space-y-6">
      <div aria-live="polite" role="status">
        {error ? <p className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
        {notice ? <p className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{notice}</p> : null}
      </div>

      <Card title={t("invite.title")}>
        <form onSubmit={submitInvite} className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-6">
          <InputField id="inv-name" className="lg:col-span-2" label={t("invite.name")} required maxLength={120} value={invite.name} onChange={(e) => setInvite({ ...invite, name: e.target.value })} />
          <InputField id="inv-email" className="lg:col-span-2" label={t("invite.email")} type="email" required value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.target.value })} />
          <InputField
            id="inv-phone"
            className="lg:col-span-2"
            label={t("invite.phone")}
            hint={t("invite.phoneHint")}
            type="tel"
            pattern="\+[1-9][0-9]{6,14}"
            value={invite.phone}
            onChange={(e) => setInvite({ ...invite, phone: e.target.value })}
          />
          <SelectField
            id="inv-role"
            className="lg:col-span-2"
            label={t("invite.role")}
            value={invite.role}
            onChange={(e) => setInvite({ ...invite, role: e.target.value })}
            options={(["operator", "supervisor", "admin"] as const).map((role) => ({ value: role, label: tr(role) }))}
          />
          <InputField
            id="inv-max"
            className="lg:col-span-2"
            label={t("invite.maxChats")}
            type="number"
            min={1}
            max={50}
            required
            value={invite.max_chats}
            onChange={(e) => setInvite({ ...invite, max_chats: Number(e.target.value) })}
          />
          <div className="flex items-end lg:col-span-2">
            <button type="submit" className={primaryButton} disabled={inviting}>
              {inviting ? t("invite.sending") : t("invite.submit")}
            </button>
          </div>
        </form>
      </Card>

      <AdminTable
        columns={[...(["name", "status", "role", "maxChats", "load"] as const).map((c) => t(`columns.${c}`)), `${tt("teamsLabel")} / ${tt("skillsLabel")}`, ...(["lastSeen", "actions"] as const).map((c) => t(`columns.${c}`))]}
        items={operators}
        loadingLabel={tu("loading")}
        emptyLabel={t("empty")}
        renderRow={(o) => (
          <tr key={o.id} className={o.active ? "" : "bg-slate-50 text-slate-400"}>
            <td className={tdClass}>
              <div className="font-medium text-slate-900">{o.name}</div>
              <div className="text-xs text-slate-500">{o.email}</div>
              {o.phone ? <div className="text-xs text-slate-500">{o.phone}</div> : null}
            </td>
            <td className={tdClass}>{o.active ? <OperatorStatusDot status={o.status} /> : <span className="text-sm font-medium text-slate-500">{t("inactive")}</span>}</td>
            <td className={tdClass}>
              <label htmlFor={`role-${o.id}`} className="sr-only">
                {t("roleLabel", { name: o.name })}
              </label>
              <select
                id={`role-${o.id}`}
                className={inlineInputClass}
                value={o.role}
                disabled={busyId === o.id || !o.active || o.id === currentOperatorId}
                onChange={(e) => void patch(o, { role: e.target.value })}
              >
                <option value="operator">{tr("operator")}</option>
                <option value="supervisor">{tr("supervisor")}</option>
              <option value="admin">{tr("admin")}</option>
              </select>
            </td>
            <td className={tdClass}>
              <label htmlFor={`max-${o.id}`} className="sr-only">
                {t("maxChatsLabel", { name: o.name })}
              </label>
              <input
                key={`max-${o.id}-${o.max_chats}`}
                id={`max-${o.id}`}
                type="number"
                min={1}
                max={50}
                defaultValue={o.max_chats}
                disabled={busyId === o.id || !o.active}
                className={`${inlineInputClass} w-20`}
                onBlur={(e) => {
                  const value = Number(e.target.value);
                  if (Number.isInteger(value) && value >= 1 && value <= 50 && value !== o.max_chats) void patch(o, { max_chats: value });
                }}
              />
            </td>
            <td className={`${tdClass} tabular-nums`}>
              {o.active_chats ?? 0} / {o.max_chats}
            </td>
            <td className={tdClass}>
              <label htmlFor={`teams-${o.id}`} className="sr-only">
                {tt("teamsOf", { name: o.name })}
              </label>
              <select
                key={`teams-${o.id}-${o.teams.map((team) => team.slug).join()}`}
                id={`teams-${o.id}`}
                multiple
                size={Math.min(4, Math.max(2, teams?.length ?? 2))}
                className={`${inlineInputClass} w-40`}
                defaultValue={o.teams.map((team) => team.slug)}
                disabled={busyId === o.id || !o.active}
                onBlur={(e) => {
                  const slugs = Array.from(e.target.selectedOptions, (option) => option.value);
                  if (slugs.sort().join() !== o.teams.map((team) => team.slug).sort().join()) void patch(o, { teams: slugs });
                }}
              >
                {(teams ?? []).map((team) => (
                  <option key={team.id} value={team.slug}>
                    {team.name}
                  </option>
                ))}
              </select>
              <label htmlFor={`skills-${o.id}`} className="sr-only">
                {tt("skillsOf", { name: o.name })}
              </label>
              <input
                key={`skills-${o.id}-${o.skills.join()}`}
                id={`skills-${o.id}`}
                defaultValue={o.skills.join(", ")}
                placeholder={tt("skillsHint")}
                disabled={busyId === o.id || !o.active}
                className={`${inlineInputClass} mt-1 w-40`}
                onBlur={(e) => {
                  const skills = e.target.value
                    .split(",")
                    .map((skill) => skill.trim().toLowerCase())
                    .filter(Boolean);
                  if ([...new Set(skills)].sort().join() !== o.skills.join()) void patch(o, { skills });
                }}
              />
            </td>
            <td className={`${tdClass} whitespace-nowrap`}>{o.last_seen_at ? format.relativeTime(new Date(o.last_seen_at)) : t("never")}</td>
            <td className={`${tdClass} space-y-1`}>
              {o.active && o.id !== currentOperatorId ? (
                <button type="button" className={`${secondaryButton} block`} disabled={busyId === o.id} onClick={() => void sendLink(o, o.invite_pending ? "resend-invite" : "password-reset")}>
                  {o.invite_pending ? t("resendInvite") : t("sendReset")}
                </button>
              ) : null}
              {o.active && o.invite_pending ? <span className="block text-xs text-amber-700">{t("invitePending")}</span> : null}
              {o.id === currentOperatorId ? null : o.active ? (
                <button
                  type="button"
                  className={`${dangerButton} block`}
                  disabled={busyId === o.id}
                  onClick={() => {
                    if (window.confirm(t("confirmDeactivate", { name: o.name }))) void patch(o, { active: false });
                  }}
                >
                  {t("deactivate")}
                </button>
              ) : (
                <button type="button" className={secondaryButton} disabled={busyId === o.id} onClick={() => void patch(o, { active: true })}>
                  {t("reactivate")}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
