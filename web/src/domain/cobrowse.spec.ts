import { describe, expect, it, vi } from 'vitest';
import { CobrowseStream, selectorFor } from './cobrowse';

const ev = (type: number, n = 0) => ({ type, timestamp: 1000 + n, data: {} });

function stream() {
  const delivered: number[][] = [];
  const needSnapshot = vi.fn();
  const s = new CobrowseStream((events) => delivered.push(events.map((e) => e.type)), needSnapshot);
  return { s, delivered, needSnapshot };
}

describe('CobrowseStream', () => {
  it('applies nothing before a full snapshot, and asks for one', () => {
    const { s, delivered, needSnapshot } = stream();
    s.receive({ seq: 4, events: [ev(3), ev(3)] });
    expect(delivered).toEqual([]);
    expect(needSnapshot).toHaveBeenCalledTimes(1);
    s.receive({ seq: 5, events: [ev(3), ev(4), ev(2), ev(3)] });
    // From the Meta event before the snapshot on.
    expect(delivered).toEqual([[4, 2, 3]]);
    expect(s.inSync).toBe(true);
  });

  it('passes consecutive batches through in order and skips repeats', () => {
    const { s, delivered, needSnapshot } = stream();
    s.receive({ seq: 1, events: [ev(4), ev(2)] });
    s.receive({ seq: 2, events: [ev(3)] });
    s.receive({ seq: 2, events: [ev(3)] });
    s.receive({ seq: 3, events: [ev(3), ev(3)] });
    expect(delivered).toEqual([[4, 2], [3], [3, 3]]);
    expect(needSnapshot).not.toHaveBeenCalled();
  });

  it('on a gap, stops applying and asks for a snapshot until one comes', () => {
    const { s, delivered, needSnapshot } = stream();
    s.receive({ seq: 1, events: [ev(4), ev(2)] });
    s.receive({ seq: 3, events: [ev(3)] });
    expect(needSnapshot).toHaveBeenCalledTimes(1);
    expect(s.inSync).toBe(false);
    s.receive({ seq: 4, events: [ev(3)] });
    expect(needSnapshot).toHaveBeenCalledTimes(2);
    s.receive({ seq: 5, events: [ev(2), ev(3)] });
    expect(delivered).toEqual([[4, 2], [2, 3]]);
  });

  it('ignores status-only batches and anything that is not an event', () => {
    const { s, delivered } = stream();
    s.receive({ seq: 0, events: [] });
    s.receive({ seq: 1, events: [ev(4), ev(2), 'junk', null] });
    s.receive({ seq: 1, events: [] });
    s.receive({ seq: 2, events: [ev(3)] });
    expect(delivered).toEqual([[4, 2], [3]]);
  });

  it('after an interruption, waits for a new snapshot', () => {
    const { s, delivered, needSnapshot } = stream();
    s.receive({ seq: 1, events: [ev(4), ev(2)] });
    s.interrupted();
    s.receive({ seq: 2, events: [ev(3)] });
    expect(needSnapshot).toHaveBeenCalledTimes(1);
    expect(delivered).toEqual([[4, 2]]);
  });
});

describe('selectorFor', () => {
  function page(html: string) {
    document.body.innerHTML = html;
    return document;
  }

  it('uses a unique id', () => {
    const doc = page('<form id="checkout"><input name="a"></form>');
    expect(selectorFor(doc.querySelector('#checkout')!)).toBe('#checkout');
  });

  it('walks up to the nearest unique id with nth-of-type steps, and finds the same element back', () => {
    const doc = page('<div id="main"><p>a</p><p>b <span>x</span><span>y</span></p></div>');
    const target = doc.querySelectorAll('span')[1]!;
    const selector = selectorFor(target);
    expect(selector).toBe('#main > p:nth-of-type(2) > span:nth-of-type(2)');
    expect(doc.querySelector(selector)).toBe(target);
  });

  it('starts from the root when no ancestor has an id, and escapes odd ids', () => {
    const doc = page('<section><label>x <input></label></section><div id="a:b"><b>z</b></div><div id="dup"></div><div id="dup"><i>q</i></div>');
    const input = doc.querySelector('input')!;
    expect(doc.querySelector(selectorFor(input))).toBe(input);
    expect(selectorFor(input).startsWith('html > body')).toBe(true);
    const b = doc.querySelector('b')!;
    expect(doc.querySelector(selectorFor(b))).toBe(b);
    const i = doc.querySelector('i')!;
    expect(doc.querySelector(selectorFor(i))).toBe(i);
  });
});
