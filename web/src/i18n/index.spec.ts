import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppI18n, pickLocale, rememberLocale } from './index';

function browserPrefers(language: string, languages: string[] = [language]) {
  vi.spyOn(navigator, 'language', 'get').mockReturnValue(language);
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages);
}

beforeEach(() => localStorage.clear());

describe('i18n', () => {
  it("picks Spanish for a browser set to 'es-ES'", () => {
    browserPrefers('es-ES');
    const i18n = createAppI18n();
    expect(i18n.global.locale.value).toBe('es');
    expect(i18n.global.t('console.emptyTitle')).toBe('Sin interacciones todavía');
    expect(document.documentElement.lang).toBe('es');
  });

  it('picks English for an English browser', () => {
    browserPrefers('en-GB');
    const i18n = createAppI18n();
    expect(i18n.global.locale.value).toBe('en');
    expect(i18n.global.t('console.emptyTitle')).toBe('No interactions yet');
  });

  it('falls back to English for a language we do not ship', () => {
    browserPrefers('fr-FR', ['fr-FR', 'de']);
    expect(createAppI18n().global.locale.value).toBe('en');
  });

  it('uses the first supported language among the preferences', () => {
    expect(pickLocale(['ca-ES', 'es-419', 'en'])).toBe('es');
    expect(pickLocale(['EN-us', 'es'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });

  it("lets an agent's explicit choice win over the browser language", () => {
    browserPrefers('es-ES');
    rememberLocale('en');
    expect(createAppI18n().global.locale.value).toBe('en');
  });

  it('renders literal @ signs in messages', () => {
    const i18n = createAppI18n('es');
    expect(i18n.global.t('auth.emailPlaceholder')).toBe('nombre@empresa.com');
  });
});
