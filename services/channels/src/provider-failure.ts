/**
 * Why a request to a provider (Twilio, the mail relay) failed, decided once per provider
 * (twilio/errors.ts, email/send.ts) so every sender reports it the same way:
 * - `refused`: the provider answered and said no (a real code: Twilio's 63016, SMTP 550); retrying
 *   the same request will not help.
 * - `unreachable`: no usable answer (connection refused, DNS, timeout, reset, the provider's 5xx or
 *   SMTP 4xx); worth trying again. `certainlyNotSent`: the request never left (no connection), so
 *   an automatic retry cannot duplicate it; otherwise it may have arrived.
 */
export type ProviderFailure =
  | { kind: 'refused'; code: string; detail: string }
  | { kind: 'unreachable'; certainlyNotSent: boolean; detail: string };

/** The error code stored on a message or push when the provider could not be reached. */
export const unreachableCode = 'unreachable';

/** The provider could not be reached: a transient condition, distinct from a refusal. */
export class ProviderUnreachableError extends Error {
  readonly retryable = true;
  readonly code = unreachableCode;
  constructor(
    readonly provider: string,
    readonly certainlyNotSent: boolean,
    readonly detail: string,
  ) {
    super(
      certainlyNotSent
        ? `${provider} could not be reached; nothing was sent — try again.`
        : `${provider} did not answer properly; it is not known whether it went out — check the conversation before trying again.`,
    );
  }
}

/** The provider answered a request that is not a message (a template list, a call update) with a refusal. */
export class ProviderRefusedError extends Error {
  readonly retryable = false;
  constructor(
    readonly provider: string,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${provider} refused the request (error ${code}): ${detail}`);
  }
}

/** The typed error of a failure: what a use case throws when it has nothing more specific to say. */
export function providerError(provider: string, failure: ProviderFailure): ProviderUnreachableError | ProviderRefusedError {
  return failure.kind === 'unreachable' ? new ProviderUnreachableError(provider, failure.certainlyNotSent, failure.detail) : new ProviderRefusedError(provider, failure.code, failure.detail);
}

/** The code stored on the failed message: the provider's own code, or `unreachable`. */
export function failureCode(failure: ProviderFailure): string {
  return failure.kind === 'refused' ? failure.code : unreachableCode;
}
