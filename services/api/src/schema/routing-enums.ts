import { channels, type Channel } from '@cc/core/channels';
import {
  interactionStatuses,
  offerOutcomes,
  presenceReasons,
  presenceStatuses,
  type InteractionStatus,
  type OfferOutcome,
  type PresenceReason,
  type PresenceStatus,
} from '@cc/core/routing';
import { builder } from '../builder';

function values<T extends string>(list: readonly T[], descriptions: Record<T, string>) {
  return Object.fromEntries(list.map((v) => [v.toUpperCase(), { value: v, description: descriptions[v] }])) as Record<Uppercase<T>, { value: T; description: string }>;
}

export const ChannelEnum = builder.enumType('Channel', {
  description: 'How a customer reaches the contact center.',
  values: values<Channel>(channels, {
    voice: 'A phone call (Twilio), bridged to the agent’s softphone or phone.',
    whatsapp: 'WhatsApp messages (Twilio).',
    email: 'Email, threaded by Message-ID / References.',
    webchat: 'The web chat widget on a company site.',
  }),
});
export const PresenceStatusEnum = builder.enumType('PresenceStatus', {
  description: 'Whether an agent takes new contacts.',
  values: values<PresenceStatus>(presenceStatuses, {
    available: 'Takes new contacts, up to their capacity per channel.',
    busy: 'Signed in but takes no new contacts (keeps the ones held).',
    away: 'Away from the desk: no new contacts.',
    offline: 'Signed out: no contacts.',
  }),
});
export const PresenceReasonEnum = builder.enumType('PresenceReason', {
  description: 'Why routing, not the agent, changed a presence. MISSED_OFFERS: set away after offers in a row expired unanswered.',
  values: values<PresenceReason>(presenceReasons, { missed_offers: 'Set away after offers in a row expired unanswered.' }),
});
export const InteractionStatusEnum = builder.enumType('InteractionStatus', {
  description: 'Where an interaction is in its life.',
  values: values<InteractionStatus>(interactionStatuses, {
    queued: 'Waiting in its queue for an agent.',
    offered: 'Put to one agent, who has until the offer expires to accept.',
    assigned: 'An agent is handling it.',
    wrap_up: 'The conversation ended; the agent is finishing notes.',
    closed: 'Done.',
    abandoned: 'The customer left before being served.',
    transferred: 'Moved to another queue or agent; a new interaction continues it.',
  }),
});
export const OfferOutcomeEnum = builder.enumType('OfferOutcome', {
  description: 'How an offer ended.',
  values: values<OfferOutcome>(offerOutcomes, {
    accepted: 'The agent took the interaction.',
    declined: 'The agent passed on it.',
    expired: 'No answer before it expired.',
    cancelled: 'Withdrawn by routing (the customer left, a supervisor moved it…).',
  }),
});

/** `{ skill: level }` maps as lists, so clients get a typed shape instead of a JSON blob. */
export const SkillLevel = builder.simpleObject('SkillLevel', {
  description: 'A skill and its level (a queue’s requirement, or what an agent has).',
  fields: (t) => ({ skill: t.string({ description: 'Skill name, e.g. spanish or billing.' }), level: t.int({ description: 'Level; an agent qualifies with at least the required level.' }) }),
});
export const SkillLevelInput = builder.inputType('SkillLevelInput', {
  description: 'A skill and its level.',
  fields: (t) => ({ skill: t.string({ required: true, description: 'Skill name.' }), level: t.int({ required: true, description: 'Level.' }) }),
});

export const toSkillList = (skills: Record<string, number>) => Object.entries(skills).map(([skill, level]) => ({ skill, level }));
export const fromSkillList = (list: readonly { skill: string; level: number }[]) => Object.fromEntries(list.map((s) => [s.skill.trim(), s.level]));
