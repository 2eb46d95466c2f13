"use client";
import { useTranslations } from "use-intl";
import type { CannedPickerState } from "@/components/canned/use-canned-picker";

/**
 * The list under a message box while the operator types `/` and a few letters (ARIA listbox driven from the textarea
 * by aria-activedescendant), and the note that names a variable still to fill in before the message can go.
 */
export function CannedPicker({ picker }: { picker: CannedPickerState }) {
  const t = useTranslations("canned.picker");
  return (
    <>
      {picker.open ? (
        <ul
          id={picker.listId}
          role="listbox"
          aria-label={t("label")}
          className="absolute inset-x-2 bottom-full z-20 mb-1 max-h-72 overflow-y-auto rounded-xl border border-slate-200 bg-white py-1 shadow-lg"
        >
          {picker.results.map((item, index) => (
            <li
              key={item.id}
              id={picker.optionId(index)}
              role="option"
              aria-selected={index === picker.active}
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => picker.setActive(index)}
              onClick={() => picker.insert(item)}
              className={`cursor-pointer px-3 py-2 text-sm ${index === picker.active ? "bg-brand-50" : ""}`}
            >
              <span className="font-mono font-semibold text-brand-700">/{item.shortcut}</span> <span className="font-medium text-slate-900">{item.title}</span>
              <span className="block truncate text-xs text-slate-600">{item.rendered?.text ?? Object.values(item.bodies)[0]}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {picker.unfilled.length > 0 && !picker.open ? (
        <p role="alert" className="absolute inset-x-2 bottom-full mb-1 rounded-lg border border-amber-300 bg-amber-50 px-3 py-1.5 text-xs text-amber-950">
          {t("unfilled", { names: picker.unfilled.map((name) => `{{${name}}}`).join(", ") })}
        </p>
      ) : null}
    </>
  );
}
