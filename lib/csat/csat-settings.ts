import "server-only";
import type { Tx } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { csatSettingsSchema, DEFAULT_CSAT_SETTINGS, type CsatSettings } from "@/lib/csat/csat-schemas";

export const CSAT_SETTING_KEY = "csat";

/** The stored CSAT switch merged over the defaults (on, at chat close and ticket resolve). */
export async function getCsatSettings(db: Tx | typeof prisma = prisma): Promise<CsatSettings> {
  const row = await db.setting.findUnique({ where: { key: CSAT_SETTING_KEY } });
  const parsed = csatSettingsSchema.safeParse({ ...DEFAULT_CSAT_SETTINGS, ...((row?.value as object | undefined) ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_CSAT_SETTINGS;
}

export async function updateCsatSettings(value: CsatSettings, actor: Actor): Promise<CsatSettings> {
  await prisma.$transaction(async (tx) => {
    await tx.setting.upsert({ where: { key: CSAT_SETTING_KEY }, create: { key: CSAT_SETTING_KEY, value }, update: { value } });
    await recordAuditEvent(tx, actor, { action: "settings.csat_updated", targetType: "setting", targetId: CSAT_SETTING_KEY, data: value });
  });
  return value;
}
