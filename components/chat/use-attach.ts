"use client";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { chatApi } from "@/components/chat/session-api";
import { ApiCallError, NETWORK_ERROR } from "@/components/shared/api-client";

/** Uploads a file to a chat; the new message arrives through the thread like any other. Returns the status line. */
export function useAttach(sessionId: string, asCustomer: boolean) {
  const t = useTranslations("chat.composer");
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const attach = async (file: File) => {
    setStatus({ text: t("uploading", { name: file.name || "screenshot" }), error: false });
    try {
      await chatApi.attach(sessionId, file, asCustomer);
      setStatus(null);
    } catch (error) {
      const code = error instanceof ApiCallError ? error.code : NETWORK_ERROR;
      const reason = code === "PAYLOAD_TOO_LARGE" ? t("tooLarge") : code === "UNSUPPORTED_MEDIA_TYPE" ? t("wrongType") : error instanceof Error ? error.message : "";
      setStatus({ text: t("attachError", { reason }), error: true });
    }
  };
  return { attach, status };
}
