"use client";
import { RatingForm } from "@/components/chat/rating-form";
import { chatApi } from "@/components/chat/session-api";

/** A closed chat's CSAT question on the page its emailed (or WhatsApp) rating request links to. */
export function ChatRating({ token, score }: { token: string; score: number | null }) {
  return <RatingForm submit={(body) => chatApi.rateChatByLink(token, body)} initialScore={score} />;
}
