import { describe, expect, it } from 'vitest';
import { messagingWindow } from '../src/messaging-window';
import { isOptOutReply } from '../src/opt-out';

describe('opt-out replies', () => {
  it('recognizes bare keywords in any case, with punctuation and accents', () => {
    for (const body of ['STOP', 'stop', ' Baja. ', 'baja!', 'UNSUBSCRIBE', 'Cancelar', 'dar de baja', '¡BAJA!']) expect(isOptOutReply(body), body).toBe(true);
  });
  it('leaves conversation alone', () => {
    for (const body of ['no quiero la baja', 'stop calling me at night please', '', null, 'bajar el precio']) expect(isOptOutReply(body), String(body)).toBe(false);
  });
});

describe('messaging window', () => {
  const t = new Date('2026-11-23T10:00:00Z');
  it('is open for 24 h after the last inbound message', () => {
    expect(messagingWindow(t, new Date('2026-11-24T09:59:59Z')).open).toBe(true);
    expect(messagingWindow(t, new Date('2026-11-24T10:00:00Z')).open).toBe(false);
    expect(messagingWindow(null, t)).toEqual({ open: false, closesAt: null });
  });
});
