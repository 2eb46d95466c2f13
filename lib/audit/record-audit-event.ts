import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { Tx } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonValue;
}

/** Writes an audit row in the caller's transaction, so the record exists exactly when the change does. */
export async function recordAuditEvent(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorType: actor.type,
      actorId: actor.id,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      data: input.data,
    },
  });
}
