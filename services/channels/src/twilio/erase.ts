import type { TwilioClient } from './client';
import { classifyTwilioError } from './errors';
import type { TwilioResource } from '@cc/core/privacy';
import type { ProviderFailure } from '../provider-failure';

export type TwilioDeletion = { outcome: 'deleted' | 'gone' } | { outcome: 'failed'; failure: ProviderFailure };

const mediaPath = /\/Messages\/(MM[0-9a-fA-F]{32}|SM[0-9a-fA-F]{32})\/Media\/(ME[0-9a-fA-F]{32})/;

/**
 * Deletes one resource at Twilio (recordings, message and call logs, inbound media: DELETE on the
 * 2010-04-01 API). 404 means it is already gone. A failure says whether Twilio refused or could not
 * be reached (the caller retries the latter).
 */
export async function deleteTwilioResource(client: TwilioClient, resource: TwilioResource): Promise<TwilioDeletion> {
  try {
    switch (resource.kind) {
      case 'recording':
        await client.recordings(resource.sid).remove();
        break;
      case 'message':
        await client.messages(resource.sid).remove();
        break;
      case 'call':
        await client.calls(resource.sid).remove();
        break;
      case 'media': {
        const m = mediaPath.exec(resource.url);
        if (!m) return { outcome: 'gone' }; // not a Twilio media URL: nothing of ours there
        await client.messages(m[1]!).media(m[2]!).remove();
        break;
      }
    }
    return { outcome: 'deleted' };
  } catch (e) {
    if (e && typeof e === 'object' && 'status' in e && e.status === 404) return { outcome: 'gone' };
    return { outcome: 'failed', failure: classifyTwilioError(e) };
  }
}
