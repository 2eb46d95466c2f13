import Link from "next/link";
import { inputClass, labelClass, primaryButton, secondaryButton } from "@/components/admin/form-styles";

// The admin panel's labelled form fields: a label wired to its control, an optional hint read with it.

export type FieldOption = { value: string; label: string };
export type FieldOptionGroup = { group: string; options: FieldOption[] };

export function Field({ id, label, hint, className, children }: { id: string; label: string; hint?: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function InputField({ id, label, hint, className, ...input }: { id: string; label: string; hint?: string; className?: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field id={id} label={label} hint={hint} className={className}>
      <input id={id} aria-describedby={hint ? `${id}-hint` : undefined} className={inputClass} {...input} />
    </Field>
  );
}

export function SelectField({
  id,
  label,
  options,
  className,
  ...select
}: { id: string; label: string; options: (FieldOption | FieldOptionGroup)[]; className?: string } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const option = (o: FieldOption) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
  return (
    <Field id={id} label={label} className={className}>
      <select id={id} className={inputClass} {...select}>
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
    </Field>
  );
}

/** The end of a list's GET filter form: apply submits, reset is a link to the unfiltered list. */
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
