import { describe, expect, it } from 'vitest';
import { BLOCK_SELECTOR, MASK_TEXT_SELECTOR, NEVER_SHARED_MASK, isNeverShared, looksLikeCardNumber, markUnmaskedFields, maskInput, maskText } from './privacy';

/** One element from markup, inside a container so ancestors' attributes count. */
function el(html: string, selector = 'input, textarea, select, p, div[contenteditable]'): Element {
  const box = document.createElement('div');
  box.innerHTML = html;
  document.body.append(box);
  return box.querySelector(selector)!;
}

describe('maskInput: every field is masked unless opted in', () => {
  it.each([
    ['<input name="fullName">', 'María López'],
    ['<input type="email" name="email">', 'maria@example.com'],
    ['<input type="tel" name="phone">', '+34 612 345 678'],
    ['<textarea name="notes"></textarea>', 'my address is Calle Mayor 1'],
    ['<select name="country"><option>ES</option></select>', 'ES'],
    ['<input type="search">', 'divorce lawyer'],
  ])('%s', (html, value) => {
    expect(maskInput(value, el(html))).toBe('*'.repeat(value.length));
  });

  it('keeps an empty value empty', () => {
    expect(maskInput('', el('<input>'))).toBe('');
  });

  it('data-cc-unmask on the field or an ancestor opts it in', () => {
    expect(maskInput('Kettle', el('<input name="q" data-cc-unmask>'))).toBe('Kettle');
    expect(maskInput('2', el('<form data-cc-unmask><input name="qty" type="number"></form>'))).toBe('2');
  });

  it('an unknown element is treated as never shared', () => {
    expect(maskInput('x', null)).toBe(NEVER_SHARED_MASK);
  });
});

describe('never shared, whatever the markup', () => {
  const cases: [string, string][] = [
    ['<input type="password" data-cc-unmask>', 'hunter2'],
    ['<input type="PASSWORD" data-cc-unmask>', 'hunter2'],
    ['<input data-rr-is-password data-cc-unmask>', 'shown-password'],
    ['<input autocomplete="cc-number" data-cc-unmask>', '4111 1111 1111 1111'],
    ['<input autocomplete="section-pay billing cc-csc" data-cc-unmask>', '123'],
    ['<input autocomplete="cc-exp" data-cc-unmask>', '12/29'],
    ['<input autocomplete="cc-exp-month" data-cc-unmask>', '12'],
    ['<input autocomplete="one-time-code" data-cc-unmask>', '482913'],
    ['<input autocomplete="new-password" data-cc-unmask>', 'secret'],
    ['<input name="cardNumber" data-cc-unmask>', '4111111111111111'],
    ['<input name="card_holder" data-cc-unmask>', 'MARIA LOPEZ'],
    ['<input id="cc-num" data-cc-unmask>', '4111'],
    ['<input name="cvv" data-cc-unmask>', '123'],
    ['<input name="CVC2" data-cc-unmask>', '123'],
    ['<input name="iban" data-cc-unmask>', 'ES9121000418450200051332'],
    ['<input name="user_password" data-cc-unmask>', 'x'],
    ['<input inputmode="numeric" name="n" data-cc-unmask>', '4111111111111111'],
    ['<div data-cc-unmask><input name="ref"></div>', '5500-0000-0000-0004'],
    ['<input name="notes" data-cc-unmask>', '4111 1111 1111 1111'],
  ];
  it.each(cases)('%s', (html, value) => {
    const element = el(html);
    expect(isNeverShared(element, value)).toBe(true);
    expect(maskInput(value, element)).toBe(NEVER_SHARED_MASK);
    expect(maskInput(value, element)).not.toContain(value);
  });

  it('a never-shared value is masked even without data-cc-unmask, with a fixed length', () => {
    expect(maskInput('a', el('<input type="password">'))).toBe(NEVER_SHARED_MASK);
    expect(maskInput('a much longer password', el('<input type="password">'))).toBe(NEVER_SHARED_MASK);
  });

  it('ordinary opted-in fields stay readable', () => {
    expect(isNeverShared(el('<input name="postcode" inputmode="numeric" data-cc-unmask>'), '28013')).toBe(false);
    expect(isNeverShared(el('<input name="order" data-cc-unmask>'), 'DEMO-1001')).toBe(false);
    expect(isNeverShared(el('<input name="phone" data-cc-unmask>'), '+34 612 345 678')).toBe(false);
  });
});

