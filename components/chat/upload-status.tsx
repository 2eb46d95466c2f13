"use client";

/** The line above the composer while a file uploads, or why it was refused. */
export function UploadStatus({ status }: { status: { text: string; error: boolean } | null }) {
  if (!status) return null;
  return (
    <p role={status.error ? "alert" : "status"} className={`px-4 py-1 text-sm ${status.error ? "text-red-700" : "text-slate-700"}`}>
      {status.text}
    </p>
  );
}
