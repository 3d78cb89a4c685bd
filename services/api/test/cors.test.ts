import { describe, expect, it } from 'vitest';
import { createCorsPolicy, type ChatSiteOrigins } from '../src/http/cors';

const req = (origin?: string) => new Request('http://api.test/graphql', { method: 'OPTIONS', headers: origin ? { origin } : {} });

describe('CORS policy', () => {
  const policy = (sites: ChatSiteOrigins) => createCorsPolicy(async () => sites, () => ['https://console.test']);

  it('credentials only for the console’s origins', async () => {
    const p = policy({ any: false, origins: ['https://shop.test'] });
    expect(await p(req('https://console.test'))).toEqual({ origin: ['https://console.test'], credentials: true });
    expect(await p(req('https://shop.test'))).toEqual({ origin: ['https://shop.test'], credentials: false });
    expect(await p(req('https://evil.test'))).toBe(false);
    expect(await p(req())).toBe(false);
  });

  it('a chat site without allowed origins opens the widget’s calls (never credentials) to any origin', async () => {
    expect(await policy({ any: true, origins: [] })(req('https://evil.test'))).toEqual({ origin: ['https://evil.test'], credentials: false });
  });

  it('caches the sites’ origins, and forgets a failed read', async () => {
    let calls = 0;
    const p = createCorsPolicy(async () => { if (++calls === 1) throw new Error('db down'); return { any: false, origins: ['https://shop.test'] }; }, () => [], 60_000);
    expect(await p(req('https://shop.test'))).toBe(false);
    expect(await p(req('https://shop.test'))).toMatchObject({ credentials: false });
    expect(await p(req('https://shop.test'))).toMatchObject({ credentials: false });
    expect(calls).toBe(2);
  });
});
