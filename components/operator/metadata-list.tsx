"use client";

/** The chatbot's metadata as a definition list; nested values are shown as compact JSON. */
export function MetadataList({ metadata, empty }: { metadata: unknown; empty: string }) {
  const entries = metadata && typeof metadata === "object" && !Array.isArray(metadata) ? Object.entries(metadata as Record<string, unknown>) : [];
  if (entries.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="truncate font-medium text-slate-600">{key}</dt>
          <dd className="break-words text-slate-900">{typeof value === "string" ? value : JSON.stringify(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
