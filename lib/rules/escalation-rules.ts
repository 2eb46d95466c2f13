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
  const rows = await db.$queryRaw<{ value: string }[]>`SELECT value::text AS value FROM settings WHERE key = ${RULES_SETTING_KEY}`;
  return rulesFromStored(rows[0]?.value ?? null);
}

/** The rules of a stored value, as its JSON text (null: none stored), parsed once per distinct value. */
export function rulesFromStored(raw: string | null): EscalationRules {
  if (raw === null) return DEFAULT_RULES;
  if (lastParsed?.raw === raw) return lastParsed.rules;
  const merged = { ...DEFAULT_RULES, ...(JSON.parse(raw) as object) };
  const parsed = escalationRulesSchema.safeParse(merged);
  const rules = parsed.success ? parsed.data : DEFAULT_RULES;
  lastParsed = { raw, rules };
  return rules;
}
