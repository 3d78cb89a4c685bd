import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { reloadSessionFromStorage, SESSION_STORAGE_KEY } from '../../composables/useSession';
import type { AdminUser } from '../../graphql/users';
import { createAppI18n } from '../../i18n';
import { createFakeClient, operationName, type FakeResponse } from '../../test/fakeClient';
import AdminUsers from './AdminUsers.vue';

const user = (overrides: Partial<AdminUser> = {}): AdminUser => ({
  id: 'u-admin',
  email: 'admin@example.com',
  name: 'Ada',
  role: 'ADMIN',
  disabledAt: null,
  createdAt: '2026-01-15T10:00:00Z',
  lastSignInAt: '2026-01-16T09:30:00Z',
  ...overrides,
});
const agent = user({ id: 'u-agent', email: 'alex@example.com', name: 'Álex', role: 'AGENT', lastSignInAt: null });
let list: AdminUser[];
let answers: Record<string, unknown>;

async function mountUsers() {
  const fake = createFakeClient((operation): FakeResponse => {
    const name = operationName(operation);
    if (name === 'AdminUsers') return { data: { users: { edges: list.map((node) => ({ node })), pageInfo: { hasNextPage: false, endCursor: null } } } };
    if (name === 'AdminQueueChoices') return { data: { queues: [{ id: 'q-1', name: 'General' }, { id: 'q-2', name: 'Ventas' }] } };
    return { data: (answers[name] as Record<string, unknown>) ?? null };
  });
  const wrapper = mount(AdminUsers, { global: { plugins: [createAppI18n('en'), [urql, fake.client]] } });
  await flushPromises();
  return { wrapper, fake };
}
const sent = (fake: Awaited<ReturnType<typeof mountUsers>>['fake'], name: string) => fake.operations.filter((o) => operationName(o) === name).map((o) => o.variables);

beforeEach(() => {
  localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ user: { id: 'u-admin', email: 'admin@example.com', name: 'Ada', role: 'ADMIN' } }));
  reloadSessionFromStorage();
  list = [user(), agent, user({ id: 'u-off', email: 'gone@example.com', name: 'Gone', role: 'SUPERVISOR', disabledAt: '2026-01-17T00:00:00Z' })];
  answers = {};
});

