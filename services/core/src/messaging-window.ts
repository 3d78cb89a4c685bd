/**
 * WhatsApp's customer-service window: free-form messages (text, media, location) may be sent only
 * within `windowHours` of the customer's last inbound message; afterwards only approved templates.
 */
export interface WindowState {
  open: boolean;
  /** When it closes (or closed); null when the customer never wrote. */
  closesAt: Date | null;
}

export function messagingWindow(lastInboundAt: Date | null, now: Date, windowHours = 24): WindowState {
  if (!lastInboundAt) return { open: false, closesAt: null };
  const closesAt = new Date(lastInboundAt.getTime() + windowHours * 3600_000);
  return { open: now < closesAt, closesAt };
}
