import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
import ArchiveSearch from './ArchiveSearch.vue';

const ventas = { id: 'UXVldWU6MQ==', name: 'Ventas', dispositions: [{ id: '5d6f0e38-0000-4000-8000-000000000001', code: 'SALE', label: 'Venta' }] };
const soporte = { id: 'UXVldWU6Mg==', name: 'Soporte', dispositions: [{ id: '5d6f0e38-0000-4000-8000-000000000002', code: 'FIXED', label: 'Resuelto' }] };
const ana = { id: 'Q3VzdG9tZXI6MQ==', displayName: 'Ana Ruiz' };
const hit = { id: 'm:1', kind: 'MESSAGE', snippetHtml: 'la <mark>factura</mark>', channel: 'WHATSAPP', direction: 'inbound', at: '2026-11-02T10:00:00Z', customer: ana, interaction: { id: 'SW50ZXJhY3Rpb246MQ==' } };

function mountSearch(supervisor: boolean) {
  const fake = createFakeClient((operation): FakeResponse => {
    const name = operationName(operation);
    if (name === 'ArchiveFilterOptions') return { data: { queues: [ventas, soporte] } };
    if (name === 'ArchiveAgents') return { data: { agents: [{ user: { id: 'VXNlcjox', name: 'Bea Agente' } }] } };
    if (name === 'ArchiveSearchPage') return { data: { archiveSearch: { __typename: 'ArchiveSearchPage', nextCursor: null, hits: [hit] } } };
    return { data: null };
  });
  const wrapper = mount(ArchiveSearch, { props: { supervisor }, global: { plugins: [createAppI18n('en'), [urql, fake.client]] } });
  const searches = () => fake.operations.filter((o) => operationName(o) === 'ArchiveSearchPage').map((o) => (o.variables as { input: Record<string, unknown> }).input);
  return { wrapper, fake, searches };
}

describe('ArchiveSearch', () => {
  it('sends the queue, wrap-up code, agent and tags chosen, and offers only the chosen queue’s codes', async () => {
    const { wrapper, searches } = mountSearch(true);
    await flushPromises();
    const codes = () => wrapper.findAll('[data-test="archive-disposition"] option').map((o) => o.text());
    expect(codes()).toEqual(['Any code', 'Ventas · SALE · Venta', 'Soporte · FIXED · Resuelto']);
    await wrapper.find('[data-test="archive-queue"]').setValue(soporte.id);
    expect(codes()).toEqual(['Any code', 'FIXED · Resuelto']);
    await wrapper.find('[data-test="archive-disposition"]').setValue(soporte.dispositions[0]!.id);
    await wrapper.find('[data-test="archive-agent"]').setValue('VXNlcjox');
    await wrapper.find('[data-test="archive-tags"]').setValue(' vip, empresa ,, ');
    await wrapper.find('[data-test="archive-query"]').setValue('factura');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(searches()).toEqual([
      { query: 'factura', channels: null, queueId: soporte.id, agentId: 'VXNlcjox', dispositionId: soporte.dispositions[0]!.id, tags: ['vip', 'empresa'], customerId: null, from: null, to: null },
    ]);
  });

  it('narrows to one hit’s customer and back to all customers', async () => {
    const { wrapper, searches } = mountSearch(true);
    await flushPromises();
    await wrapper.find('[data-test="archive-query"]').setValue('factura');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    await wrapper.find('[data-test="archive-only-customer"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test="archive-customer"]').text()).toContain('Customer: Ana Ruiz');
    expect(searches()[1]).toMatchObject({ query: 'factura', customerId: ana.id });
    await wrapper.find('[data-test="archive-clear-customer"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-test="archive-customer"]').exists()).toBe(false);
    expect(searches()[2]).toMatchObject({ customerId: null });
  });

  it('has no agent filter for agents and never asks for the agent list', async () => {
    const { wrapper, fake } = mountSearch(false);
    await flushPromises();
    expect(wrapper.find('[data-test="archive-agent"]').exists()).toBe(false);
    expect(fake.operations.some((o) => operationName(o) === 'ArchiveAgents')).toBe(false);
  });
});
