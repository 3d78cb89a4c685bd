import { classifyTwilioError } from '@cc/channels/twilio/errors';
import { sendWhatsAppTemplate } from '@cc/channels/whatsapp/send-template';
import type { CampaignTransport } from '@cc/workflows/activities/campaigns';
import { publicUrl, type TwilioDeps } from '../twilio/deps';

/**
 * Campaign messages go out as Content API templates through the Twilio channel's SDK client; the
 * status callback is addressed by our message id (the channel records it, campaigns/status.ts follows).
 */
export function createTwilioCampaignTransport(deps: TwilioDeps): CampaignTransport {
  return {
    async send(message) {
      const from = deps.config.TWILIO_WHATSAPP_FROM;
      if (!from)
        return {
          ok: false,
          refused: true,
          errorCode: 'not_configured',
          detail: 'TWILIO_WHATSAPP_FROM is not configured',
        };
      try {
        const sent = await sendWhatsAppTemplate(deps.client, {
          from,
          to: message.to,
          contentSid: message.contentSid,
          variables: message.variables,
          statusCallback: publicUrl(
            deps,
            `/webhooks/twilio/whatsapp/status?messageId=${message.messageId}`,
          ),
        });
        return { ok: true, sid: sent.sid, status: sent.status };
      } catch (e) {
        const failure = classifyTwilioError(e);
        if (failure.kind === 'refused')
          return { ok: false, refused: true, errorCode: failure.code, detail: failure.detail };
        return {
          ok: false,
          refused: false,
          certainlyNotSent: failure.certainlyNotSent,
          detail: failure.detail,
        };
      }
    },
  };
}
