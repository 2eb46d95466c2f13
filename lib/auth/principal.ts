import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { verifyApiKey, type ApiKeyPrincipal } from "@/lib/auth/api-keys";
import { getOperatorFromRequest } from "@/lib/auth/operator-session";

export interface OperatorPrincipal {
  kind: "operator";
  operatorId: string;
  role: "operator" | "admin" | "supervisor";
  name: string;
}

export type Principal = ApiKeyPrincipal | OperatorPrincipal;

/** A bearer API key first (chatbots, scripts), then an operator's signed-in cookie session. */
export async function getPrincipal(headers: Headers): Promise<Principal | null> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match ? verifyApiKey(match[1]) : null;
  }
  return getOperatorFromRequest(headers);
}

export function isAdmin(principal: Principal | null): boolean {
  return principal?.role === "admin";
}

/** Supervisors watch the floor, view any chat, whisper and take over; an admin (signed in or by key) may too. */
export function isSupervisor(principal: Principal | null): boolean {
  return principal?.role === "admin" || principal?.role === "supervisor";
}

/** The signed-in operator's id, or null for an API key or no caller (an admin key writes as nobody in particular). */
export function operatorIdOf(principal: Principal | null): string | null {
  return principal?.kind === "operator" ? principal.operatorId : null;
}

export function actorOf(principal: Principal | null, fallback: Actor): Actor {
  if (!principal) return fallback;
  if (principal.kind === "operator") return { type: "operator", id: principal.operatorId, role: principal.role };
  return { type: "api_key", id: principal.keyId, role: principal.role };
}
