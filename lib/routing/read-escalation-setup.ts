import "server-only";
import type { prisma, Tx } from "@/lib/db/client";
import { RULES_SETTING_KEY, rulesFromStored } from "@/lib/rules/escalation-rules";
import type { EscalationRules } from "@/lib/schemas/escalation-rules";
import { ESCALATION_EVENTS } from "@/lib/routing/record-escalation";
import { ROUTING_TEAM_COLUMNS, teamMatch, unknownTeam, type RoutingTeam } from "@/lib/routing/resolve-team";

/** What an escalation reads before its decision. */
export interface EscalationSetup {
  team: RoutingTeam;
  /** The desk-wide rules (teamRules applies the team's own on top). */
  rules: EscalationRules;
  /**
   * An active webhook endpoint listens to what an escalation emits. Read before the decision, outside the routing
   * lock; an endpoint registered in that instant hears from the next escalation on.
   */
  listening: boolean;
}

/**
 * The team, the stored rules and whether a webhook endpoint listens, in one statement: three reads that every
 * escalation makes were three round trips through Prisma's query compiler (docs/benchmarks.md, "Escalation: CPU per
 * request"). scripts/bench-escalation.ts's bare server sends the same statement.
 */
export async function readEscalationSetup(db: Tx | typeof prisma, ref: string | null | undefined): Promise<EscalationSetup> {
  const { key, where } = teamMatch(ref);
  const rows = await db.$queryRaw<(RoutingTeam & { rules: string | null; listening: boolean })[]>`
    SELECT ${ROUTING_TEAM_COLUMNS},
           (SELECT s.value::text FROM settings s WHERE s.key = ${RULES_SETTING_KEY}) AS rules,
           EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.active AND w.events && ${ESCALATION_EVENTS}::text[]) AS listening
      FROM teams t WHERE ${where} LIMIT 1`;
  const row = rows[0];
  if (!row) throw unknownTeam(key);
  const { rules, listening, ...team } = row;
  return { team, rules: rulesFromStored(rules), listening };
}
