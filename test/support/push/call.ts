import type { TestApi } from '../api';
import { subscribeSse, type SseSubscription } from '../graphql-sse';
import { ops, type Agent, type OfferEvent } from '../routing-fixtures';
import { postSigned, sid, testAccountSid } from '../twilio/signing';
import { voiceNumber } from '../twilio/stack';

type Api = TestApi & { url(path: string): string };

export const gidOf = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
export const rawId = (gid: string) => Buffer.from(gid, 'base64').toString().split(':')[1]!;

let callerSeq = 0;
/** A fresh Spanish mobile number per call, so pacing per person never couples two tests. */
export function newCaller(): string {
  return `+3469${String(Date.now() % 100000).padStart(5, '0')}${String(++callerSeq % 100).padStart(2, '0')}`;
}

/**
 * A signed inbound call from `caller`, offered to `agent` (watching offers over SSE) and accepted:
 * the voice interaction the agent now holds.
 */
export async function acceptedCall(t: Api, agent: Agent, caller = newCaller()): Promise<{ interactionId: string; gid: string; callSid: string; caller: string; customerId: string }> {
  const offers: SseSubscription<OfferEvent> = await subscribeSse<OfferEvent>(`${t.api.url}/graphql`, ops.offersSubscription, {}, agent.token);
  try {
    const callSid = sid('CA');
    const answered = await postSigned(t.url('/webhooks/twilio/voice'), { CallSid: callSid, AccountSid: testAccountSid, From: caller, To: voiceNumber, CallStatus: 'ringing', Direction: 'inbound' });
    if (answered.status !== 200) throw new Error(`voice webhook: ${answered.status} ${answered.text}`);
    const interaction = await t.api.services.db
      .selectFrom('interactions')
      .selectAll()
      .where('channel', '=', 'voice')
      .where((eb) => eb(eb.ref('context', '->>').key('callSid' as never), '=', callSid))
      .executeTakeFirstOrThrow();
    const offered = await offers.next((e) => rawId(e.offers.interaction.id) === interaction.id && e.offers.outcome === null, 15_000);
    const accepted = await t.gql<{ acceptOffer: { __typename: string } }>(ops.accept, { id: offered.offers.id }, agent.token);
    if (accepted.data?.acceptOffer.__typename !== 'InteractionPayload') throw new Error(`accept: ${JSON.stringify(accepted)}`);
    return { interactionId: interaction.id, gid: gidOf('Interaction', interaction.id), callSid, caller, customerId: interaction.customer_id };
  } finally {
    offers.close();
  }
}

export const pushOps = {
  recordConsent: `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { __typename ... on RecordConsentPayload { consent { id granted purpose source evidence } } ... on Error { message } } }`,
  push: `mutation($input: PushInput!) { push(input: $input) { __typename ... on PushPayload { push { id kind mode status to message { id body } links { shortUrl url } } } ... on Error { message } ... on PushTooSoonError { retryAfterSeconds } ... on MediaRefusedError { reason } ... on LinkNotAllowedError { host } ... on TemplateRequiredError { windowClosedAt } ... on DailyBudgetExhaustedError { limit resetsAt } } }`,
  pushUpdated: `subscription($id: ID!) { pushUpdated(interactionId: $id) { id status errorCode opened fallback links { opens lastUserAgent } } }`,
  upload: `mutation($input: UploadPushMediaInput!) { uploadPushMedia(input: $input) { __typename ... on UploadedPushMedia { mediaId url sizeBytes } ... on MediaRefusedError { reason message } ... on Error { message } } }`,
};

export interface PushEvent {
  pushUpdated: { id: string; status: string; errorCode: string | null; opened: boolean; fallback: string | null; links: { opens: number; lastUserAgent: string | null }[] };
}

export async function recordConsent(t: Api, token: string, gid: string, wording = 'Agent: ¿Le envío la ubicación por WhatsApp? Cliente: Sí, por favor.') {
  const res = await t.gql<{ recordConsent: { __typename: string } }>(pushOps.recordConsent, { input: { interactionId: gid, wording } }, token);
  if (res.data?.recordConsent.__typename !== 'RecordConsentPayload') throw new Error(`recordConsent: ${JSON.stringify(res)}`);
  return res.data.recordConsent;
}
