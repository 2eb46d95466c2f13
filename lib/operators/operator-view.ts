import type { Prisma } from "@/lib/db/generated/client";

export const operatorSelect = {
  id: true,
  name: true,
  email: true,
  phone: true,
  role: true,
  status: true,
  maxChats: true,
  active: true,
  locale: true,
  lastSeenAt: true,
  createdAt: true,
  skills: true,
  teams: { orderBy: { team: { name: "asc" } }, select: { team: { select: { id: true, slug: true, name: true } } } },
  // A password on the credential account: without one the operator has not accepted the invite yet.
  authAccounts: { where: { providerId: "credential", password: { not: null } }, select: { id: true }, take: 1 },
} satisfies Prisma.OperatorSelect;

type OperatorRow = Prisma.OperatorGetPayload<{ select: typeof operatorSelect }>;

export function toOperatorView(o: OperatorRow, activeChats?: number) {
  return {
    id: o.id,
    name: o.name,
    email: o.email,
    phone: o.phone,
    role: o.role,
    status: o.status,
    max_chats: o.maxChats,
    active: o.active,
    locale: o.locale,
    last_seen_at: o.lastSeenAt?.toISOString() ?? null,
    created_at: o.createdAt.toISOString(),
    invite_pending: o.authAccounts.length === 0,
    skills: o.skills,
    teams: o.teams.map((m) => m.team),
    ...(activeChats === undefined ? {} : { active_chats: activeChats }),
  };
}
