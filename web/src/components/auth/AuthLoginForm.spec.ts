import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { hasSession, reloadSessionFromStorage, SESSION_STORAGE_KEY } from '../../composables/useSession';
import type { LoginMutationVariables, LoginResult } from '../../graphql/session';
import type { User } from '../../graphql/session';
import { createAppI18n, type AppLocale } from '../../i18n';
import { createFakeClient, type FakeResponse } from '../../test/fakeClient';
import AuthLoginForm from './AuthLoginForm.vue';

const ana = { __typename: 'User', id: 'VXNlcjox', email: 'ana@example.com', name: 'Ana García', role: 'AGENT', timeZone: null } satisfies User;

function loginResponse(login: LoginResult): FakeResponse {
  return { data: { login } };
}

function setup(respond: () => FakeResponse | Promise<FakeResponse>, locale: AppLocale = 'en') {
  const fake = createFakeClient(respond);
  const wrapper = mount(AuthLoginForm, {
    attachTo: document.body,
    global: { plugins: [createAppI18n(locale), [urql, fake.client]] },
  });
  return { wrapper, operations: fake.operations };
}

async function fillAndSubmit(wrapper: ReturnType<typeof setup>['wrapper'], email: string, password: string) {
  await wrapper.get('input[type="email"]').setValue(email);
  await wrapper.get('input[type="password"]').setValue(password);
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

beforeEach(() => {
  localStorage.clear();
  reloadSessionFromStorage();
  document.body.innerHTML = '';
});

describe('AuthLoginForm', () => {
  it('labels both inputs so assistive technology can name them', () => {
    const { wrapper } = setup(() => loginResponse({ __typename: 'LoginPayload', user: ana }));
    for (const input of wrapper.findAll('input')) {
      const label = wrapper.find(`label[for="${input.attributes('id')}"]`);
      expect(label.exists()).toBe(true);
      expect(label.text()).not.toBe('');
    }
    expect(wrapper.get('button[type="submit"]').text()).toBe('Sign in');
  });

  it('rejects empty input without calling the API and focuses the first invalid field', async () => {
    const { wrapper, operations } = setup(() =>
      loginResponse({ __typename: 'LoginPayload', user: ana }),
    );

    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(operations).toHaveLength(0);
    const email = wrapper.get('input[type="email"]');
    const password = wrapper.get('input[type="password"]');
    expect(email.attributes('aria-invalid')).toBe('true');
    expect(password.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get(`#${email.attributes('aria-describedby')}`).text()).toBe('Enter your email address.');
    expect(wrapper.get(`#${password.attributes('aria-describedby')}`).text()).toBe('Enter your password.');
    expect(document.activeElement).toBe(email.element);
    expect(wrapper.emitted('success')).toBeUndefined();
  });

  it('rejects an email without an @ and shows the message in Spanish for a Spanish agent', async () => {
    const { wrapper, operations } = setup(
      () => loginResponse({ __typename: 'LoginPayload', user: ana }),
      'es',
    );

    await fillAndSubmit(wrapper, 'ana.example.com', 'secret');

    expect(operations).toHaveLength(0);
    const email = wrapper.get('input[type="email"]');
    expect(wrapper.get(`#${email.attributes('aria-describedby')}`).text()).toBe(
      'Introduce un correo electrónico válido, p. ej. nombre@empresa.com.',
    );
    expect(wrapper.get('input[type="password"]').attributes('aria-invalid')).toBeUndefined();
  });

  it('explains refused credentials in the console language, whatever words the server used', async () => {
    const { wrapper, operations } = setup(() =>
      loginResponse({ __typename: 'InvalidCredentialsError', message: 'The email or password is incorrect.' }),
      'es',
    );

    await fillAndSubmit(wrapper, 'ana@example.com', 'wrong');

    expect(operations).toHaveLength(1);
    expect(wrapper.get('[role="alert"]').text()).toBe('El correo o la contraseña no son correctos.');
    expect((wrapper.get('input[type="password"]').element as HTMLInputElement).value).toBe('');
    expect(wrapper.emitted('success')).toBeUndefined();
    expect(hasSession()).toBe(false);
  });

  it("places the server's field errors beside the matching input", async () => {
    const { wrapper } = setup(() =>
      loginResponse({
        __typename: 'ValidationError',
        message: 'Invalid input',
        fieldErrors: [{ path: ['input', 'email'], message: 'Email is too long' }],
      }),
    );

    await fillAndSubmit(wrapper, 'ana@example.com', 'secret');

    const email = wrapper.get('input[type="email"]');
    expect(email.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get(`#${email.attributes('aria-describedby')}`).text()).toBe('Email is too long');
    expect(wrapper.get('[role="alert"]').text()).toBe('Invalid input');
  });

  it('explains a network failure in the alert', async () => {
    const { wrapper } = setup(() => ({ networkError: new TypeError('Failed to fetch') }));

    await fillAndSubmit(wrapper, 'ana@example.com', 'secret');

    expect(wrapper.get('[role="alert"]').text()).toBe(
      'Could not reach the server. Check your connection and try again.',
    );
    expect(hasSession()).toBe(false);
  });

  it('sends the login mutation, keeps who signed in (no token) and emits success', async () => {
    let release: () => void = () => undefined;
    const { wrapper, operations } = setup(
      () =>
        new Promise<FakeResponse>((resolve) => {
          release = () => resolve(loginResponse({ __typename: 'LoginPayload', user: ana }));
        }),
    );

    await fillAndSubmit(wrapper, '  ana@example.com ', 'secret');

    // While the request is in flight the button is disabled and says so.
    const button = wrapper.get('button[type="submit"]');
    expect(button.attributes('disabled')).toBeDefined();
    expect(button.text()).toBe('Signing in…');

    release();
    await flushPromises();

    expect(operations).toHaveLength(1);
    expect(operations[0]?.kind).toBe('mutation');
    expect(operations[0]?.variables as LoginMutationVariables).toEqual({
      input: { email: 'ana@example.com', password: 'secret' },
    });
    expect(wrapper.emitted('success')).toEqual([[ana]]);
    expect(hasSession()).toBe(true);
    // Only the profile is kept: the session is the API's httpOnly cookie, which page script cannot read.
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY) ?? 'null')).toEqual({ user: ana });
    expect(wrapper.get('[role="alert"]').text()).toBe('');
  });
});
