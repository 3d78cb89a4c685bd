import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { useFormat } from '../../composables/useFormat';
import { SESSION_STORAGE_KEY, reloadSessionFromStorage, useSignedInUser } from '../../composables/useSession';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
import LayoutTimeZoneSelect from './LayoutTimeZoneSelect.vue';

const user = { id: 'VXNlcjox', email: 'ana@example.com', name: 'Ana', role: 'AGENT' as const, timeZone: 'Europe/Madrid' };

/** Something else on the page that formats a date: it must follow the new zone at once. */
const Stamp = defineComponent(() => {
  const format = useFormat();
  return () => h('p', { 'data-test': 'stamp' }, format.value.dateTime('2026-01-15T13:05:00Z'));
});

let answer: Record<string, unknown>;

function mountSelect() {
  const fake = createFakeClient((operation): FakeResponse => (operationName(operation) === 'SetTimeZone' ? { data: { setTimeZone: answer } } : { data: null }));
  const wrapper = mount(
    defineComponent(() => () => [h(LayoutTimeZoneSelect), h(Stamp)]),
    { global: { plugins: [createAppI18n('en'), [urql, fake.client]] } },
  );
  return { wrapper, fake };
}

beforeEach(() => {
  localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ user }));
  reloadSessionFromStorage();
});
afterEach(() => {
  localStorage.clear();
  reloadSessionFromStorage();
});

describe('LayoutTimeZoneSelect', () => {
  it('is a labelled select of the browser’s zones showing the agent’s zone', () => {
    const { wrapper } = mountSelect();
    const select = wrapper.get('[data-test="time-zone"]');
    expect(wrapper.get(`label[for="${select.attributes('id')}"]`).text()).toBe('Time zone');
    expect((select.element as HTMLSelectElement).value).toBe('Europe/Madrid');
    const values = select.findAll('option').map((o) => o.attributes('value'));
    expect(values).toEqual(expect.arrayContaining(['America/New_York', 'Asia/Tokyo', 'UTC']));
    expect(values.length).toBeGreaterThan(300);
    expect(select.find('option[value="America/New_York"]').text()).toBe('America/New York');
    expect(wrapper.get('[data-test="stamp"]').text()).toBe('1/15/26, 2:05 PM');
  });

  it('saves the chosen zone on the user, and dates on the page follow it', async () => {
    answer = { __typename: 'SetTimeZonePayload', user: { ...user, timeZone: 'America/New_York' } };
    const { wrapper, fake } = mountSelect();
    await wrapper.get('[data-test="time-zone"]').setValue('America/New_York');
    await flushPromises();
    expect(fake.operations.find((o) => operationName(o) === 'SetTimeZone')?.variables).toEqual({ timeZone: 'America/New_York' });
    expect(useSignedInUser().value?.timeZone).toBe('America/New_York');
    expect(wrapper.get('[data-test="stamp"]').text()).toBe('1/15/26, 8:05 AM');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });

  it('shows a refusal as an alert tied to the select and keeps the zone in effect', async () => {
    answer = { __typename: 'InvalidTimeZoneError', message: '"Asia/Tokyo" is not a time zone.' };
    const { wrapper } = mountSelect();
    const select = wrapper.get('[data-test="time-zone"]');
    await select.setValue('Asia/Tokyo');
    await flushPromises();
    const alert = wrapper.get('[role="alert"]');
    expect(alert.text()).toBe('Time zone not changed: "Asia/Tokyo" is not a time zone.');
    expect(select.attributes('aria-describedby')).toBe(alert.attributes('id'));
    expect((select.element as HTMLSelectElement).value).toBe('Europe/Madrid');
    expect(wrapper.get('[data-test="stamp"]').text()).toBe('1/15/26, 2:05 PM');
  });
});
