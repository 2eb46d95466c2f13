import "server-only";
import { DeliveryError } from "@/lib/net/delivery-error";
import type { Locale } from "@/lib/i18n/config";
import { emailText } from "@/lib/i18n/server-text";

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

// Labels of the payload's codes, from the server catalogue (lib/i18n/messages/<locale>/email.json, "labels"); an unknown
// code shows as itself.
function label(locale: Locale, group: "priority" | "reason" | "outcome", code: string | undefined): string | undefined {
  if (!code) return undefined;
  const t = emailText(locale);
  const key = `labels.${group}.${code}` as Parameters<typeof t>[0];
  return t.has(key) ? t(key) : code;
}

export const priorityLabel = (locale: Locale, priority: string | undefined) => label(locale, "priority", priority);
export const reasonLabel = (locale: Locale, reason: string | undefined) => label(locale, "reason", reason);
export const outcomeLabel = (locale: Locale, outcome: string | undefined) => label(locale, "outcome", outcome);

/** "24 ore", "1 hour", "30 minuti": the SLA promise in words. */
export function durationLabel(locale: Locale, hours: number): string {
  const t = emailText(locale);
  if (hours < 1) {
    const minutes = Math.max(1, Math.round(hours * 60));
    return t("labels.minutes", { count: minutes, n: String(minutes) });
  }
  const whole = Math.round(hours);
  return t("labels.hours", { count: whole, n: String(whole) });
}

/** A date for people, in the desk's time zone: the payload's time_zone, written by its producer (UTC for older rows without one). */
export function formatDateTime(locale: Locale, iso: string | undefined, timeZone: string | undefined): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "it-IT", { dateStyle: "medium", timeStyle: "short", timeZone: timeZone ?? "UTC" }).format(date);
}
