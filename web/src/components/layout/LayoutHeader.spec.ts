import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../../i18n';
import LayoutHeader from './LayoutHeader.vue';

const user = { id: '1', email: 'luis@example.com', name: 'Luis Pérez', role: 'SUPERVISOR' as const };

describe('LayoutHeader', () => {
  it("shows the product, the agent's name and translated role, and asks to log out", async () => {
    const wrapper = mount(LayoutHeader, {
      props: { user },
      global: { plugins: [createAppI18n('es')], stubs: { LayoutTimeZoneSelect: true } },
    });

    expect(wrapper.text()).toContain('Contact Center');
    expect(wrapper.get('[data-test="user-name"]').text()).toBe('Luis Pérez');
    expect(wrapper.get('[data-test="user-role"]').text()).toBe('Supervisor');
    expect(wrapper.text()).toContain('Sesión iniciada como Luis Pérez');

    const logout = wrapper.findAll('button').find((b) => b.text() === 'Cerrar sesión');
    expect(logout).toBeDefined();
    await logout?.trigger('click');
    expect(wrapper.emitted('logout')).toHaveLength(1);
  });

  it('translates the administrator role into English', () => {
    const wrapper = mount(LayoutHeader, {
      props: { user: { ...user, role: 'ADMIN' } },
      global: { plugins: [createAppI18n('en')], stubs: { LayoutTimeZoneSelect: true } },
    });
    expect(wrapper.get('[data-test="user-role"]').text()).toBe('Administrator');
  });
});
