import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { createAppI18n } from '../../i18n';
import { createAppRouter } from '../../router';
import LayoutNav from './LayoutNav.vue';

function links(role: 'AGENT' | 'SUPERVISOR' | 'ADMIN') {
  const wrapper = mount(LayoutNav, { props: { role }, global: { plugins: [createAppI18n('en'), createAppRouter(createMemoryHistory())] } });
  return wrapper.findAll('a').map((a) => [a.text(), a.attributes('href')]);
}

describe('LayoutNav', () => {
  it('shows agents the console and the archive (which finds only their own conversations)', () => {
    expect(links('AGENT')).toEqual([
      ['Interactions', '/console'],
      ['Archive', '/archive'],
    ]);
  });

  it('adds the dashboard and segments for supervisors', () => {
    expect(links('SUPERVISOR')).toEqual([
      ['Interactions', '/console'],
      ['Dashboard', '/supervisor'],
      ['Reports', '/reports'],
      ['Archive', '/archive'],
      ['Segments', '/segments'],
      ['Campaigns', '/campaigns'],
    ]);
  });

  it('adds user management for administrators', () => {
    expect(links('ADMIN')).toEqual([
      ['Interactions', '/console'],
      ['Dashboard', '/supervisor'],
      ['Reports', '/reports'],
      ['Archive', '/archive'],
      ['Segments', '/segments'],
      ['Campaigns', '/campaigns'],
      ['Users', '/users'],
      ['Webhooks', '/webhooks'],
      ['WhatsApp', '/whatsapp'],
      ['Data protection', '/privacy'],
    ]);
  });
});
