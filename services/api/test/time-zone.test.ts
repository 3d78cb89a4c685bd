import { describe, expect, it } from 'vitest';
import { useTestApi } from '../../../test/support/api';

const t = useTestApi();
const SET = `mutation($timeZone: String!) {
  setTimeZone(input: { timeZone: $timeZone }) {
    __typename
    ... on SetTimeZonePayload { user { timeZone } }
    ... on InvalidTimeZoneError { message timeZone }
  }
}`;

type SetResult = { setTimeZone: { __typename: string; user?: { timeZone: string | null }; message?: string; timeZone?: string } };

describe('setTimeZone', () => {
  it('stores a valid IANA name in its canonical spelling and shows it on the viewer', async () => {
    const { token } = await t.signIn('agent');
    expect((await t.gql<{ viewer: { timeZone: string | null } }>('{ viewer { timeZone } }', {}, token)).data?.viewer.timeZone).toBeNull();
    const res = await t.gql<SetResult>(SET, { timeZone: 'america/new_york' }, token);
    expect(res.data?.setTimeZone).toEqual({ __typename: 'SetTimeZonePayload', user: { timeZone: 'America/New_York' } });
    expect((await t.gql<{ viewer: { timeZone: string } }>('{ viewer { timeZone } }', {}, token)).data?.viewer.timeZone).toBe('America/New_York');
  });

  it('refuses an unknown zone or a bare offset with a typed error and keeps the stored zone', async () => {
    const { token } = await t.signIn('agent');
    await t.gql<SetResult>(SET, { timeZone: 'Europe/Madrid' }, token);
    for (const bad of ['Mars/Olympus_Mons', '+02:00', '']) {
      const res = await t.gql<SetResult>(SET, { timeZone: bad }, token);
      expect(res.data?.setTimeZone).toMatchObject({ __typename: 'InvalidTimeZoneError', timeZone: bad });
      expect(res.data?.setTimeZone.message).toMatch(/IANA/);
    }
    expect((await t.gql<{ viewer: { timeZone: string } }>('{ viewer { timeZone } }', {}, token)).data?.viewer.timeZone).toBe('Europe/Madrid');
  });

  it('is refused to anonymous callers', async () => {
    const res = await t.gql<SetResult>(SET, { timeZone: 'Europe/Madrid' });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
