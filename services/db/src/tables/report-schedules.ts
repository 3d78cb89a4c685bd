import type { Generated, Selectable } from 'kysely';
import type { Channel } from '@cc/core/channels';
import type { ReportGrouping, ReportInterval } from '../repositories/reports';

/** A report mailed as CSV to a list, daily or weekly at a local hour, covering the period just ended. */
export interface ReportSchedulesTable {
  id: Generated<string>;
  name: string;
  recipients: string[];
  frequency: 'daily' | 'weekly';
  /** Local hour (in time_zone) it is mailed at; weekly ones on Mondays. */
  hour: number;
  time_zone: string;
  interval: ReportInterval;
  group_by: ReportGrouping;
  queue_ids: string[] | null;
  channels: Channel[] | null;
  created_by: string | null;
  created_at: Generated<Date>;
  last_period_end: Date | null;
  last_sent_at: Date | null;
  last_error: string | null;
}

export type ReportSchedule = Selectable<ReportSchedulesTable>;
