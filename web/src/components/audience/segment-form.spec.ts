import { describe, expect, it } from 'vitest';
import { emptySegmentForm, filterOf, formOf } from './segment-form';

describe('segment form', () => {
  it('turns typed lists, field conditions and dates into the API filter', () => {
    const filter = filterOf({
      ...emptySegmentForm(),
      tagsAny: 'vip, madrid,,',
      languages: 'es\nen',
      fieldEquals: 'plan=gold\nvisits = 3\nactive=true\ncode="3"',
      activityChannel: 'WHATSAPP',
      activityDays: 14,
      activityHad: false,
      lastContactAfter: '2025-03-01',
    });
    expect(filter).toMatchObject({
      tagsAny: ['vip', 'madrid'],
      tagsAll: [],
      languages: ['es', 'en'],
      fieldEquals: [{ key: 'plan', value: 'gold' }, { key: 'visits', value: 3 }, { key: 'active', value: true }, { key: 'code', value: '3' }],
      consentPurpose: 'MARKETING',
      lastContactBefore: null,
      channelActivity: { channel: 'WHATSAPP', withinDays: 14, had: false },
    });
    expect(new Date(filter.lastContactAfter as string).getDate()).toBe(1);
  });

  it('leaves channel activity out when no channel is chosen', () => {
    expect(filterOf(emptySegmentForm()).channelActivity).toBeNull();
  });

  it('reads a saved segment back into the form, quoting text that looks like a number', () => {
    const form = formOf({
      id: 'U2VnbWVudDox',
      name: 'Spring',
      description: null,
      recipientCount: 3,
      updatedAt: '2026-01-01T00:00:00Z',
      filter: {
        tagsAny: ['vip'], tagsAll: [], languages: ['es'], countries: ['ES'], timeZones: [], consentPurpose: 'SERVICE',
        fieldEquals: [{ key: 'code', value: '3' as never }, { key: 'visits', value: 3 as never }],
        lastContactAfter: null, lastContactBefore: null, channelActivity: null,
      },
    });
    expect(form).toMatchObject({ id: 'U2VnbWVudDox', tagsAny: 'vip', countries: 'ES', consentPurpose: 'SERVICE', fieldEquals: 'code="3"\nvisits=3', activityChannel: '' });
    expect(filterOf(form).fieldEquals).toEqual([{ key: 'code', value: '3' }, { key: 'visits', value: 3 }]);
  });
});
