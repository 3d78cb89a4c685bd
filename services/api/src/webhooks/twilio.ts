import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseTwilioForm, type TwilioParams } from '@cc/channels/twilio/form';
import { isValidTwilioSignature } from '@cc/channels/twilio/signature';
import { parseCallStatus, parseGather, parseIncomingCall, parseQueueWait, parseRecording } from '@cc/channels/twilio-voice/params';
import { parseInboundWhatsApp, type ParseResult } from '@cc/channels/whatsapp/inbound';
import { parseMessageStatus } from '@cc/channels/whatsapp/status';
import { hangupTwiml } from '@cc/channels/twilio-voice/twiml';
import type { TwilioDeps } from '../twilio/deps';
import { callbackRequest, callStatus, dialEnded, incomingCall, queueResult, queueWait, recordingAvailable } from '../twilio/voice-calls';
import { receiveWhatsApp } from '../twilio/whatsapp-inbound';
import { recordWhatsAppStatus } from '../twilio/whatsapp-replies';
import { InboundMessageRefusedError, NoWhatsAppQueueError } from '../messaging/errors';
import { CallInteractionNotFoundError, CallSetupInProgressError } from '../voice/errors';
import { publicRequestUrl, readBody, replyText, replyTwiml, WebhookRefusal } from './http';
import { logger } from '@cc/core/logger';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

type Route = (deps: TwilioDeps, params: TwilioParams, query: URLSearchParams) => Promise<string>;

function parsed<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new WebhookRefusal(400, result.reason);
  return result.value;
}

function idParam(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (!value) throw new WebhookRefusal(400, `the ${name} query parameter is required`);
  if (!uuid.test(value)) throw new WebhookRefusal(400, `the ${name} query parameter is not an id`);
  return value;
}

/** Every Twilio webhook of the project, by path under /webhooks/twilio. Each answers TwiML. */
const routes: Record<string, Route> = {
  '/whatsapp': async (deps, params) => {
    await receiveWhatsApp(deps, parsed(parseInboundWhatsApp(params)));
    return emptyTwiml;
  },
  '/whatsapp/status': async (deps, params, query) => {
    const messageId = query.has('messageId') ? idParam(query, 'messageId') : null;
    const message = await recordWhatsAppStatus(deps, messageId, parsed(parseMessageStatus(params)));
    if (!message) throw new WebhookRefusal(404, 'no outbound message of ours has this MessageSid');
    await deps.onOutboundStatus?.(message);
    return emptyTwiml;
  },
  '/voice': (deps, params) => incomingCall(deps, parsed(parseIncomingCall(params))),
  '/voice/status': async (deps, params) => {
    await callStatus(deps, parsed(parseCallStatus(params)));
    return emptyTwiml;
  },
  '/voice/wait': (deps, params, query) => queueWait(deps, idParam(query, 'interactionId'), parsed(parseQueueWait(params))),
  '/voice/queue-result': (deps, params, query) => {
    const { callSid } = parsed(parseGather(params));
    const result = params.QueueResult ?? '';
    if (!/^[a-z-]{1,32}$/.test(result)) throw new WebhookRefusal(400, 'QueueResult is required');
    return queueResult(deps, idParam(query, 'interactionId'), callSid, result);
  },
  '/voice/dial-ended': (deps, params, query) => {
    const dialStatus = params.DialCallStatus ?? '';
    if (!/^[a-z-]{1,32}$/.test(dialStatus)) throw new WebhookRefusal(400, 'DialCallStatus is required');
    return dialEnded(deps, idParam(query, 'interactionId'), parsed(parseGather(params)).callSid, dialStatus);
  },
  '/voice/recording': async (deps, params, query) => {
    await recordingAvailable(deps, idParam(query, 'interactionId'), parsed(parseRecording(params)));
    return emptyTwiml;
  },
  '/voice/callback': (deps, params, query) => {
    const gather = parsed(parseGather(params));
    return callbackRequest(deps, idParam(query, 'interactionId'), gather.callSid, gather.digits);
  },
};

/**
 * /webhooks/twilio/*: size limit, form body, the X-Twilio-Signature over the public URL (proxies:
 * PUBLIC_BASE_URL), our account; then the route. Anything refused is a 4xx with one sentence why
 * and nothing written.
 */
export function createTwilioWebhooks(deps: TwilioDeps) {
  return async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    try {
      const route = routes[path.slice('/webhooks/twilio'.length)];
      if (!route) throw new WebhookRefusal(404, 'no Twilio webhook at this path');
      if (req.method !== 'POST') throw new WebhookRefusal(405, 'Twilio webhooks are POST requests');
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') throw new WebhookRefusal(415, 'the body must be application/x-www-form-urlencoded');
      const body = await readBody(req, deps.config.TWILIO_WEBHOOK_MAX_BYTES);
      const signature = req.headers['x-twilio-signature'];
      if (typeof signature !== 'string' || !signature) throw new WebhookRefusal(401, 'the X-Twilio-Signature header is missing');
      const form = parseTwilioForm(body);
      if (!form.ok) throw new WebhookRefusal(400, form.reason);
      const url = publicRequestUrl(deps.publicBaseUrl(), req.url ?? path);
      if (!isValidTwilioSignature(deps.config.TWILIO_AUTH_TOKEN, signature, url, form.params)) {
        throw new WebhookRefusal(403, 'the X-Twilio-Signature does not match this URL and body');
      }
      if (form.params.AccountSid !== deps.config.TWILIO_ACCOUNT_SID) throw new WebhookRefusal(403, 'AccountSid is not this account');
      const query = new URL(req.url ?? path, 'http://local').searchParams;
      replyTwiml(res, await route(deps, form.params, query));
    } catch (e) {
      if (e instanceof WebhookRefusal) {
        replyText(res, e.status, e.message, e.status === 405 ? { allow: 'POST' } : {});
        return;
      }
      const status = refusalStatus(e);
      if (status) return replyText(res, status, (e as Error).message);
      logger({ webhook: path }).error({ err: e }, 'Twilio webhook failed; Twilio may retry');
      // Voice callers hear a polite end rather than Twilio's application-error message.
      if (path.startsWith('/webhooks/twilio/voice') && !res.headersSent) return replyTwiml(res, hangupTwiml(null));
      replyText(res, 500, 'the webhook could not be processed; it is safe to retry');
    }
  };
}

/** The HTTP status of a use case's refusal: 503 asks Twilio to retry later, 409 at once. */
function refusalStatus(e: unknown): number | null {
  if (e instanceof NoWhatsAppQueueError || e instanceof InboundMessageRefusedError) return 503;
  if (e instanceof CallSetupInProgressError) return 409;
  if (e instanceof CallInteractionNotFoundError) return 404;
  return null;
}

/** When Twilio is not configured every webhook says so. */
export function twilioNotConfigured(_req: IncomingMessage, res: ServerResponse): void {
  replyText(res, 404, 'Twilio is not configured on this server (set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN)');
}
