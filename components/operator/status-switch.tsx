"use client";
import { useTranslations } from "use-intl";
import type { OperatorStatus } from "@/components/chat/session-api";

const DOT = { online: "bg-emerald-500", away: "bg-amber-500", offline: "bg-slate-400" } as const;
const STATUSES: OperatorStatus[] = ["online", "away", "offline"];

/** Online / away / offline as a radio group: arrow keys move between them, the choice applies at once. */
export function StatusSwitch({ status, busy, onChange }: { status: OperatorStatus; busy: boolean; onChange: (status: OperatorStatus) => void }) {
  const t = useTranslations("operator.status");
  return (
    <fieldset className="flex items-center" aria-busy={busy}>
      <legend className="sr-only">{t("label")}</legend>
      <div className="inline-flex rounded-lg border border-slate-300 bg-white p-0.5 shadow-xs">
        {STATUSES.map((value) => (
          <label
            key={value}
            title={t(`${value}Hint`)}
            className={`relative flex cursor-pointer items-center gap-1.5 rounded-md px-2.5 py-1 text-sm font-medium whitespace-nowrap transition has-focus-visible:ring-2 has-focus-visible:ring-brand-600 ${
              status === value ? "bg-slate-900 text-white" : "text-slate-700 hover:bg-slate-100"
            }`}
          >
            <input
              type="radio"
              name="operator-status"
              value={value}
              checked={status === value}
              disabled={busy}
              onChange={() => onChange(value)}
              className="sr-only"
            />
            <span aria-hidden="true" className={`size-2 rounded-full ${DOT[value]}`} />
            {t(value)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