describe('card-number shape', () => {
  it.each(['4111111111111111', '4111 1111 1111 1111', '5500-0000-0000-0004', '3782 822463 10005', '6011000990139424123'])('%s is card-like', (v) => {
    expect(looksLikeCardNumber(v)).toBe(true);
  });
  it.each(['123456789012', '41111111111111111111', '+34 612 345 678', 'ES9121000418450200051332', 'order 4111 1111 1111 1111'])('%s is not', (v) => {
    expect(looksLikeCardNumber(v)).toBe(false);
  });
});

describe('selectors', () => {
  it('mask text in data-cc-mask and in editable regions, not elsewhere', () => {
    expect(el('<p data-cc-mask>IBAN ES91</p>').matches(MASK_TEXT_SELECTOR)).toBe(true);
    expect(el('<div contenteditable="true">typed</div>').matches(MASK_TEXT_SELECTOR)).toBe(true);
    expect(el('<p>Hello</p>').matches(MASK_TEXT_SELECTOR)).toBe(false);
    expect(maskText('IBAN ES91 2100')).toBe('**** **** ****');
  });
  it('block data-cc-block and hidden inputs', () => {
    expect(el('<p data-cc-block>x</p>').matches(BLOCK_SELECTOR)).toBe(true);
    expect(el('<input type="hidden" name="csrf">').matches(BLOCK_SELECTOR)).toBe(true);
    expect(el('<input name="q">').matches(BLOCK_SELECTOR)).toBe(false);
  });
});

describe('markUnmaskedFields: the opt-in as the API reads it', () => {
  /** A page's fields, each with a serialized node of id 100, 101…, as rrweb's mirror maps them. */
  function page(html: string) {
    const box = document.createElement('div');
    box.innerHTML = html;
    document.body.append(box);
    const fields = [...box.querySelectorAll('input, textarea, select')];
    const nodes = fields.map((f, i) => ({ type: 2, tagName: f.tagName.toLowerCase(), attributes: { ...(f.hasAttribute('data-cc-unmask') ? { 'data-cc-unmask': '' } : {}) } as Record<string, unknown>, childNodes: [], id: 100 + i }));
    const nodeOf = (id: number) => fields[id - 100] ?? null;
    return { fields, nodes, nodeOf };
  }

  it('marks opted-in fields (on the field or an ancestor) in a full snapshot, not the others, and never a password or a card field', () => {
    const { fields, nodes, nodeOf } = page(
      '<input name="q" data-cc-unmask><form data-cc-unmask><input name="qty"><input type="password" name="pin"><input name="cardNumber"></form><input name="email"><textarea data-cc-unmask></textarea>',
    );
    (fields[1] as HTMLInputElement).value = '2';
    markUnmaskedFields({ type: 2, data: { node: { type: 0, childNodes: [{ type: 2, tagName: 'body', attributes: {}, childNodes: nodes, id: 4 }], id: 1 } } }, nodeOf);
    expect(nodes.map((n) => 'data-cc-unmask' in n.attributes)).toEqual([true, true, false, false, false, true]);
  });

  it('marks fields added by a mutation, and takes the mark off a field whose value looks like a card', () => {
    const { fields, nodes, nodeOf } = page('<div data-cc-unmask><input name="ref"><input name="note" data-cc-unmask></div>');
    (fields[1] as HTMLInputElement).value = '4111 1111 1111 1111';
    markUnmaskedFields({ type: 3, data: { source: 0, adds: nodes.map((node) => ({ parentId: 4, node })), texts: [], attributes: [], removes: [] } }, nodeOf);
    expect(nodes.map((n) => 'data-cc-unmask' in n.attributes)).toEqual([true, false]);
  });
});
