// Shared zod pieces of the public contract. Browser-safe.
import { z } from "zod";
import { LOCALES } from "@/lib/i18n/config";

export const PRIORITIES = ["low", "medium", "high", "urgent"] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;

export const e164Schema = z.string().trim().regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 phone number like +393331234567");
export const emailSchema = z.email().max(320);
export const localeSchema = z.enum(LOCALES);

const METADATA_MAX_BYTES = 16 * 1024;
export const metadataSchema = z
  .record(z.string(), z.unknown())
  .refine((value) => Buffer.byteLength(JSON.stringify(value)) <= METADATA_MAX_BYTES, "metadata must be at most 16 KB of JSON");

/** Chat session ids: ≥128 random bits, base64url. */
export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/);
