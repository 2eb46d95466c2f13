import "server-only";
import type { Tx } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import { DEFAULT_FAQ_SETTINGS, faqSettingsSchema, type FaqSettings } from "@/lib/faq/faq-schemas";

export const FAQ_SETTING_KEY = "faq_bot";

/** The stored FAQ bot settings over the defaults (off): a partial or outdated stored value never breaks the chat. */
export async function getFaqSettings(db: Tx | typeof prisma = prisma): Promise<FaqSettings> {
  const row = await db.setting.findUnique({ where: { key: FAQ_SETTING_KEY } });
  if (!row) return DEFAULT_FAQ_SETTINGS;
  const parsed = faqSettingsSchema.safeParse({ ...DEFAULT_FAQ_SETTINGS, ...(row.value as object) });
  return parsed.success ? parsed.data : DEFAULT_FAQ_SETTINGS;
}
