// Contract of the retention setting (GET/PUT /api/admin/privacy/retention). Browser-safe.
import { z } from "zod";

export const retentionSettingsSchema = z.object({
  /**
   * Days a closed conversation or a resolved/closed ticket keeps its personal data; null keeps it (the default).
   * At least one day, at most ten years.
   */
  closed_days: z.number().int().min(1).max(3650).nullable(),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const DEFAULT_RETENTION: RetentionSettings = { closed_days: null };
