// WhatsApp's customer-service window, as a pure function: the dashboard (browser) and the sender (server) share it.

export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface WhatsappWindow {
  /** Free-form messages are allowed; outside the window only an approved template may be sent. */
  open: boolean;
  /** When the window closes (or closed); null when the customer never wrote. */
  closesAt: Date | null;
  /** Whole seconds left, 0 when closed. */
  secondsLeft: number;
}

/** The window opened by the customer's last inbound WhatsApp message, as seen at `now`. */
export function whatsappWindow(lastInboundAt: Date | string | null | undefined, now: Date = new Date()): WhatsappWindow {
  if (!lastInboundAt) return { open: false, closesAt: null, secondsLeft: 0 };
  const closesAt = new Date(new Date(lastInboundAt).getTime() + WHATSAPP_WINDOW_MS);
  const secondsLeft = Math.max(0, Math.floor((closesAt.getTime() - now.getTime()) / 1000));
  return { open: secondsLeft > 0, closesAt, secondsLeft };
}
