import "server-only";
import { randomBytes } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import type { prisma, Tx } from "@/lib/db/client";

/** WhatsApp senders' own contacts. Reserved: only a Twilio-signed message or a chatbot API key may use the prefix. */
export const WHATSAPP_USER_PREFIX = "whatsapp:";
export const whatsappUserId = (phone: string) => `${WHATSAPP_USER_PREFIX}${phone}`;

export interface ContactInput {
  userId: string;
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  /**
   * A trusted caller (chatbot API key, signed identity, operator) may change a stored email, phone or name; an
   * anonymous one only fills what is empty. Either way a changed value loses its verification.
   */
  trusted: boolean;
  /** The email comes with proof (a valid signed identity token). */
  emailVerifiedVia?: "identity_token" | null;
  /** The phone comes with proof (a Twilio-signed inbound WhatsApp message from it). */
  phoneVerifiedVia?: "whatsapp_inbound" | null;
  /** Stamps WhatsApp's 24-hour window. */
  whatsappInboundAt?: Date | null;
  now?: Date;
}

export interface UpsertedContact {
  id: string;
  userId: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  emailVerifiedAt: Date | null;
  phoneVerifiedAt: Date | null;
}

/**
 * Finds or creates the contact for a user id in one INSERT … ON CONFLICT, so concurrent first requests of one new
 * user all get the same row instead of racing on the unique key. The verification rules live here and only here:
 * a value is verified only with proof, and any change of value clears its verification.
 */
export async function upsertContact(db: Tx | typeof prisma, input: ContactInput): Promise<UpsertedContact> {
  if (input.userId.startsWith(WHATSAPP_USER_PREFIX) && !input.trusted && !input.phoneVerifiedVia) {
    throw new ApiError("VALIDATION_ERROR", "Invalid request body", {
      details: [{ path: "user_id", message: `user ids starting with "${WHATSAPP_USER_PREFIX}" belong to WhatsApp senders: call with a chatbot API key to use one` }],
    });
  }
  const now = input.now ?? new Date();
  const email = input.email?.trim() || null;
  const phone = input.phone?.trim() || null;
  const name = input.name?.trim() || null;
  const emailVia = email ? (input.emailVerifiedVia ?? null) : null;
  const phoneVia = phone ? (input.phoneVerifiedVia ?? null) : null;
  const inbound = input.whatsappInboundAt ?? null;
  const rows = await db.$queryRaw<(UpsertedContact & { mergedIntoId: string | null })[]>`
    INSERT INTO contacts AS c (id, user_id, email, phone, name, email_verified_at, email_verified_via, phone_verified_at,
                               phone_verified_via, last_whatsapp_inbound_at, created_at, updated_at)
    VALUES (${randomBytes(12).toString("hex")}, ${input.userId}, ${email}::text, ${phone}::text, ${name}::text,
            CASE WHEN ${emailVia}::text IS NOT NULL THEN ${now}::timestamp(3) END, ${emailVia}::text,
            CASE WHEN ${phoneVia}::text IS NOT NULL THEN ${now}::timestamp(3) END, ${phoneVia}::text,
            ${inbound}::timestamp(3), ${now}::timestamp(3), ${now}::timestamp(3))
    ON CONFLICT (user_id) DO UPDATE SET
      email = CASE WHEN ${input.trusted} THEN coalesce(EXCLUDED.email, c.email) ELSE coalesce(c.email, EXCLUDED.email) END,
      email_verified_at = CASE
        WHEN EXCLUDED.email_verified_via IS NOT NULL AND lower(EXCLUDED.email) = lower(CASE WHEN ${input.trusted} THEN coalesce(EXCLUDED.email, c.email) ELSE coalesce(c.email, EXCLUDED.email) END) THEN EXCLUDED.email_verified_at
        WHEN lower(CASE WHEN ${input.trusted} THEN coalesce(EXCLUDED.email, c.email) ELSE coalesce(c.email, EXCLUDED.email) END) IS DISTINCT FROM lower(c.email) THEN NULL
        ELSE c.email_verified_at END,
      email_verified_via = CASE
        WHEN EXCLUDED.email_verified_via IS NOT NULL AND lower(EXCLUDED.email) = lower(CASE WHEN ${input.trusted} THEN coalesce(EXCLUDED.email, c.email) ELSE coalesce(c.email, EXCLUDED.email) END) THEN EXCLUDED.email_verified_via
        WHEN lower(CASE WHEN ${input.trusted} THEN coalesce(EXCLUDED.email, c.email) ELSE coalesce(c.email, EXCLUDED.email) END) IS DISTINCT FROM lower(c.email) THEN NULL
        ELSE c.email_verified_via END,
      phone = CASE WHEN ${input.trusted} OR EXCLUDED.phone_verified_via IS NOT NULL THEN coalesce(EXCLUDED.phone, c.phone) ELSE coalesce(c.phone, EXCLUDED.phone) END,
      phone_verified_at = CASE
        WHEN EXCLUDED.phone_verified_via IS NOT NULL THEN EXCLUDED.phone_verified_at
        WHEN (CASE WHEN ${input.trusted} THEN coalesce(EXCLUDED.phone, c.phone) ELSE coalesce(c.phone, EXCLUDED.phone) END) IS DISTINCT FROM c.phone THEN NULL
        ELSE c.phone_verified_at END,
      phone_verified_via = CASE
        WHEN EXCLUDED.phone_verified_via IS NOT NULL THEN EXCLUDED.phone_verified_via
        WHEN (CASE WHEN ${input.trusted} THEN coalesce(EXCLUDED.phone, c.phone) ELSE coalesce(c.phone, EXCLUDED.phone) END) IS DISTINCT FROM c.phone THEN NULL
        ELSE c.phone_verified_via END,
      name = CASE WHEN ${input.trusted} THEN coalesce(EXCLUDED.name, c.name) ELSE coalesce(c.name, EXCLUDED.name) END,
      last_whatsapp_inbound_at = coalesce(EXCLUDED.last_whatsapp_inbound_at, c.last_whatsapp_inbound_at),
      updated_at = EXCLUDED.updated_at
    RETURNING id, user_id AS "userId", email, phone, name, email_verified_at AS "emailVerifiedAt", phone_verified_at AS "phoneVerifiedAt",
              merged_into_id AS "mergedIntoId"`;
  const { mergedIntoId, ...contact } = rows[0];
  return mergedIntoId ? survivorOf(db, mergedIntoId) : contact;
}

