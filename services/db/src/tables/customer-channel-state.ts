import type { Generated, Selectable } from 'kysely';
import type { Channel } from '@cc/core/channels';

/** Per customer and channel: when they last wrote to us (WhatsApp's 24 h window starts there). */
export interface CustomerChannelStateTable {
  customer_id: string;
  channel: Channel;
  last_inbound_at: Date;
  updated_at: Generated<Date>;
}

export type CustomerChannelState = Selectable<CustomerChannelStateTable>;
