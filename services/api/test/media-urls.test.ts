import { describe, expect, it } from 'vitest';
import { createMediaUrlSigner } from '../src/media/signed-urls';
import { attachment } from '../src/webhooks/media';

const id = '3f1c9a2e-8b7d-4c6e-9f0a-1b2c3d4e5f60';
const now = new Date('2026-12-04T12:00:00Z');
const query = (path: string) => new URL(path, 'http://x').searchParams;

describe('signed media URLs', () => {
  const signer = createMediaUrlSigner('s'.repeat(48));
  it('hold for their lifetime, for their file, under their secret', () => {
    const q = query(signer.signedPath(id, 3600, now));
    expect(q.get('exp')).toBe(String(now.getTime() / 1000 + 3600));
    expect(signer.verify(id, q.get('exp'), q.get('sig'), now)).toBe('valid');
    expect(signer.verify(id, q.get('exp'), q.get('sig'), new Date(now.getTime() + 3600_000))).toBe('expired');
    expect(signer.verify(id.replace('3f', '4f'), q.get('exp'), q.get('sig'), now)).toBe('invalid');
    expect(signer.verify(id, String(Number(q.get('exp')) + 1), q.get('sig'), now)).toBe('invalid');
    expect(createMediaUrlSigner('t'.repeat(48)).verify(id, q.get('exp'), q.get('sig'), now)).toBe('invalid');
    expect(signer.verify(id, null, null, now)).toBe('invalid');
    expect(signer.verify(id, q.get('exp'), 'zz', now)).toBe('invalid');
  });
});

describe('download names', () => {
  it('cannot break out of the header; non-ASCII names keep an RFC 8187 form', () => {
    expect(attachment('a"b\\c/d\r\ne.pdf', 'x')).toBe('attachment; filename="a_b_c_d_e.pdf"');
    expect(attachment('..\\..\\x.svg', 'x')).toBe('attachment; filename="_.._x.svg"');
    expect(attachment(null, 'media-1.pdf')).toBe('attachment; filename="media-1.pdf"');
    expect(attachment('año (1).pdf', 'x')).toBe(`attachment; filename="a_o (1).pdf"; filename*=UTF-8''a%C3%B1o%20%281%29.pdf`);
  });
});
