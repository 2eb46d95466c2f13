// The privacy API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { z } from "zod";
import { defineEndpoint } from "@/lib/api/endpoint";
import { contactParams, eraseResultSchema } from "@/lib/contacts/contact-schemas";
import { retentionSettingsSchema } from "@/lib/privacy/retention-schemas";

export const getAdminContactsIdExport = defineEndpoint({
  method: "get",
  path: "/api/admin/contacts/{id}/export",
  tag: "Privacy",
  summary: "Everything held about one person, as a JSON download (audited)",
  description:
    "The contact (and contacts merged into it) with notes, every conversation and ticket with messages and internal notes, the attachments list, every email/WhatsApp delivery record and local outbox copy, and the audit entries about them. Served with `Content-Disposition: attachment`.",
  auth: "admin",
  params: contactParams,
  success: { status: 200, description: "The export document", payload: { kind: "flat", name: "ContactExport", schema: z.record(z.string(), z.unknown()) } },
});

export const postAdminContactsIdErase = defineEndpoint({
  method: "post",
  path: "/api/admin/contacts/{id}/erase",
  tag: "Privacy",
  summary: "Erase one person's personal data everywhere (audited); counts of what was removed",
  description:
    "Name, email, phone and user id go from the contact (and contacts merged into it); message texts and attachments, questions, chatbot metadata, ticket and contact notes, notification recipients and payloads (pending ones are cancelled), outbox copies, personal details in audit entries, cached responses and rate-limit counters that name the person are removed. Rows stay, so statistics stay right. Erasing again is harmless. See docs/privacy.md.",
  auth: "admin",
  params: contactParams,
  success: { status: 200, description: "What was removed", payload: { kind: "data", name: "EraseResult", schema: eraseResultSchema } },
});

export const getAdminPrivacyRetention = defineEndpoint({
  method: "get",
  path: "/api/admin/privacy/retention",
  tag: "Privacy",
  summary: "How long closed conversations and tickets keep personal data (null: keep, the default)",
  auth: "admin",
  success: { status: 200, description: "The setting", payload: { kind: "data", name: "RetentionSettings", schema: retentionSettingsSchema } },
});

export const putAdminPrivacyRetention = defineEndpoint({
  method: "put",
  path: "/api/admin/privacy/retention",
  tag: "Privacy",
  summary: "Set the retention (audited); a daily job anonymises what is older",
  auth: "admin",
  body: { name: "RetentionSettingsBody", schema: retentionSettingsSchema, examples: { year: { summary: "Keep one year", value: { closed_days: 365 } }, keep: { summary: "Keep", value: { closed_days: null } } } },
  success: { status: 200, description: "The setting now in force", payload: { kind: "data", name: "RetentionSettings", schema: retentionSettingsSchema } },
});

/** In the order of the OpenAPI document. */
export const privacyEndpoints = [
  getAdminContactsIdExport,
  postAdminContactsIdErase,
  getAdminPrivacyRetention,
  putAdminPrivacyRetention,
];
