import "server-only";
import { DeliveryError } from "@/lib/net/delivery-error";
import type { Locale } from "@/lib/i18n/config";


/** A notification's payload as its template reads it: typed accessors that name the missing field. */
export class NotificationPayload {
  constructor(
    readonly kind: string,
    private readonly data: Record<string, unknown>,
  ) {}

  static from(kind: string, value: unknown): NotificationPayload {
    const data = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    return new NotificationPayload(kind, data);
  }

  text(key: string): string | undefined {
    const value = this.data[key];
    if (typeof value === "string") return value.trim() === "" ? undefined : value;
    if (typeof value === "number") return String(value);
    return undefined;
  }

  number(key: string): number | undefined {
    const value = this.data[key];
    const parsed = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
    return Number.isFinite(parsed) ? parsed : undefined;
  }

  list(key: string): Record<string, unknown>[] {
    const value = this.data[key];
    return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => !!v && typeof v === "object") : [];
  }

  strings(key: string): string[] {
    const value = this.data[key];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  }

  /** A field the template cannot do without: retrying would fail the same way, so the failure is final. */
  required(key: string): string {
    const value = this.text(key);
    if (value === undefined) {
      throw new DeliveryError(`payload of ${this.kind} lacks "${key}"`, { retryable: false, code: "invalid_payload" });
    }
    return value;
  }
}

const PRIORITY: Record<Locale, Record<string, string>> = {
  it: { low: "bassa", medium: "media", high: "alta", urgent: "urgente" },
  en: { low: "low", medium: "medium", high: "high", urgent: "urgent" },
};

const REASON: Record<Locale, Record<string, string>> = {
  it: {
    no_operators: "nessun operatore online",
    after_hours: "fuori orario",
    queue_full: "coda piena",
    queue_timeout: "attesa in coda troppo lunga",
    api: "creato via API",
  },
  en: {
    no_operators: "no operator online",
    after_hours: "outside business hours",
    queue_full: "queue full",
    queue_timeout: "waited too long in the queue",
    api: "created through the API",
  },
};

const OUTCOME: Record<Locale, Record<string, string>> = {
  it: { assigned: "assegnata a un operatore", queued: "in coda", ticket: "trasformata in ticket" },
  en: { assigned: "assigned to an operator", queued: "queued", ticket: "turned into a ticket" },
};

export const priorityLabel = (locale: Locale, priority: string | undefined) => (priority ? (PRIORITY[locale][priority] ?? priority) : undefined);
export const reasonLabel = (locale: Locale, reason: string | undefined) => (reason ? (REASON[locale][reason] ?? reason) : undefined);
export const outcomeLabel = (locale: Locale, outcome: string | undefined) => (outcome ? (OUTCOME[locale][outcome] ?? outcome) : undefined);

/** "24 ore", "1 hour", "30 minuti": the SLA promise in words. */
export function durationLabel(locale: Locale, hours: number): string {
  if (hours < 1) {
    const minutes = Math.max(1, Math.round(hours * 60));
    return locale === "en" ? `${minutes} minute${minutes === 1 ? "" : "s"}` : `${minutes} minut${minutes === 1 ? "o" : "i"}`;
  }
  const whole = Math.round(hours);
  return locale === "en" ? `${whole} hour${whole === 1 ? "" : "s"}` : `${whole} or${whole === 1 ? "a" : "e"}`;
}

/** A date for people, in the desk's time zone: the payload's time_zone, written by its producer (UTC for older rows without one). */
export function formatDateTime(locale: Locale, iso: string | undefined, timeZone: string | undefined): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "it-IT", { dateStyle: "medium", timeStyle: "short", timeZone: timeZone ?? "UTC" }).format(date);
}
