// Test helper: gives an operator row a password and signs in through better-auth, returning the Cookie header.
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { auth } from "@/lib/auth/auth";
import { prisma } from "@/lib/db/client";

export const TEST_PASSWORD = "correct-horse-battery";

export async function signInOperator(operator: { id: string; email: string }): Promise<string> {
  await prisma.authAccount.upsert({
    where: { id: `cred_${operator.id}` },
    create: { id: `cred_${operator.id}`, accountId: operator.id, providerId: "credential", userId: operator.id, password: await hashPassword(TEST_PASSWORD) },
    update: {},
  });
  const response = await auth.api.signInEmail({ body: { email: operator.email, password: TEST_PASSWORD }, asResponse: true });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  return cookies.join("; ");
}

export const randomId = () => randomUUID().replace(/-/g, "");
