import "server-only";
import { prisma } from "@/lib/db/client";
import { emailVerifiedSql, isEmailVerified, isPhoneVerified, phoneVerifiedSql } from "@/lib/contacts/contact-identity";

const MAX_GROUPS = 50;

interface GroupRow {
  via: "email" | "phone";
  value: string;
  ids: string[];
  all_verified: boolean;
}

/**
 * Live contacts that share an email (case-insensitive) or a phone: candidates an admin may merge by hand. A group
 * whose identifier is verified on every side is marked `automatic` (the auto-merge job takes it); every other group
 * waits for a person, since unverified data never merges by itself.
 */
export async function listMergeSuggestions() {
  const groups = await prisma.$queryRaw<GroupRow[]>`
    SELECT 'email' AS via, lower(c.email) AS value, array_agg(c.id ORDER BY c.created_at, c.id) AS ids,
           bool_and(${emailVerifiedSql("c")}) AS all_verified
    FROM contacts c WHERE c.email IS NOT NULL AND c.merged_into_id IS NULL AND c.erased_at IS NULL
    GROUP BY lower(c.email) HAVING count(*) > 1
    UNION ALL
    SELECT 'phone', c.phone, array_agg(c.id ORDER BY c.created_at, c.id), bool_and(${phoneVerifiedSql("c")})
    FROM contacts c WHERE c.phone IS NOT NULL AND c.merged_into_id IS NULL AND c.erased_at IS NULL
    GROUP BY c.phone HAVING count(*) > 1
    ORDER BY 2
    LIMIT ${MAX_GROUPS}`;
  const contacts = await prisma.contact.findMany({
    where: { id: { in: groups.flatMap((g) => g.ids) } },
    select: { id: true, userId: true, name: true, email: true, phone: true, emailVerifiedAt: true, phoneVerifiedAt: true, createdAt: true, _count: { select: { sessions: true, tickets: true } } },
  });
  const byId = new Map(contacts.map((c) => [c.id, c]));
  return groups.map((g) => ({
    via: g.via,
    value: g.value,
    automatic: g.all_verified,
    contacts: g.ids.flatMap((id) => {
      const c = byId.get(id);
      if (!c) return [];
      return [
        {
          id: c.id,
          user_id: c.userId,
          name: c.name,
          email: c.email,
          phone: c.phone,
          email_verified: isEmailVerified(c),
          phone_verified: isPhoneVerified(c),
          conversations: c._count.sessions,
          tickets: c._count.tickets,
          created_at: c.createdAt.toISOString(),
        },
      ];
    }),
  }));
}
