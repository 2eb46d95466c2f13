import "server-only";
import { Prisma } from "@/lib/db/generated/client";

// How a contact's email and phone count as verified, for merge rules, the contact page, suggestions and the export.
// The columns are written only by lib/contacts/upsert-contact.ts (proof: a signed identity token or a clicked link
// for an email, a Twilio-signed inbound WhatsApp message for a phone).

interface VerifiableContact {
  emailVerifiedAt: Date | null;
  emailVerifiedVia: string | null;
  phoneVerifiedAt: Date | null;
  phoneVerifiedVia: string | null;
}

export function isEmailVerified(contact: Pick<VerifiableContact, "emailVerifiedAt">): boolean {
  return contact.emailVerifiedAt !== null;
}

export function isPhoneVerified(contact: Pick<VerifiableContact, "phoneVerifiedAt">): boolean {
  return contact.phoneVerifiedAt !== null;
}

/** How each identifier was verified, for the contact page and the export. */
export function verificationOf(contact: VerifiableContact) {
  return {
    email_verified_at: contact.emailVerifiedAt?.toISOString() ?? null,
    email_verified_via: contact.emailVerifiedVia,
    phone_verified_at: contact.phoneVerifiedAt?.toISOString() ?? null,
    phone_verified_via: contact.phoneVerifiedVia,
  };
}

interface IdentityFields extends VerifiableContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

/**
 * What a merge copies onto the surviving contact: only identifiers it lacks, each with the verification it had on
 * the merged contact. A stored email or phone is never overwritten.
 */
export function identityFill(into: IdentityFields, from: IdentityFields) {
  const data: Partial<IdentityFields> = {};
  if (!into.name && from.name) data.name = from.name;
  if (!into.email && from.email) Object.assign(data, { email: from.email, emailVerifiedAt: from.emailVerifiedAt, emailVerifiedVia: from.emailVerifiedVia });
  if (!into.phone && from.phone) Object.assign(data, { phone: from.phone, phoneVerifiedAt: from.phoneVerifiedAt, phoneVerifiedVia: from.phoneVerifiedVia });
  return data;
}

/** The same rules in SQL, over a contacts alias. */
export const emailVerifiedSql = (alias: string) => Prisma.raw(`(${alias}.email_verified_at IS NOT NULL)`);
export const phoneVerifiedSql = (alias: string) => Prisma.raw(`(${alias}.phone_verified_at IS NOT NULL)`);
