import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma, type Tx } from "@/lib/db/client";
import { DEFAULT_RETENTION, retentionSettingsSchema, type RetentionSettings } from "@/lib/privacy/retention-schemas";

export const RETENTION_SETTING_KEY = "privacy_retention";

/** The stored retention over the default (keep): an unreadable stored value keeps data rather than deleting it. */
export async function getRetentionSettings(db: Tx | typeof prisma = prisma): Promise<RetentionSettings> {
  const row = await db.setting.findUnique({ where: { key: RETENTION_SETTING_KEY } });
  const parsed = retentionSettingsSchema.safeParse(row?.value ?? DEFAULT_RETENTION);
  return parsed.success ? parsed.data : DEFAULT_RETENTION;
}

/** Sets how long closed conversations and tickets keep personal data; audited with the value before and after. */
export async function updateRetentionSettings(settings: RetentionSettings, actor: Actor): Promise<RetentionSettings> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${RETENTION_SETTING_KEY}))`;
    const before = await getRetentionSettings(tx);
    await tx.setting.upsert({ where: { key: RETENTION_SETTING_KEY }, create: { key: RETENTION_SETTING_KEY, value: settings }, update: { value: settings } });
    if (before.closed_days !== settings.closed_days) {
      await recordAuditEvent(tx, actor, {
        action: "privacy.retention_updated",
        targetType: "setting",
        targetId: RETENTION_SETTING_KEY,
        data: { from: before.closed_days, to: settings.closed_days },
      });
    }
    return settings;
  });
}
