import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { getEscalationRules, RULES_SETTING_KEY } from "@/lib/rules/escalation-rules";
import type { EscalationRules } from "@/lib/schemas/escalation-rules";

/** Replaces the escalation rules; the audit event keeps, for each changed rule, its value before and after. */
export async function updateEscalationRules(rules: EscalationRules, actor: Actor): Promise<EscalationRules> {
  return prisma.$transaction(async (tx) => {
    // Serialises concurrent editors on the settings row, so each audit "before" is the value it replaced.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${RULES_SETTING_KEY}))`;
    const before = await getEscalationRules(tx);
    await tx.setting.upsert({
      where: { key: RULES_SETTING_KEY },
      create: { key: RULES_SETTING_KEY, value: rules as unknown as Prisma.InputJsonValue },
      update: { value: rules as unknown as Prisma.InputJsonValue },
    });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(rules) as (keyof EscalationRules)[]) {
      if (JSON.stringify(before[key]) !== JSON.stringify(rules[key])) changes[key] = { from: before[key], to: rules[key] };
    }
    if (Object.keys(changes).length > 0) {
      await recordAuditEvent(tx, actor, {
        action: "rules.updated",
        targetType: "setting",
        targetId: RULES_SETTING_KEY,
        data: { changes } as Prisma.InputJsonValue,
      });
    }
    return rules;
  });
}
