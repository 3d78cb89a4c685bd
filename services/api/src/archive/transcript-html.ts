import { escapeHtml } from './snippet';
import type { Transcript } from './transcript';

export type TranscriptLanguage = 'es' | 'en';

const labels = {
  en: { title: 'Transcript', interaction: 'Interaction', customer: 'Customer', generated: 'Generated', print: 'Print', note: 'Note', customerSide: 'Customer', system: 'System', empty: 'Nothing recorded.' },
  es: { title: 'Transcripción', interaction: 'Interacción', customer: 'Cliente', generated: 'Generada', print: 'Imprimir', note: 'Nota', customerSide: 'Cliente', system: 'Sistema', empty: 'No hay nada registrado.' },
} as const;

// On screen a readable column; on paper (the browser's "Save as PDF") no button, no colours that
// waste toner, and a line never split across pages.
const style = `
body { font: 14px/1.45 system-ui, sans-serif; color: #1b1f24; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
header { border-bottom: 1px solid #ccd; margin-bottom: 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.meta { color: #555; margin: 0 0 .75rem; }
ol { list-style: none; padding: 0; }
li { padding: .5rem .75rem; margin: .4rem 0; border-radius: 6px; background: #f3f5f8; break-inside: avoid; }
li.outbound { background: #e8f1ff; margin-left: 3rem; }
li.inbound { margin-right: 3rem; }
li.note { background: #fff7db; }
li.event { background: none; color: #666; font-size: .85rem; padding: .1rem .75rem; }
.who { font-weight: 600; } .when { color: #666; font-size: .8rem; margin-left: .5rem; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin-top: .15rem; }
button { font: inherit; padding: .35rem .9rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  button { display: none; }
  li, li.outbound, li.note { background: none; border-left: 3px solid #999; border-radius: 0; }
  li.outbound { border-left-color: #36c; } li.note { border-left-color: #c90; }
}`;

/** A printable, self-contained HTML page: every value from the database escaped, no script but the print button's. */
export function transcriptHtml(t: Transcript, lang: TranscriptLanguage, timeZone = 'UTC'): string {
  const l = labels[lang];
  const when = (d: Date) => d.toLocaleString(lang === 'es' ? 'es-ES' : 'en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'medium' });
  const who = (line: Transcript['lines'][number]) => (line.from === 'customer' ? l.customerSide : line.from === 'system' ? l.system : line.from);
  const lines = t.lines.map((line) => {
    const cls = line.kind === 'message' ? (line.direction ?? 'inbound') : line.kind;
    const head = line.kind === 'note' ? `${l.note} · ${who(line)}` : line.kind === 'message' ? `${who(line)}${line.channel ? ` · ${line.channel}` : ''}` : who(line);
    return `<li class="${cls}"><span class="who">${escapeHtml(head)}</span><span class="when">${escapeHtml(when(line.at))}</span><div class="text">${escapeHtml(line.text)}</div></li>`;
  });
  const customer = [t.customer.name, ...t.customer.identities.map((i) => i.value)].filter(Boolean).join(' · ');
  const subject = t.scope === 'interaction' ? `${l.interaction} ${t.subjectId}` : `${l.customer} ${t.customer.id}`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(`${l.title} — ${subject}`)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${style}</style></head>
<body><header><h1>${escapeHtml(l.title)}: ${escapeHtml(customer || t.customer.id)}</h1>
<p class="meta">${escapeHtml(subject)} · ${escapeHtml(l.generated)} ${escapeHtml(when(t.generatedAt))}</p>
<button type="button" onclick="window.print()">${escapeHtml(l.print)}</button></header>
${lines.length ? `<ol>${lines.join('\n')}</ol>` : `<p>${escapeHtml(l.empty)}</p>`}
</body></html>`;
}
