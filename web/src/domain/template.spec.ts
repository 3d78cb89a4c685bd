import { describe, expect, it } from 'vitest';
import { contentSlot, renderTemplate, templateKeys } from './template';

describe('WhatsApp template helpers', () => {
  it('lists the placeholders once, in reading order, then the ones only Twilio lists', () => {
    expect(templateKeys({ body: 'Hola {{2}}, {{ 1 }} y {{2}}', variables: [{ key: '3' }, { key: '1' }] })).toEqual(['2', '1', '3']);
  });

  it('the pushed content goes in the highest-numbered placeholder, as the server picks it', () => {
    expect(contentSlot({ body: 'Aquí tiene {{10}}: {{2}}', variables: [] })).toBe('10');
    expect(contentSlot({ body: 'Sin huecos', variables: [] })).toBeNull();
  });

  it('renders the values the agent gave and leaves empty ones as written', () => {
    expect(renderTemplate('Hola {{1}}, pedido {{2}}', { 1: ' Marta ', 2: '  ' })).toBe('Hola Marta, pedido {{2}}');
  });
});