/** A merged contact's user id still arrives: its conversations go to the contact it was merged into. */
async function survivorOf(db: Tx | typeof prisma, id: string): Promise<UpsertedContact> {
  const rows = await db.$queryRaw<UpsertedContact[]>`
    WITH RECURSIVE chain AS (
      SELECT c.*, 0 AS depth FROM contacts c WHERE c.id = ${id}
      UNION ALL
      SELECT n.*, chain.depth + 1 FROM contacts n JOIN chain ON n.id = chain.merged_into_id WHERE chain.depth < 10
    )
    SELECT id, user_id AS "userId", email, phone, name, email_verified_at AS "emailVerifiedAt", phone_verified_at AS "phoneVerifiedAt"
      FROM chain WHERE merged_into_id IS NULL LIMIT 1`;
  if (!rows[0]) throw new Error(`contact ${id}: merge chain without a survivor`);
  return rows[0];
}

/** The contact's email if verified, for messages that may go only to a proven address. */
export function verifiedEmail(contact: { email: string | null; emailVerifiedAt: Date | null }): string | null {
  return contact.emailVerifiedAt ? contact.email : null;
}

export function verifiedPhone(contact: { phone: string | null; phoneVerifiedAt: Date | null }): string | null {
  return contact.phoneVerifiedAt ? contact.phone : null;
}

/**
 * The addresses a new conversation or ticket is opened with, where its replies, links and transcripts go: the ones
 * the caller gave, else the contact's stored ones when a trusted caller speaks for the contact, else only verified
 * ones. Never a stored unverified address for an anonymous caller: that may be someone else's contact.
 */
export function openingAddresses(
  given: { email?: string | null; phone?: string | null },
  contact: Pick<UpsertedContact, "email" | "phone" | "emailVerifiedAt" | "phoneVerifiedAt">,
  trusted: boolean,
): { email: string | null; phone: string | null } {
  return {
    email: given.email?.trim() || (trusted ? contact.email : verifiedEmail(contact)),
    phone: given.phone?.trim() || (trusted ? contact.phone : verifiedPhone(contact)),
  };
}
