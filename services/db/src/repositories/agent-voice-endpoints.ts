import type { Db } from '../database';
import type { AgentVoiceEndpoint, VoiceEndpointKind } from '../tables/agent-voice-endpoints';

/** Where the agent's calls go; the browser softphone when never set. */
export async function getAgentVoiceEndpoint(db: Db, agentId: string): Promise<{ kind: VoiceEndpointKind; phoneNumber: string | null }> {
  const row = await db.selectFrom('agent_voice_endpoints').selectAll().where('agent_id', '=', agentId).executeTakeFirst();
  return row ? { kind: row.kind, phoneNumber: row.phone_number } : { kind: 'softphone', phoneNumber: null };
}

export async function setAgentVoiceEndpoint(db: Db, endpoint: { agentId: string; kind: VoiceEndpointKind; phoneNumber: string | null; now: Date }): Promise<AgentVoiceEndpoint> {
  const values = { kind: endpoint.kind, phone_number: endpoint.kind === 'phone' ? endpoint.phoneNumber : null, updated_at: endpoint.now };
  return db
    .insertInto('agent_voice_endpoints')
    .values({ agent_id: endpoint.agentId, ...values })
    .onConflict((oc) => oc.column('agent_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}
