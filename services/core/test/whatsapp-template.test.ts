import { describe, expect, it } from 'vitest';
import { missingTemplateVariables, renderTemplate, templatePlaceholders } from '../src/whatsapp-template';

describe('WhatsApp template bodies', () => {
  const body = 'Hola {{1}}, su pedido {{ 2 }} está listo. Gracias, {{1}}.';
  it('lists each placeholder once, in reading order', () => expect(templatePlaceholders(body)).toEqual(['1', '2']));
  it('renders the values and leaves unknown placeholders as written', () => {
    expect(renderTemplate(body, { 1: 'Lucía', 2: 'A-42' })).toBe('Hola Lucía, su pedido A-42 está listo. Gracias, Lucía.');
    expect(renderTemplate(body, { 1: 'Lucía' })).toBe('Hola Lucía, su pedido {{ 2 }} está listo. Gracias, Lucía.');
    expect(renderTemplate(null, { 1: 'x' })).toBeNull();
  });
  it('names the placeholders left blank', () => {
    expect(missingTemplateVariables(body, { 1: 'Lucía', 2: '  ' })).toEqual(['2']);
    expect(missingTemplateVariables(body, { 1: 'Lucía', 2: 'A-42' })).toEqual([]);
    expect(missingTemplateVariables('Sin variables', {})).toEqual([]);
  });
});
