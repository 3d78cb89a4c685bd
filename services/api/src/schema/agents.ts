import { z } from 'zod';
import { channels } from '@cc/core/channels';
import type { Capacity } from '@cc/core/routing';
import { agentLoads } from '@cc/db/repositories/agent-load';
import { getAgent, getAgents, listAgentQueueIds, listAgents } from '@cc/db/repositories/agents';
import { getPresence } from '@cc/db/repositories/presence';
import { builder } from '../builder';
import type { Context } from '../context';
import { inputErrors } from './errors';
import { Queue } from './queues';
import { ChannelEnum, PresenceReasonEnum, PresenceStatusEnum, SkillLevel, SkillLevelInput, fromSkillList, toSkillList } from './routing-enums';
import { InvalidRoutingSettingError, NotAnAgentError, NotFoundError } from '../routing/errors';
import { User } from './users';

const Presence = builder.simpleObject('Presence', {
  description: 'Whether an agent takes new contacts, and since when.',
  fields: (t) => ({
    status: t.field({ type: PresenceStatusEnum, description: 'The presence now; OFFLINE for an agent never signed in.' }),
    since: t.field({ type: 'DateTime', description: 'When it last changed (when the agent was created, if never).' }),
    reason: t.field({
      type: PresenceReasonEnum,
      nullable: true,
      description: 'Set when routing made this change (e.g. away after missed offers), so the agent sees why; null when they or a supervisor chose it.',
    }),
  }),
});

const ChannelCapacity = builder.simpleObject('ChannelCapacity', {
  description: 'How many interactions of a channel the agent takes at once, and how many they hold now (open offers included).',
  fields: (t) => ({
    channel: t.field({ type: ChannelEnum, description: 'The channel.' }),
    slots: t.int({ description: 'At most this many at once; 0 = takes none of this channel.' }),
    used: t.int({ description: 'Held now: open offers and assigned work that occupies a slot.' }),
  }),
});

export const Agent = builder.loadableObjectRef('Agent', {
  load: async (ids: string[], ctx: Context) => {
    const rows = await getAgents(ctx.db, ids);
    return ids.map((id) => rows.find((r) => r.user_id === id) ?? new NotFoundError('Agent'));
  },
});

Agent.implement({
  description: 'A user who takes interactions: skills, capacity per channel, presence and queues.',
  authScopes: { user: true },
  fields: (t) => ({
    user: t.field({ type: User, description: 'The person.', resolve: (a) => a.user_id }),
    skills: t.field({ type: [SkillLevel], description: 'Skills and levels, matched against queues’ required skills.', resolve: (a) => toSkillList(a.skills) }),
    presence: t.field({
      type: Presence,
      description: 'Whether they take new contacts now.',
      resolve: async (a, _args, ctx) => {
        const [p] = await getPresence(ctx.db, [a.user_id]);
        return { status: p?.status ?? 'offline', since: p?.since ?? a.created_at, reason: p?.reason ?? null };
      },
    }),
    capacity: t.field({
      type: [ChannelCapacity],
      description: 'Per channel they take: slots and how many are in use.',
      resolve: async (a, _args, ctx) => {
        const load = (await agentLoads(ctx.db, [a.user_id])).get(a.user_id) ?? {};
        return channels.filter((c) => a.capacity[c] !== undefined).map((c) => ({ channel: c, slots: a.capacity[c] ?? 0, used: load[c] ?? 0 }));
      },
    }),
    queues: t.field({
      type: [Queue],
      description: 'The queues they serve.',
      resolve: (a, _args, ctx) => listAgentQueueIds(ctx.db, a.user_id),
    }),
  }),
});

builder.objectField(User, 'agent', (t) =>
  t.field({
    type: Agent,
    nullable: true,
    description: 'Routing profile, presence and capacity; null for users who do not take interactions.',
    resolve: async (u, _a, ctx) => (await getAgent(ctx.db, u.id)) ?? null,
  }),
);

builder.queryField('agents', (t) =>
  t.field({
    type: [Agent],
    description: 'Supervisors: every agent, oldest first.',
    authScopes: { supervisor: true },
    resolve: (_r, _a, ctx) => listAgents(ctx.db),
  }),
);

