"use client";
import { RatingForm } from "@/components/chat/rating-form";
import { chatApi } from "@/components/chat/session-api";

/** The resolved ticket's CSAT question on the customer's ticket page (by the page's access token). */
export function TicketRating({ token, score }: { token: string; score: number | null }) {
  return <RatingForm submit={(body) => chatApi.rateTicket(token, body)} initialScore={score} />;
}
