import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { createAppI18n } from '../i18n';
import { agentTimeZone, browserTimeZone, createFormatters, useFormat } from './useFormat';
import { SESSION_STORAGE_KEY, reloadSessionFromStorage } from './useSession';

describe('createFormatters', () => {
  it('formats dates in the agent’s time zone and language', () => {
    const es = createFormatters('es', 'Europe/Madrid');
    const en = createFormatters('en', 'America/New_York');
    // 13:05 UTC is 14:05 in Madrid (winter) and 8:05 AM in New York.
    expect(es.dateTime('2026-01-15T13:05:00Z')).toBe('15/1/26, 14:05');
    expect(en.dateTime('2026-01-15T13:05:00Z')).toBe('1/15/26, 8:05 AM');
  });

  it('formats timers, durations, numbers and percentages for the locale', () => {
    const es = createFormatters('es', 'UTC');
    const en = createFormatters('en', 'UTC');
    expect(es.clock(42)).toBe('0:42');
    expect(es.clock(3723)).toBe('1:02:03');
    expect(en.duration(42)).toBe('42 sec');
    expect(es.duration(3720)).toBe('1 h 2 min');
    expect(en.duration(95)).toBe('1 min 35 sec');
    expect(en.duration(120)).toBe('2 min');
    expect(es.number(12345)).toBe('12.345');
    expect(en.number(12345)).toBe('12,345');
    expect(es.percent(87.5)).toBe('87,5\u00a0%');
    expect(en.percent(87.5)).toBe('87.5%');
    expect(en.percent(null)).toBe('—');
    expect(en.bytes(820_400)).toBe('820 kB');
    expect(es.bytes(4_200_000).replace(/\s/gu, ' ')).toBe('4,2 MB');
  });
});

describe('useFormat', () => {
  const signIn = (timeZone?: string | null) => {
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ user: { id: '1', email: 'a@b.c', name: 'Ana', role: 'AGENT', timeZone } }));
    reloadSessionFromStorage();
  };
  const Stamp = defineComponent(() => {
    const format = useFormat();
    return () => h('p', [format.value.dateTime('2026-01-15T13:05:00Z'), ' · ', format.value.time('2026-01-15T13:05:00Z'), ' · ', format.value.timeZone]);
  });
  afterEach(() => {
    localStorage.clear();
    reloadSessionFromStorage();
  });

  it('formats in the signed-in agent’s time zone and follows a change of zone or language', async () => {
    signIn('Asia/Tokyo');
    const i18n = createAppI18n('es');
    const wrapper = mount(Stamp, { global: { plugins: [i18n] } });
    // 13:05 UTC is 22:05 the same day in Tokyo; not today, so `time` shows the date too.
    expect(wrapper.text()).toBe('15/1/26, 22:05 · 15/1/26, 22:05 · Asia/Tokyo');
    signIn('America/New_York');
    i18n.global.locale.value = 'en';
    await wrapper.vm.$nextTick();
    expect(wrapper.text()).toBe('1/15/26, 8:05 AM · 1/15/26, 8:05 AM · America/New_York');
  });

  it('uses the browser’s zone until the agent chooses one, or when the browser does not know theirs', () => {
    signIn(null);
    const wrapper = mount(Stamp, { global: { plugins: [createAppI18n('en')] } });
    expect(wrapper.text().endsWith(` · ${browserTimeZone()}`)).toBe(true);
    expect(agentTimeZone('Mars/Olympus_Mons')).toBe(browserTimeZone());
    expect(agentTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
  });
});
