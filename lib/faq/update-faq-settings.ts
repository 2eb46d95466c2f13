import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { FaqSettings } from "@/lib/faq/faq-schemas";
import { FAQ_SETTING_KEY, getFaqSettings } from "@/lib/faq/faq-settings";

/** Replaces the FAQ bot settings; the audit event keeps each changed value before and after. */
export async function updateFaqSettings(settings: FaqSettings, actor: Actor): Promise<FaqSettings> {
  return prisma.$transaction(async (tx) => {
    // Serialises concurrent editors, so each audit "before" is the value it replaced.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${FAQ_SETTING_KEY}))`;
    const before = await getFaqSettings(tx);
    const value = settings as unknown as Prisma.InputJsonValue;
    await tx.setting.upsert({ where: { key: FAQ_SETTING_KEY }, create: { key: FAQ_SETTING_KEY, value }, update: { value } });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(settings) as (keyof FaqSettings)[]) {
      if (before[key] !== settings[key]) changes[key] = { from: before[key], to: settings[key] };
    }
    if (Object.keys(changes).length > 0) {
      await recordAuditEvent(tx, actor, { action: "faq_settings.updated", targetType: "setting", targetId: FAQ_SETTING_KEY, data: { changes } as Prisma.InputJsonValue });
    }
    return settings;
  });
}
