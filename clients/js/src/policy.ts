import type { EscalationResult, Locale } from "./types";

export type EscalationDecision = "answer" | "escalate" | "offer_choice";

export interface EscalationThresholds {
  /** Answer on your own when confidence is strictly above this; default 0.8. */
  answerAbove?: number;
  /** Escalate straight away when confidence is strictly below this; default 0.3. */
  escalateBelow?: number;
}

export interface QuickReply {
  type: "quick_reply";
  label: string;
  payload: "resolved" | "escalate_human";
}

export const DEFAULT_ANSWER_ABOVE = 0.8;
export const DEFAULT_ESCALATE_BELOW = 0.3;

/**
 * The guide's rule: > answerAbove answer, < escalateBelow escalate, and in between
 * (both bounds included) answer but let the user pick "resolved" or "talk to a human".
 * A NaN confidence means the bot could not score its answer at all, so a human decides.
 */
export function decideEscalation(confidence: number, options: EscalationThresholds = {}): EscalationDecision {
  const { answerAbove, escalateBelow } = validThresholds(options);
  if (Number.isNaN(confidence)) return "escalate";
  if (confidence > answerAbove) return "answer";
  if (confidence < escalateBelow) return "escalate";
  return "offer_choice";
}

function validThresholds(options: EscalationThresholds): Required<EscalationThresholds> {
  const answerAbove = options.answerAbove ?? DEFAULT_ANSWER_ABOVE;
  const escalateBelow = options.escalateBelow ?? DEFAULT_ESCALATE_BELOW;
  assertProbability("answerAbove", answerAbove);
  assertProbability("escalateBelow", escalateBelow);
  if (escalateBelow > answerAbove) {
    throw new RangeError(`escalateBelow (${escalateBelow}) must not be greater than answerAbove (${answerAbove})`);
  }
  return { answerAbove, escalateBelow };
}

function assertProbability(name: string, value: number): void {
  // typeof guards plain-JS callers passing strings, which would compare lexically.
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new RangeError(`${name} must be a number between 0 and 1, got ${String(value)}`);
  }
}

const QUICK_REPLY_LABELS: Record<Locale, { resolved: string; escalate: string }> = {
  it: { resolved: "✅ Risolto", escalate: "💬 Parla con operatore" },
  en: { resolved: "✅ Resolved", escalate: "💬 Talk to an agent" },
};

/** The two quick replies offered when the bot answered but is not sure it helped. */
export function quickReplies(locale: Locale = "it"): QuickReply[] {
  const labels = QUICK_REPLY_LABELS[locale] ?? QUICK_REPLY_LABELS.it;
  return [
    { type: "quick_reply", label: labels.resolved, payload: "resolved" },
    { type: "quick_reply", label: labels.escalate, payload: "escalate_human" },
  ];
}

/** What the bot tells the customer after requestHumanOperator, in the guide's words. */
export function escalationMessage(result: EscalationResult, locale: Locale = "it"): string {
  const en = locale === "en";
  switch (result.type) {
    case "queue":
      return en
        ? `You are number ${result.position} in the queue. Estimated wait: ${minutes(result.estimatedWait, "en")}.`
        : `Sei in posizione ${result.position} nella coda. Tempo stimato: ${minutes(result.estimatedWait, "it")}.`;
    case "operator_assigned":
      return en ? "An agent is contacting you..." : "Un operatore ti sta contattando...";
    case "ticket_created":
      return en
        ? `I've created ticket #${result.ticketNumber}. You'll get a reply by email/WhatsApp within 24h.`
        : `Ho creato il ticket #${result.ticketNumber}. Riceverai risposta via email/WhatsApp entro 24h.`;
  }
}

function minutes(n: number, locale: Locale): string {
  if (locale === "en") return `${n} ${n === 1 ? "minute" : "minutes"}`;
  return `${n} ${n === 1 ? "minuto" : "minuti"}`;
}
