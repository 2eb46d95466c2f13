import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { actorOf, isSupervisor, type Principal } from "@/lib/auth/principal";

/** The header a customer's browser sends its key in (docs/security.md). */
export const SESSION_KEY_HEADER = "x-session-key";

/** A new secret: 256 random bits, base64url. Only its SHA-256 is stored. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The hash a presented secret is compared by; none for a missing or oversized one (which matches nothing). */
export function presentedHash(secret: string | null | undefined): string | null {
  return !secret || secret.length > 128 ? null : hashSecret(secret);
}

/** Constant-time comparison of a presented secret with a stored hash (sportello_key_matches is its SQL twin). */
export function secretMatches(secret: string | null | undefined, storedHash: string | null | undefined): boolean {
  const hash = presentedHash(secret);
  if (!hash || !storedHash) return false;
  const presented = Buffer.from(hash, "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Who calls a session action: a signed-in operator or API key, and/or a customer's key from `X-Session-Key`. */
export interface SessionCaller {
  principal: Principal | null;
  customerKey: string | null;
  /** The client's address, for the customer's rate limits. */
  ip?: string;
}

/** Who a session action is recorded as: the signed-in operator or API key, otherwise the session's customer. */
export function sessionActor(caller: SessionCaller, sessionId: string): Actor {
  return actorOf(caller.principal, { type: "customer", id: sessionId });
}

export interface SessionGuardFields {
  operatorId: string | null;
  status: string;
  customerKeyHash: string | null;
}

/** Whether a principal may act as the operator side of a session (its operator, or an admin). */
export function canOperate(principal: Principal | null, session: { operatorId: string | null }): boolean {
  if (!principal) return false;
  if (principal.role === "admin") return true;
  return principal.kind === "operator" && session.operatorId === principal.operatorId;
}

/**
 * Whether an operator may look at a session: assigned to them, waiting in the queue, or they are an admin or a
 * supervisor (who watches any chat read-only).
 */
export function canView(principal: Principal | null, session: { operatorId: string | null; status: string }): boolean {
  return canOperate(principal, session) || isSupervisor(principal) || (principal?.kind === "operator" && session.status === "queued");
}

/**
 * Who the caller is to this session: its operator (or an admin), an operator looking at the queue, its customer
 * (holding the key), or nobody — and nobody gets 404, the same answer as for a session that does not exist, so a
 * session id alone tells a stranger nothing.
 */
export type SessionRole = "operator" | "viewer" | "customer";

export function sessionRole(principal: Principal | null, session: SessionGuardFields, customerKey: string | null): SessionRole | null {
  if (canOperate(principal, session)) return "operator";
  if (secretMatches(customerKey, session.customerKeyHash)) return "customer";
  if (canView(principal, session)) return "viewer";
  return null;
}

export function requireSessionRole(principal: Principal | null, session: SessionGuardFields | null, customerKey: string | null): SessionRole {
  const role = session ? sessionRole(principal, session, customerKey) : null;
  if (!role) throw new ApiError("NOT_FOUND", "Session not found");
  return role;
}
