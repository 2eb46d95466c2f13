/** The outcome of the last request on an admin page: an error alert and/or a success notice. */
export function FeedbackMessages({ error, notice }: { error: string | null; notice?: string | null }) {
  return (
    <>
      {error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
    </>
  );
}
