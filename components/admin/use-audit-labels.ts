"use client";
import { useTranslations } from "use-intl";

type Actor = { type: string; id: string | null; name: string | null };
type Target = { type: string; id: string | null; label: string | null };

/**
 * Readable names for the audit log's actions, groups, actors and targets. Action keys are nested catalogue keys
 * ("ticket.created" → audit.sentence.ticket.created); an action the catalogue does not know shows as recorded.
 */
export function useAuditLabels() {
  const t = useTranslations("admin");
  type Key = Parameters<typeof t>[0];
  const known = (key: string) => t.has(key as Key);
  const labelOr = (key: string, fallback: string) => (known(key) ? t(key as Key) : fallback);
  const action = (value: string) => labelOr(`audit.action.${value}`, value);
  const group = (value: string) => labelOr(`audit.group.${value}`, value);
  const targetType = (value: string) => labelOr(`audit.targetTypes.${value}`, value);
  const actor = (a: Actor) =>
    a.type === "operator" ? (a.name ?? t("actor.unknown")) : a.type === "api_key" ? t("actor.apiKey", { name: a.name ?? "" }) : a.type === "customer" ? t("actor.customer") : t("actor.system");
  const sentence = (e: { action: string; actor: Actor; target: Target | null }) => {
    const who = actor(e.actor);
    const what = e.target ? (e.target.label ?? targetType(e.target.type)) : t("audit.someone");
    return known(`audit.sentence.${e.action}`) ? t(`audit.sentence.${e.action}` as Key, { actor: who, target: what }) : t("audit.other", { actor: who, action: action(e.action) });
  };
  return { action, group, targetType, sentence };
}
