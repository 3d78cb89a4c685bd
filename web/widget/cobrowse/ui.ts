import { OWN_UI_CLASS } from './privacy';
import type { Strings } from './strings';

/*
 * What the customer sees while co-browsing: the code to read out, the consent question, the frame
 * and the "Stop sharing" bar, the agent's pointer and highlights, and requests to confirm. It all
 * lives in one shadow root on a host marked data-cc-block, so none of it is recorded.
 */

const css = `
:host { all: initial !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; pointer-events: none !important; display: block !important; }
* { box-sizing: border-box; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
.frame { position: fixed; inset: 0; border: 4px solid #b33a0c; display: none; }
.bar { position: fixed; top: 8px; left: 50%; transform: translateX(-50%); display: none; align-items: center; gap: 12px; padding: 8px 10px 8px 16px; background: #b33a0c; border-radius: 999px; box-shadow: 0 4px 14px rgba(0,0,0,.3); pointer-events: auto; max-width: calc(100vw - 24px); z-index: 3; }
.bar span { color: #fff; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.sharing .frame { display: block; }
.sharing .bar { display: flex; }
button { cursor: pointer; border-radius: 8px; padding: 8px 16px; font-weight: 600; border: 1px solid #8c959f; background: #fff; }
button.primary { background: #0b5cad; border-color: #0b5cad; color: #fff; }
.bar button { border: 0; border-radius: 999px; color: #a33a08; }
.card { position: fixed; left: 50%; top: 50%; transform: translate(-50%, -50%); width: min(420px, calc(100vw - 32px)); background: #fff; border-radius: 14px; box-shadow: 0 10px 40px rgba(0,0,0,.35); padding: 22px; pointer-events: auto; display: none; z-index: 4; }
.card.open { display: block; }
.card h2 { margin: 0 0 10px; font-size: 19px; font-weight: 700; }
.card p { margin: 0 0 16px; color: #424a53; }
.code { font: 700 44px/1.1 ui-monospace, "SF Mono", Menlo, Consolas, monospace; letter-spacing: 6px; text-align: center; margin: 6px 0 16px; color: #0b5cad; }
.actions { display: flex; gap: 10px; justify-content: flex-end; flex-wrap: wrap; }
.pointer { position: fixed; z-index: 2; display: none; pointer-events: none; transform: translate(-2px, -2px); }
.pointer svg { display: block; filter: drop-shadow(0 1px 2px rgba(0,0,0,.5)); }
.pointer span { position: absolute; left: 18px; top: 18px; background: #7b2cbf; color: #fff; font-size: 12px; font-weight: 600; padding: 2px 8px; border-radius: 6px; white-space: nowrap; }
.highlight { position: fixed; z-index: 1; display: none; border: 3px solid #7b2cbf; border-radius: 6px; box-shadow: 0 0 0 4000px rgba(123,44,191,.08); pointer-events: none; }
.toast { position: fixed; z-index: 3; bottom: 20px; left: 50%; transform: translateX(-50%); background: #1f2328; color: #fff; padding: 10px 16px; border-radius: 10px; display: none; }
.toast.open { display: block; }
`;

export interface Choice { label: string; primary?: boolean; onClick: () => void }

