import { DomainError } from '@cc/core/errors';

/*
 * Why a push was refused, and what to do about it. Nothing was stored or sent. Registered as
 * GraphQL error types in schema/push-errors.ts.
 */

export class NoConsentError extends DomainError {
  constructor() {
    super('NO_CONSENT', 'No consent for WhatsApp messages is recorded for this customer — ask the caller and record their consent first.');
  }
}
export class TemplateRequiredError extends DomainError {
  constructor(readonly closesAt: Date | null) {
    super(
      'TEMPLATE_REQUIRED',
      closesAt
        ? `The WhatsApp window closed at ${closesAt.toISOString()} — choose an approved template; it will carry your content.`
        : 'The customer has not written on WhatsApp in the last 24 hours — choose an approved template; it will carry your content.',
    );
  }
}
export class TemplateNotApprovedError extends DomainError {
  constructor(readonly contentSid: string, readonly approvalStatus: string | null) {
    super(
      'TEMPLATE_NOT_APPROVED',
      approvalStatus
        ? `Template ${contentSid} is ${approvalStatus}, not approved by WhatsApp — choose an approved template.`
        : `Template ${contentSid} is unknown — sync the templates or choose another one.`,
    );
  }
}
export class LinkNotAllowedError extends DomainError {
  constructor(readonly host: string | null) {
    super('LINK_NOT_ALLOWED', host ? `Links to ${host} may not be pushed — only the company's allowed domains; ask an administrator to add it.` : 'That is not a web link (http or https).');
  }
}
export class MediaRefusedError extends DomainError {
  constructor(readonly reason: 'type' | 'size' | 'empty' | 'mismatch' | 'missing' | 'withdrawn', message: string) {
    super('MEDIA_REFUSED', message);
  }
}
export class PushTooSoonError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('PUSH_TOO_SOON', `A message went to this customer moments ago — wait ${retryAfterSeconds} s before the next one (WhatsApp blocks senders who message too fast).`);
  }
}
export class SenderRateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('SENDER_RATE_LIMITED', `The WhatsApp sender is at its message rate — try again in ${retryAfterSeconds} s.`);
  }
}
/** The shared pacing store (Redis) does not answer: nothing is sent rather than risk breaking WhatsApp's limits. */
export class PacingUnavailableError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('PACING_UNAVAILABLE', `WhatsApp sending is paused for a moment: the service that keeps messages within WhatsApp's limits is not answering — nothing was sent; try again in ${retryAfterSeconds} s.`);
  }
}
export class DailyBudgetExhaustedError extends DomainError {
  constructor(readonly limit: number, readonly resetsAt: Date) {
    super('DAILY_BUDGET_EXHAUSTED', `The ${limit} business-initiated WhatsApp conversations allowed per 24 h are used up — the next one frees up at ${resetsAt.toISOString()}; until then only customers who wrote in the last 24 h, or who already got a template today, can be reached.`);
  }
}
export class NoTargetNumberError extends DomainError {
  constructor() {
    super('NO_TARGET_NUMBER', 'This call has no caller id — confirm the customer’s WhatsApp number with them and enter it.');
  }
}
export class SmsFallbackNotOfferedError extends DomainError {
  constructor(already: boolean) {
    super('SMS_FALLBACK_NOT_OFFERED', already ? 'The SMS was already sent for this push.' : 'An SMS is offered only when WhatsApp cannot reach the number (e.g. error 63016) — this push did not fail that way.');
  }
}
/** `providerCode` is Twilio's error code. */
export class SmsRefusedError extends DomainError {
  constructor(readonly providerCode: string, detail: string) {
    super('SMS_REFUSED', `Twilio refused the SMS (error ${providerCode}): ${detail}`);
  }
}
