// Escalation rules and business hours: the contract of GET/PUT /api/chat/escalation-rules. Pure, browser-safe.
import { z } from "zod";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
const interval = z.tuple([time, time]).refine(([from, to]) => from < to, "start must be before end");

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export const businessHoursSchema = z.object({
  enabled: z.boolean(),
  timezone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "unknown time zone"),
  days: z.object(Object.fromEntries(weekdays.map((d) => [d, z.array(interval).max(4)])) as Record<(typeof weekdays)[number], z.ZodArray<typeof interval>>),
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")).max(366),
});

export const escalationRulesSchema = z.object({
  /** Past this wait a queued session becomes a ticket. */
  max_queue_wait_minutes: z.number().int().min(1).max(24 * 60),
  /** An operator who has not answered an assignment within this loses it to the next free operator. */
  unanswered_assignment_seconds: z.number().int().min(10).max(3600),
  /** Misses after which the admin is alerted. */
  alert_after_missed_assignments: z.number().int().min(1).max(20),
  /** Immediate WhatsApp alert to ADMIN_PHONE for urgent escalations. */
  urgent_whatsapp_alert: z.boolean(),
  /** Past this many waiting sessions new requests get a ticket straight away. */
  max_queue_length: z.number().int().min(0).max(10_000),
  /** First-response targets per priority, in hours. */
  sla_hours: z.object({ urgent: z.number().positive(), high: z.number().positive(), medium: z.number().positive(), low: z.number().positive() }),
  business_hours: businessHoursSchema,
});

export type EscalationRules = z.infer<typeof escalationRulesSchema>;
export type BusinessHours = z.infer<typeof businessHoursSchema>;

const workday: [string, string][] = [["09:00", "18:00"]];

export const DEFAULT_RULES: EscalationRules = {
  max_queue_wait_minutes: 10,
  unanswered_assignment_seconds: 60,
  alert_after_missed_assignments: 2,
  urgent_whatsapp_alert: true,
  max_queue_length: 500,
  sla_hours: { urgent: 1, high: 4, medium: 24, low: 72 },
  business_hours: {
    enabled: false,
    timezone: "Europe/Rome",
    days: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [], sun: [] },
    holidays: [],
  },
};

