import { DomainError } from '@cc/core/errors';
import type { EndpointUrlProblem } from '@cc/core/webhooks';

/* Why an outbound-webhook change was refused; nothing was changed. Registered in schema/outbound-webhook-errors.ts. */

const urlProblems: Record<EndpointUrlProblem, string> = {
  invalid: 'is not a valid URL',
  not_https: 'must use https (plain http only to this machine’s loopback, in development and tests)',
  credentials: 'must not carry a user name or password — receivers check the signature instead',
};

export class InvalidWebhookUrlError extends DomainError {
  constructor(
    readonly url: string,
    readonly problem: EndpointUrlProblem,
  ) {
    super('INVALID_WEBHOOK_URL', `The endpoint URL ${urlProblems[problem]}.`);
  }
}

export class WebhookDeliveryInProgressError extends DomainError {
  constructor() {
    super('WEBHOOK_DELIVERY_IN_PROGRESS', 'This delivery is still being attempted; replay it once it has succeeded or failed.');
  }
}

export class WebhookEndpointDisabledError extends DomainError {
  constructor(readonly reason: string | null) {
    super('WEBHOOK_ENDPOINT_DISABLED', `The endpoint is disabled${reason ? ` (${reason})` : ''}; enable it before replaying.`);
  }
}
