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

function values<T extends string>(list: readonly T[]) {
  return Object.fromEntries(list.map((v) => [v.toUpperCase(), { value: v }])) as Record<Uppercase<T>, { value: T }>;
}

export const ChannelEnum = builder.enumType('Channel', { values: values<Channel>(channels) });
export const PresenceStatusEnum = builder.enumType('PresenceStatus', { values: values<PresenceStatus>(presenceStatuses) });
export const PresenceReasonEnum = builder.enumType('PresenceReason', {
  description: 'Why routing, not the agent, changed a presence. MISSED_OFFERS: set away after offers in a row expired unanswered.',
  values: values<PresenceReason>(presenceReasons),
});
export const InteractionStatusEnum = builder.enumType('InteractionStatus', { values: values<InteractionStatus>(interactionStatuses) });
export const OfferOutcomeEnum = builder.enumType('OfferOutcome', { values: values<OfferOutcome>(offerOutcomes) });

/** `{ skill: level }` maps as lists, so clients get a typed shape instead of a JSON blob. */
export const SkillLevel = builder.simpleObject('SkillLevel', {
  fields: (t) => ({ skill: t.string(), level: t.int() }),
});
export const SkillLevelInput = builder.inputType('SkillLevelInput', {
  fields: (t) => ({ skill: t.string({ required: true }), level: t.int({ required: true }) }),
});

export const toSkillList = (skills: Record<string, number>) => Object.entries(skills).map(([skill, level]) => ({ skill, level }));
export const fromSkillList = (list: readonly { skill: string; level: number }[]) => Object.fromEntries(list.map((s) => [s.skill.trim(), s.level]));
