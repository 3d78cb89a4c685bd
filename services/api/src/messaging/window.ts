import type { WindowState } from '@cc/core/messaging-window';
import { hasOptedOut } from '@cc/db/repositories/consents';
import type { Interaction } from '@cc/db/tables/interactions';
import type { ApiServices } from '../context';
import { whatsAppWindow } from '../twilio/whatsapp-replies';

/** May a free-form WhatsApp reply go out now: the 24 h window and opt-out. Null off WhatsApp or without Twilio. */
export async function whatsAppReplyWindow(
  deps: Pick<ApiServices, 'db' | 'twilio'>,
  interaction: Pick<Interaction, 'channel' | 'customer_id'>,
): Promise<(WindowState & { optedOut: boolean }) | null> {
  if (interaction.channel !== 'whatsapp' || !deps.twilio) return null;
  const window = await whatsAppWindow(deps.twilio.deps, interaction.customer_id);
  return { ...window, optedOut: await hasOptedOut(deps.db, interaction.customer_id, 'whatsapp') };
}
