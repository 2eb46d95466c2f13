import "server-only";
import { logger } from "@/lib/log/logger";

/**
 * Where set-password links go. Until the notifications outbox exists for a recipient this prints the link to the
 * console (the first-admin setup on a fresh install relies on that).
 */
export async function deliverAuthLink(input: { email: string; name: string; url: string }): Promise<void> {
  logger.info({ email: input.email }, "set-password link issued");
  console.log(`\n  Set-password link for ${input.name} <${input.email}>:\n  ${input.url}\n`);
}
