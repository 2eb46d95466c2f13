// Contracts of the admin data endpoints (/api/admin/metrics, /api/admin/audit, /api/admin/export/*). Browser-safe.
import { z } from "zod";
import { RANGES } from "@/lib/rules/time-buckets";

export const dateParam = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v) && !Number.isNaN(Date.parse(v)), "must be a date (YYYY-MM-DD) or an ISO timestamp")
  .transform((v) => new Date(v));

export const metricsQuery = z.object({
  range: z.enum(RANGES as ["24h", "7d", "30d"]).default("24h"),
  team: z.string().trim().min(1).max(100).optional().describe("A team's slug or id: only its sessions, tickets, members, queue and seats"),
});

export const AUDIT_ACTOR_TYPES = ["operator", "api_key", "system", "customer"] as const;

export const auditQuery = z.object({
  /** An exact action ("ticket.status_changed") or a prefix ending in a dot ("ticket."). */
  action: z.string().trim().min(1).max(100).optional(),
  actor_type: z.enum(AUDIT_ACTOR_TYPES).optional(),
  actor: z.string().trim().min(1).max(100).optional(),
  target_type: z.string().trim().min(1).max(50).optional(),
  target_id: z.string().trim().min(1).max(100).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const EXPORT_KINDS = ["tickets", "sessions"] as const;
export const exportParams = z.object({ kind: z.enum(EXPORT_KINDS) });
export const exportQuery = z
  .object({ from: dateParam, to: dateParam })
  .refine((q) => q.from.getTime() <= q.to.getTime(), { message: "from must not be after to", path: ["from"] });
