"use client";
import { useCallback, useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { apiFetch } from "@/components/shared/api-client";

interface SuggestedContact {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  email_verified: boolean;
  phone_verified: boolean;
  conversations: number;
  tickets: number;
}
interface Group {
  via: "email" | "phone";
  value: string;
  automatic: boolean;
  contacts: SuggestedContact[];
}
interface Plan {
  into: { id: string; name: string | null; email: string | null };
  from: { id: string };
  moves: { conversations: number; tickets: number; notes: number };
  fills: string[];
  open_chats: { into: string[]; from: string[] };
}

const label = (c: { name: string | null; email: string | null; phone?: string | null; id: string }) => c.name ?? c.email ?? c.phone ?? c.id;

/** Possible duplicates (same email or phone); an admin previews what a merge moves, then merges. */
export function MergeSuggestions() {
  const t = useTranslations("contacts");
  const [groups, setGroups] = useState<Group[] | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const result = await apiFetch<Group[]>("/api/admin/contacts/merge-suggestions");
    if (result.ok) setGroups(result.data);
    else setError(result.message);
  }, []);
  useEffect(() => {
    void (async () => load())();
  }, [load]);

  const preview = async (into: string, from: string) => {
    const result = await apiFetch<Plan>(`/api/admin/contacts/merge-preview?${new URLSearchParams({ into, from })}`);
    if (result.ok) setPlan(result.data);
    else setError(result.message);
  };
  const bothChatting = !!plan && plan.open_chats.into.length > 0 && plan.open_chats.from.length > 0;
  const merge = async () => {
    if (!plan) return;
    const result = await apiFetch<Plan>("/api/admin/contacts/merge", { method: "POST", body: { into: plan.into.id, from: plan.from.id } });
    setPlan(null);
    if (!result.ok) return setError(result.message);
    setNotice(t("merge.done"));
    await load();
  };

  return (
    <div className="space-y-3">
      <p role="status" className="text-sm text-emerald-800">
        {notice}
      </p>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {groups && groups.length === 0 ? <p className="text-sm text-slate-600">{t("merge.none")}</p> : null}
      <ul className="space-y-3">
        {groups?.map((group) => {
          const [first, ...rest] = group.contacts;
          return (
            <li key={`${group.via}:${group.value}`} className="rounded-lg border border-slate-200 p-3 text-sm" data-testid="merge-group">
              <p className="font-medium text-slate-900">
                {group.via === "email" ? t("merge.sharedEmail", { value: group.value }) : t("merge.sharedPhone", { value: group.value })}
                {group.automatic ? <span className="ml-2 text-xs text-emerald-800">{t("merge.automatic")}</span> : null}
              </p>
              <ul className="mt-2 space-y-1">
                {group.contacts.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center gap-2">
                    <a href={`/admin/contacts/${c.id}`} className="font-medium text-brand-700 hover:underline">
                      {label(c)}
                    </a>
                    <span className="text-xs text-slate-600">
                      {[c.email, c.phone].filter(Boolean).join(" · ")} — {t("merge.counts", { conversations: c.conversations, tickets: c.tickets })}
                      {(group.via === "email" ? c.email_verified : c.phone_verified) ? ` — ${t("merge.verified")}` : ""}
                    </span>
                    {c !== first ? (
                      <button type="button" onClick={() => void preview(first.id, c.id)} className="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50">
                        {t("merge.preview", { name: label(first) })}
                      </button>
                    ) : null}
                  </li>
                ))}
              </ul>
              {plan && plan.into.id === first.id && rest.some((c) => c.id === plan.from.id) ? (
                <div role="dialog" aria-label={t("merge.confirm")} className="mt-3 rounded-lg bg-slate-50 p-3">
                  <p>
                    {t("merge.previewText", {
                      into: label(plan.into),
                      conversations: plan.moves.conversations,
                      tickets: plan.moves.tickets,
                      notes: plan.moves.notes,
                      fills: plan.fills.length ? plan.fills.join(", ") : t("merge.nothingFilled"),
                    })}
                  </p>
                  {bothChatting ? <p className="mt-1 text-amber-800">{t("merge.bothChatting")}</p> : null}
                  <div className="mt-2 flex gap-2">
                    <button type="button" disabled={bothChatting} onClick={() => void merge()} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
                      {t("merge.confirm")}
                    </button>
                    <button type="button" onClick={() => setPlan(null)} className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700">
                      {t("merge.cancel")}
                    </button>
                  </div>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
