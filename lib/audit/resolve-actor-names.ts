import "server-only";
import { prisma } from "@/lib/db/client";

/** Display names for audit actors ("operator:<id>" and "api_key:<id>" → name), in two queries. */
export async function resolveActorNames(events: { actorType: string; actorId: string | null }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(events.filter((e) => e.actorType === type && e.actorId).map((e) => e.actorId!))];
  const operatorIds = ids("operator");
  const keyIds = ids("api_key");
  const [operators, keys] = await Promise.all([
    operatorIds.length ? prisma.operator.findMany({ where: { id: { in: operatorIds } }, select: { id: true, name: true } }) : [],
    keyIds.length ? prisma.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true } }) : [],
  ]);
  const names = new Map<string, string>();
  for (const o of operators) names.set(`operator:${o.id}`, o.name);
  for (const k of keys) names.set(`api_key:${k.id}`, k.name);
  if (keyIds.includes("bootstrap")) names.set("api_key:bootstrap", "ADMIN_API_KEY");
  return names;
}
