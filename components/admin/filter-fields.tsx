import Link from "next/link";
import { inputClass, labelClass, primaryButton, secondaryButton } from "@/components/admin/form-styles";

// The fields of the admin lists' filter forms: plain GET forms, so filtering works without JavaScript and every
// filtered view is a shareable URL.

export type FilterOption = { value: string; label: string };
export type FilterOptionGroup = { group: string; options: FilterOption[] };

export function FilterSelect({ id, name, label, defaultValue, options }: { id: string; name: string; label: string; defaultValue: string; options: (FilterOption | FilterOptionGroup)[] }) {
  const option = (o: FilterOption) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className={inputClass}>
        {options.map((o) =>
          "group" in o ? (
            <optgroup key={o.group} label={o.group}>
              {o.options.map(option)}
            </optgroup>
          ) : (
            option(o)
          ),
        )}
      </select>
    </div>
  );
}

export function FilterInput({ id, name, label, type = "text", defaultValue, placeholder, className }: { id: string; name: string; label: string; type?: "text" | "date" | "search"; defaultValue: string; placeholder?: string; className?: string }) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input id={id} name={name} type={type} defaultValue={defaultValue} placeholder={placeholder} className={inputClass} />
    </div>
  );
}

/** Apply submits the form; reset is a link to the unfiltered list. */
export function FilterButtons({ resetHref, apply, reset, className }: { resetHref: string; apply: string; reset: string; className: string }) {
  return (
    <div className={className}>
      <button type="submit" className={primaryButton}>
        {apply}
      </button>
      <Link href={resetHref} className={secondaryButton}>
        {reset}
      </Link>
    </div>
  );
}
