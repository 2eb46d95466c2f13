// Rows that tests need, created through Prisma with unique values per call.
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomUUID().slice(0, 6)}`;

export async function createOperator(overrides: { name?: string; status?: "online" | "away" | "offline"; maxChats?: number; role?: "operator" | "admin" | "supervisor"; email?: string } = {}) {
  const id = unique();
  return prisma.operator.create({
    data: {
      id: `op_${id}`,
      name: overrides.name ?? `Operator ${id}`,
      email: overrides.email ?? `op-${id}@test.local`,
      status: overrides.status ?? "online",
      maxChats: overrides.maxChats ?? 3,
      role: overrides.role ?? "operator",
    },
  });
}

export const customerActor = (id = "test") => ({ type: "customer" as const, id });

export function uniqueUserId(prefix = "user"): string {
  return `${prefix}_${unique()}`;
}

/** A customer's key to a web chat, as the chat page gets it (POST /api/chat/sessions/{id}/claim). */
export async function claimKey(sessionId: string): Promise<string> {
  const { claimSession } = await import("@/lib/chat/claim-session");
  return (await claimSession(sessionId)).session_key;
}

export const customerHeaders = (key: string, extra: Record<string, string> = {}) => ({ "x-session-key": key, ...extra });
