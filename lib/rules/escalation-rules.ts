import "server-only";
import type { Tx } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import { DEFAULT_RULES, escalationRulesSchema, type EscalationRules } from "@/lib/rules/escalation-rules-schema";

export const RULES_SETTING_KEY = "escalation_rules";

/** The stored rules merged over the defaults (a partial or outdated stored value never breaks routing). */
export async function getEscalationRules(db: Tx | typeof prisma = prisma): Promise<EscalationRules> {
  const row = await db.setting.findUnique({ where: { key: RULES_SETTING_KEY } });
  if (!row) return DEFAULT_RULES;
  const merged = { ...DEFAULT_RULES, ...(row.value as object) };
  const parsed = escalationRulesSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_RULES;
}