describe('AdminUsers', () => {
  it('lists users with role, state and last sign-in; the administrator cannot disable or demote themselves', async () => {
    const { wrapper } = await mountUsers();
    const rows = wrapper.findAll('[data-test="user-row"]');
    expect(rows.map((r) => r.get('th').text())).toEqual(['Ada (you)', 'Álex', 'Gone']);
    expect(rows.map((r) => r.get('[data-test="user-state"]').text())).toEqual(['Active', 'Active', 'Disabled']);
    expect(rows[1]!.text()).toContain('Never');
    const own = rows[0]!;
    expect(own.get('[data-test="user-role"]').attributes('disabled')).toBeDefined();
    expect(own.find('[data-test="disable-user"]').exists()).toBe(false);
    expect(rows[1]!.get('[data-test="disable-user"]').attributes('aria-label')).toBe('Disable the account of Álex');
    expect(rows[2]!.find('[data-test="enable-user"]').exists()).toBe(true);
    for (const input of wrapper.findAll('input, select')) {
      const labelled = input.attributes('aria-label') || wrapper.find(`label[for="${input.attributes('id')}"]`).exists();
      expect(labelled).toBeTruthy();
    }
  });

  it('creates an agent in the ticked queues and shows the generated password once, with a copy button', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const created = user({ id: 'u-new', email: 'nora@example.com', name: 'Nora', role: 'AGENT', lastSignInAt: null });
    answers.CreateUser = { createUser: { __typename: 'CreateUserPayload', generatedPassword: 'Xy7-once-only-pw', user: created } };
    answers.SaveNewAgent = { saveAgent: { __typename: 'PresencePayload', agent: { queues: [{ id: 'q-1' }] } } };
    const { wrapper, fake } = await mountUsers();
    await wrapper.get('[data-test="new-email"]').setValue(' Nora@example.com ');
    await wrapper.get('[data-test="new-name"]').setValue('Nora');
    const queues = wrapper.findAll('[data-test="new-queue"]');
    expect(queues.map((q) => (q.element as HTMLInputElement).checked)).toEqual([true, true]);
    await queues[1]!.setValue(false);
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-test="one-time-password"]').exists()).toBe(true));

    expect(sent(fake, 'CreateUser')).toEqual([{ input: { email: 'Nora@example.com', name: 'Nora', role: 'AGENT' } }]);
    expect(sent(fake, 'SaveNewAgent')).toEqual([
      { input: { userId: 'u-new', queueIds: ['q-1'], skills: [], capacity: expect.arrayContaining([{ channel: 'VOICE', slots: 1 }]) } },
    ]);
    const box = wrapper.get('[data-test="one-time-password"]');
    expect(box.get('[data-test="one-time-password-value"]').text()).toBe('Xy7-once-only-pw');
    expect(box.text()).toContain('Shown only once');
    expect(wrapper.get('[data-test="create-message"]').text()).toBe('nora@example.com was created.');
    await box.get('[data-test="copy-password"]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('Xy7-once-only-pw');
    expect(box.get('[data-test="copy-password"]').text()).toBe('Copied');
    // The form is ready for the next person; once dismissed the password is gone for good.
    expect((wrapper.get('[data-test="new-email"]').element as HTMLInputElement).value).toBe('');
    await box.get('[data-test="dismiss-password"]').trigger('click');
    expect(wrapper.find('[data-test="one-time-password"]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain('Xy7-once-only-pw');
  });

  it('shows a refusal (email taken) in place, and creates no agent', async () => {
    answers.CreateUser = { createUser: { __typename: 'EmailTakenError', message: 'A user with the email alex@example.com already exists.' } };
    const { wrapper, fake } = await mountUsers();
    await wrapper.get('[data-test="new-email"]').setValue('alex@example.com');
    await wrapper.get('[data-test="new-name"]').setValue('Alex again');
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(wrapper.find('[data-test="create-message"]').exists()).toBe(true));
    expect(wrapper.get('[data-test="create-message"]').attributes('role')).toBe('alert');
    expect(wrapper.get('[data-test="create-message"]').text()).toBe('A user with the email alex@example.com already exists.');
    expect(sent(fake, 'SaveNewAgent')).toEqual([]);
    expect(wrapper.find('[data-test="one-time-password"]').exists()).toBe(false);
  });

  it('changes a role, disables after confirming, and resets a password showing the new one once', async () => {
    answers.SetUserRole = { setUserRole: { __typename: 'UserAccountPayload', user: { ...agent, role: 'SUPERVISOR' } } };
    answers.DisableUser = { disableUser: { __typename: 'UserAccountPayload', user: { ...agent, disabledAt: '2026-01-18T00:00:00Z' } } };
    answers.ResetUserPassword = { resetUserPassword: { __typename: 'ResetUserPasswordPayload', generatedPassword: 'fresh-pass-1234', user: agent } };
    const { wrapper, fake } = await mountUsers();
    const row = () => wrapper.findAll('[data-test="user-row"]')[1]!;

    await row().get('[data-test="user-role"]').setValue('SUPERVISOR');
    await vi.waitFor(() => expect(wrapper.find('[data-test="list-message"]').exists()).toBe(true));
    expect(sent(fake, 'SetUserRole')).toEqual([{ input: { userId: 'u-agent', role: 'SUPERVISOR' } }]);
    expect(wrapper.get('[data-test="list-message"]').text()).toBe('Álex is now: Supervisor.');

    await row().get('[data-test="disable-user"]').trigger('click');
    expect(sent(fake, 'DisableUser')).toEqual([]);
    expect(row().get('[data-test="confirm"]').text()).toContain('Disable Álex?');
    await row().get('[data-test="confirm-yes"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.get('[data-test="list-message"]').text()).toBe('Álex can no longer sign in.'));
    expect(sent(fake, 'DisableUser')).toEqual([{ input: { userId: 'u-agent' } }]);

    await row().get('[data-test="reset-password"]').trigger('click');
    await row().get('[data-test="confirm-yes"]').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('[data-test="one-time-password"]').exists()).toBe(true));
    expect(sent(fake, 'ResetUserPassword')).toEqual([{ userId: 'u-agent' }]);
    expect(wrapper.get('[data-test="one-time-password"]').text()).toContain('Password for alex@example.com');
    expect(wrapper.get('[data-test="one-time-password-value"]').text()).toBe('fresh-pass-1234');
  });
});
