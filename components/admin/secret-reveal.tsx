import { secondaryButton } from "@/components/admin/form-styles";

/**
 * A freshly created secret, shown once: copy it to the clipboard or dismiss it. The caller keeps
 * `copied` so that it can reset it when it asks for a new secret.
 */
export function SecretReveal({
  title,
  description,
  secret,
  copied,
  onCopied,
  onClose,
  labels,
  className,
  children,
}: {
  title: string;
  description?: string;
  secret: string;
  copied: boolean;
  onCopied: () => void;
  onClose: () => void;
  labels: { copy: string; copied: string; close: string };
  /** Vertical rhythm between the panel's blocks, e.g. `space-y-3`. */
  className: string;
  /** Shown below the secret and its buttons. */
  children?: React.ReactNode;
}) {
  return (
    <div role="status" className={`mt-4 ${className} rounded-lg border border-amber-300 bg-amber-50 p-3`}>
      <p className="text-sm font-semibold text-amber-900">{title}</p>
      {description === undefined ? null : <p className="text-sm text-amber-900">{description}</p>}
      <div className="flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900 ring-1 ring-amber-200">{secret}</code>
        <button
          type="button"
          className={secondaryButton}
          onClick={async () => {
            await navigator.clipboard.writeText(secret).catch(() => undefined);
            onCopied();
          }}
        >
          {copied ? labels.copied : labels.copy}
        </button>
        <button type="button" className={secondaryButton} onClick={onClose}>
          {labels.close}
        </button>
      </div>
      {children}
    </div>
  );
}
