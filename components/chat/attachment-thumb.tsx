"use client";
import { useEffect, useState } from "react";
import { keyHeader } from "@/components/chat/customer-keys";

type Attachment = { id?: string; name?: string; content_type: string | null };

/**
 * A file attached in the web chat: images as a thumbnail, PDFs as a link. The bytes are fetched with the customer's
 * key (an <img src> could not send it; operators are known by their cookie), then shown from a blob URL.
 */
export function AttachmentThumb({ attachment, sessionId, label }: { attachment: Attachment & { id: string }; sessionId: string | null; label: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let revoked = false;
    let objectUrl: string | null = null;
    void fetch(`/api/chat/attachments/${encodeURIComponent(attachment.id)}`, { headers: sessionId ? keyHeader(sessionId) : {}, cache: "no-store" })
      .then((response) => (response.ok ? response.blob() : null))
      .then((blob) => {
        if (!blob || revoked) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      revoked = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [attachment.id, sessionId]);
  const image = attachment.content_type?.startsWith("image/");
  return (
    <a
      href={url ?? undefined}
      download={image ? undefined : attachment.name}
      target="_blank"
      rel="noopener"
      aria-label={label}
      className="mt-1 block w-fit rounded-lg underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      {image && url ? (
        // A blob URL of an image the server checked: next/image cannot optimise it.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={url} alt={attachment.name ?? ""} className="max-h-40 max-w-56 rounded-lg border border-slate-200 bg-white object-contain" />
      ) : (
        <span className="text-sm">📄 {attachment.name}</span>
      )}
    </a>
  );
}
