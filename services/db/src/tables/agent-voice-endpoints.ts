import type { Generated, Selectable } from 'kysely';

export type VoiceEndpointKind = 'softphone' | 'phone';

/** Where an agent's calls are bridged; no row means the browser softphone. */
export interface AgentVoiceEndpointsTable {
  agent_id: string;
  kind: VoiceEndpointKind;
  /** E.164; set exactly when kind is `phone`. */
  phone_number: string | null;
  updated_at: Generated<Date>;
}

export type AgentVoiceEndpoint = Selectable<AgentVoiceEndpointsTable>;
