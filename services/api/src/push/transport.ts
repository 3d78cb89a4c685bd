import { failureCode } from '@cc/channels/provider-failure';
import { classifyTwilioError } from '@cc/channels/twilio/errors';
import { sendWhatsApp } from '@cc/channels/whatsapp/send';
import { sendWhatsAppTemplate } from '@cc/channels/whatsapp/send-template';
import type { DeliveryStatus } from '@cc/db/tables/messages';
import type { PushTransport } from '@cc/workflows/activities/push';
import type { MediaUrlSigner } from '../media/signed-urls';
import { publicUrl, type TwilioDeps } from '../twilio/deps';

/**
 * Pushes go out through the Twilio channel's SDK client, free-form or as a Content API template.
 * A pushed file goes by a URL signed at send time (valid `ttlSeconds`), so a retried send still works.
 */
export function createTwilioPushTransport(deps: TwilioDeps, media: { urls: MediaUrlSigner; ttlSeconds: number }): PushTransport {
  return {
    async send(push, message) {
      const from = deps.config.TWILIO_WHATSAPP_FROM;
      if (!from) return { ok: false, errorCode: 'not_configured', detail: 'TWILIO_WHATSAPP_FROM is not configured', notSent: false };
      const statusCallback = publicUrl(deps, `/webhooks/twilio/whatsapp/status?messageId=${message.id}`);
      try {
        const sent =
          push.mode === 'template' && push.template_sid
            ? await sendWhatsAppTemplate(deps.client, { from, to: push.to_number, contentSid: push.template_sid, variables: push.template_variables ?? {}, statusCallback })
            : await sendWhatsApp(deps.client, {
                from,
                to: push.to_number,
                body: message.body,
                mediaUrls:
                  push.content.kind === 'media'
                    ? [publicUrl(deps, media.urls.signedPath(push.content.mediaId, media.ttlSeconds, deps.clock()))]
                    : (message.media ?? []).map((m) => m.url),
                location: message.location,
                statusCallback,
              });
        return { ok: true, sid: sent.sid, status: sent.status as DeliveryStatus };
      } catch (e) {
        // Only a request that never left may be sent again automatically (no duplicate can follow).
        const failure = classifyTwilioError(e);
        return { ok: false, errorCode: failureCode(failure), detail: failure.detail, notSent: failure.kind === 'unreachable' && failure.certainlyNotSent };
      }
    },
  };
}
