import "server-only";
import { getEscalationRules } from "@/lib/rules/escalation-rules";

/** The desk's own time zone (its business hours'): every date shown to people is in it, never the server's. */
export async function deskTimeZone(): Promise<string> {
  return (await getEscalationRules()).business_hours.timezone;
}
