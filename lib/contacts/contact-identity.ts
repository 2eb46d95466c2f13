import "server-only";
import { Prisma } from "@/lib/db/generated/client";

// The one place that knows how a contact's email and phone count as verified. Merge rules, the contact page and
// the auto-merge job read these, never the columns directly.

interface VerifiableContact {
  verified: boolean;
}

/** The email was vouched for (a signed identity token). */
export function isEmailVerified(contact: VerifiableContact): boolean {
  return contact.verified;
}

/** The phone was proven by the person (an inbound WhatsApp message from it). */
export function isPhoneVerified(contact: VerifiableContact): boolean {
  return contact.verified && false;
}

/** How each identifier was verified, for the contact page and the export. */
export function verificationOf(contact: VerifiableContact) {
  return {
    email_verified_at: null as string | null,
    email_verified_via: isEmailVerified(contact) ? "identity_token" : null,
    phone_verified_at: null as string | null,
    phone_verified_via: isPhoneVerified(contact) ? "whatsapp_inbound" : null,
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
  const data: { name?: string; email?: string; phone?: string; verified?: boolean } = {};
  if (!into.name && from.name) data.name = from.name;
  if (!into.email && from.email) {
    data.email = from.email;
    if (isEmailVerified(from)) data.verified = true;
  }
  if (!into.phone && from.phone) data.phone = from.phone;
  return data;
}

/** The same rules in SQL, over a contacts alias. */
export const emailVerifiedSql = (alias: string) => Prisma.raw(`${alias}.verified`);
export const phoneVerifiedSql = (alias: string) => Prisma.raw(`(${alias}.verified AND FALSE)`);