const PresencePayload = builder.simpleObject('PresencePayload', {
  description: 'The agent after the change.',
  fields: (t) => ({ agent: t.field({ type: Agent, description: 'The agent as it is now.' }) }),
});

builder.mutationField('setPresence', (t) =>
  t.field({
    type: PresencePayload,
    description: 'Sets the signed-in agent’s presence. Going available offers them waiting interactions at once.',
    authScopes: { user: true },
    errors: { types: [NotAnAgentError, ...inputErrors], directResult: true, union: { name: 'SetPresenceResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('SetPresenceInput', {
          description: 'Your new presence.',
          fields: (f) => ({ status: f.field({ type: PresenceStatusEnum, required: true, description: 'The presence to set.' }) }),
        }),
        required: true,
        description: 'The presence.',
      }),
    },
    resolve: async (_r, { input }, ctx) => {
      if (ctx.principal.kind !== 'user') throw new NotAnAgentError();
      return ctx.routing.setPresence({ agentId: ctx.principal.userId, status: input.status });
    },
  }),
);

builder.mutationField('setAgentPresence', (t) =>
  t.field({
    type: PresencePayload,
    description: 'Supervisors: set any agent’s presence (e.g. sign out an agent who left).',
    authScopes: { supervisor: true },
    errors: { types: [NotAnAgentError, ...inputErrors], directResult: true, union: { name: 'SetAgentPresenceResult' } },
    args: {
      input: t.arg({
        type: builder.inputType('SetAgentPresenceInput', {
          description: 'An agent and the presence to give them.',
          fields: (f) => ({
            agentId: f.globalID({ required: true, for: [User], description: 'The agent’s User.id.' }),
            status: f.field({ type: PresenceStatusEnum, required: true, description: 'The presence to set.' }),
          }),
        }),
        required: true,
        description: 'The agent and the presence.',
      }),
    },
    resolve: (_r, { input }, ctx) =>
      ctx.routing.setAgentPresence({ agentId: String(input.agentId.id), status: input.status, actorId: ctx.principal.kind === 'user' ? ctx.principal.userId : null }),
  }),
);

const ChannelCapacityInput = builder.inputType('ChannelCapacityInput', {
  description: 'How many interactions of a channel an agent takes at once.',
  fields: (t) => ({
    channel: t.field({ type: ChannelEnum, required: true, description: 'The channel.' }),
    slots: t.int({ required: true, description: '0–50; channels not listed are not taken.', validate: z.number().int().min(0, 'Slots cannot be negative.').max(50) }),
  }),
});

const AgentSettingsInput = builder.inputType('AgentSettingsInput', {
  description: 'An agent’s routing profile; replaces the one saved.',
  fields: (t) => ({
    userId: t.globalID({ required: true, for: [User], description: 'The user to make (or keep) an agent.' }),
    skills: t.field({ type: [SkillLevelInput], required: true, description: 'Every skill and level they have.' }),
    capacity: t.field({ type: [ChannelCapacityInput], required: true, description: 'Slots per channel they take.' }),
    queueIds: t.globalIDList({ required: true, for: [Queue], description: 'The queues they serve.' }),
  }),
});

const toCapacity = (list: readonly { channel: (typeof channels)[number]; slots: number }[]): Capacity => Object.fromEntries(list.map((c) => [c.channel, c.slots]));

builder.mutationField('saveAgent', (t) =>
  t.field({
    type: PresencePayload,
    description: 'Supervisors: make a user an agent, or change an agent’s skills, capacity and queues.',
    authScopes: { supervisor: true },
    errors: { types: [InvalidRoutingSettingError, NotFoundError, ...inputErrors], directResult: true, union: { name: 'SaveAgentResult' } },
    args: { input: t.arg({ type: AgentSettingsInput, required: true, description: 'The user and their routing profile.' }) },
    resolve: (_r, { input }, ctx) =>
      ctx.routing.saveAgent({
        userId: String(input.userId.id),
        skills: fromSkillList(input.skills),
        capacity: toCapacity(input.capacity),
        queueIds: input.queueIds.map((q) => String(q.id)),
        actorId: ctx.principal.kind === 'user' ? ctx.principal.userId : null,
      }),
  }),
);
