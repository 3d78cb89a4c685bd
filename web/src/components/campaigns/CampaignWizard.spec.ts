import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
import CampaignWizard from './CampaignWizard.vue';

const segments = [{ id: 'U2VnbWVudDox', name: 'Madrid VIP', recipientCount: 120 }];
const templates = [{ contentSid: 'HX1', name: 'oferta', language: 'es', body: 'Hola {{1}}', variables: [{ key: '1', sample: 'Ana' }] }];

/** Walks the wizard to its last step (segment → template → preview → schedule). */
async function atScheduleStep(locale: 'es' | 'en') {
  const fake = createFakeClient((operation): FakeResponse => {
    if (operationName(operation) === 'CampaignPreview')
      return { data: { campaignPreview: { __typename: 'CampaignPreview', recipients: [{ displayName: 'Ana', phone: '+34600000001', text: 'Hola Ana', refusal: null }] } } };
    return { data: null };
  });
  const wrapper = mount(CampaignWizard, {
    props: { segments, templates, busy: false, error: null },
    global: { plugins: [createAppI18n(locale), [urql, fake.client]] },
  });
  await wrapper.find('[data-test="campaign-name"]').setValue('Rebajas');
  await wrapper.find('[data-test="campaign-segment"]').setValue(segments[0]!.id);
  await wrapper.find('[data-test="campaign-next-template"]').trigger('click');
  await wrapper.find('[data-test="campaign-template"]').setValue('HX1');
  await wrapper.find('[data-test="campaign-next-preview"]').trigger('click');
  await flushPromises();
  await wrapper.find('[data-test="campaign-next-schedule"]').trigger('click');
  return wrapper;
}

const emitted = (wrapper: Awaited<ReturnType<typeof atScheduleStep>>) => wrapper.emitted('create')?.[0]?.[0] as Record<string, unknown>;

describe('CampaignWizard', () => {
  it('sends the default quiet hours (weekdays 09:00–21:00) and the default cap when left as they are', async () => {
    const wrapper = await atScheduleStep('es');
    expect(wrapper.find('[data-test="campaign-quiet-hours"]').text()).toContain('Horas de envío permitidas');
    expect(wrapper.findAll('[data-test="queue-hours-open"]').map((i) => (i.element as HTMLInputElement).value)).toEqual(Array(5).fill('09:00'));
    await wrapper.find('[data-test="campaign-schedule"]').trigger('click');
    const input = emitted(wrapper);
    expect(input.quietHours).toEqual(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ open: '09:00', close: '21:00' }]])));
    expect(input).toMatchObject({ frequencyCapCount: null, frequencyCapDays: null, name: 'Rebajas', templateSid: 'HX1' });
  });

  it('sets the allowed hours per weekday and the per-person cap', async () => {
    const wrapper = await atScheduleStep('en');
    expect(wrapper.find('[data-test="campaign-cap"]').text()).toContain('Marketing limit per person');
    // Monday ends at 14:00; Saturday gets 10:00–13:00; Friday is removed.
    const monday = wrapper.find('[data-test="queue-hours-mon"]');
    await monday.find('[data-test="queue-hours-close"]').setValue('14:00');
    await wrapper.find('[data-test="queue-hours-fri"] [data-test="queue-hours-remove"]').trigger('click');
    await wrapper.find('[data-test="queue-hours-sat"] [data-test="queue-hours-add"]').trigger('click');
    const saturday = wrapper.find('[data-test="queue-hours-sat"]');
    await saturday.find('[data-test="queue-hours-open"]').setValue('10:00');
    await saturday.find('[data-test="queue-hours-close"]').setValue('13:00');
    await wrapper.find('[data-test="campaign-cap-count"]').setValue(2);
    await wrapper.find('[data-test="campaign-cap-days"]').setValue(30);
    await wrapper.find('[data-test="campaign-schedule"]').trigger('click');
    const input = emitted(wrapper);
    expect(input.quietHours).toEqual({
      mon: [{ open: '09:00', close: '14:00' }],
      tue: [{ open: '09:00', close: '21:00' }],
      wed: [{ open: '09:00', close: '21:00' }],
      thu: [{ open: '09:00', close: '21:00' }],
      sat: [{ open: '10:00', close: '13:00' }],
    });
    expect(input).toMatchObject({ frequencyCapCount: 2, frequencyCapDays: 30 });
  });

  it('"any time" sends every day, all day (an empty choice would mean the default hours)', async () => {
    const wrapper = await atScheduleStep('en');
    await wrapper.find('[data-test="queue-always-open"]').setValue(true);
    expect(wrapper.find('[data-test="campaign-quiet-hours"]').text()).toContain('Any time, every day');
    await wrapper.find('[data-test="campaign-schedule"]').trigger('click');
    expect(emitted(wrapper).quietHours).toEqual(
      Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ open: '00:00', close: '24:00' }]])),
    );
  });
});