export function createOverlay(t: Strings) {
  const host = document.createElement('div');
  host.id = 'cc-cobrowse';
  host.setAttribute('data-cc-block', '');
  host.className = OWN_UI_CLASS;
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${css}</style><div class="root">
<div class="frame" aria-hidden="true"></div>
<div class="bar" role="status"><span class="who"></span><button type="button" class="stop"></button></div>
<div class="card" role="dialog" aria-modal="true" aria-labelledby="cc-cb-title"><h2 id="cc-cb-title"></h2><div class="code" aria-live="polite"></div><p class="detail"></p><div class="actions"></div></div>
<div class="pointer" aria-hidden="true"><svg width="22" height="22" viewBox="0 0 22 22"><path d="M2 2l7 18 2.6-7.4L19 10z" fill="#7b2cbf" stroke="#fff" stroke-width="1.5"/></svg><span></span></div>
<div class="highlight" aria-hidden="true"></div>
<div class="toast" role="status"></div></div>`;
  const $ = <T extends HTMLElement>(sel: string) => root.querySelector(sel) as T;
  const wrap = $<HTMLDivElement>('.root');
  const card = $<HTMLDivElement>('.card');
  const pointer = $<HTMLDivElement>('.pointer');
  const highlight = $<HTMLDivElement>('.highlight');
  const toast = $<HTMLDivElement>('.toast');
  let pointed: { x: number; y: number } | null = null;
  let highlighted: Element | null = null;
  let hideHighlight: ReturnType<typeof setTimeout> | undefined;
  let hideToast: ReturnType<typeof setTimeout> | undefined;

  const attach = () => {
    if (!host.isConnected) (document.body ?? document.documentElement).append(host);
  };

  /** Pointer and highlight follow the page as the customer scrolls. */
  function place() {
    if (pointed) {
      pointer.style.left = `${pointed.x - scrollX}px`;
      pointer.style.top = `${pointed.y - scrollY}px`;
    }
    if (highlighted) {
      const r = highlighted.getBoundingClientRect();
      Object.assign(highlight.style, { left: `${r.left - 6}px`, top: `${r.top - 6}px`, width: `${r.width + 12}px`, height: `${r.height + 12}px` });
    }
  }
  addEventListener('scroll', place, { passive: true, capture: true });
  addEventListener('resize', place, { passive: true });

  return {
    host,
    /** A centred card: a title, optionally the code in big digits, a line of detail, the choices. */
    ask(title: string, detail: string, choices: Choice[], code?: string) {
      attach();
      $('h2').textContent = title;
      const codeEl = $('.code');
      codeEl.textContent = code ? `${code.slice(0, 3)} ${code.slice(3)}` : '';
      codeEl.style.display = code ? 'block' : 'none';
      codeEl.setAttribute('aria-label', code ? code.split('').join(' ') : '');
      $('.detail').textContent = detail;
      const actions = $('.actions');
      actions.replaceChildren(
        ...choices.map((c) => {
          const b = document.createElement('button');
          b.type = 'button';
          b.textContent = c.label;
          if (c.primary) b.className = 'primary';
          b.addEventListener('click', c.onClick);
          return b;
        }),
      );
      card.classList.add('open');
      (actions.querySelector<HTMLButtonElement>('button.primary') ?? actions.querySelector<HTMLButtonElement>('button'))?.focus();
    },
    closeCard() {
      card.classList.remove('open');
    },
    /** The frame and the always-on-top bar with "Stop sharing". */
    sharing(agent: string | null, onStop: () => void) {
      attach();
      wrap.classList.toggle('sharing', agent !== null);
      if (agent === null) return;
      $('.who').textContent = t.sharing(agent);
      const stop = $<HTMLButtonElement>('.stop');
      stop.textContent = t.stop;
      stop.onclick = onStop;
    },
    pointAt(x: number, y: number, label: string) {
      attach();
      pointed = { x, y };
      pointer.querySelector('span')!.textContent = label;
      pointer.style.display = 'block';
      place();
    },
    highlight(element: Element) {
      attach();
      highlighted = element;
      highlight.style.display = 'block';
      place();
      clearTimeout(hideHighlight);
      hideHighlight = setTimeout(() => {
        highlight.style.display = 'none';
        highlighted = null;
      }, 15_000);
    },
    clearGuidance() {
      pointed = null;
      highlighted = null;
      pointer.style.display = 'none';
      highlight.style.display = 'none';
    },
    toast(text: string) {
      attach();
      toast.textContent = text;
      toast.classList.add('open');
      clearTimeout(hideToast);
      hideToast = setTimeout(() => toast.classList.remove('open'), 5000);
    },
  };
}

export type Overlay = ReturnType<typeof createOverlay>;
