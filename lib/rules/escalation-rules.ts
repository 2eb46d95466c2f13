import "server-only";
import type { Tx } from "@/lib/db/client";
import { prisma } from "@/lib/db/client";
import { DEFAULT_RULES, escalationRulesSchema, type EscalationRules } from "@/lib/schemas/escalation-rules";

export const RULES_SETTING_KEY = "escalation_rules";

/**
 * The last stored value seen and its parsed rules. Every escalation reads the row (rules change from the admin panel,
 * on any instance); parsing it was 4 % of the web server's CPU under load, for a value that rarely changes.
 */
let lastParsed: { raw: string; rules: EscalationRules } | undefined;

/** The stored rules merged over the defaults (a partial or outdated stored value never breaks routing). */
export async function getEscalationRules(db: Tx | typeof prisma = prisma): Promise<EscalationRules> {
  const row = await db.setting.findUnique({ where: { key: RULES_SETTING_KEY } });
  if (!row) return DEFAULT_RULES;
  const raw = JSON.stringify(row.value);
  if (lastParsed?.raw === raw) return lastParsed.rules;
  const merged = { ...DEFAULT_RULES, ...(row.value as object) };
  const parsed = escalationRulesSchema.safeParse(merged);
  const rules = parsed.success ? parsed.data : DEFAULT_RULES;
  lastParsed = { raw, rules };
  return rules;
}
