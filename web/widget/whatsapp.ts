import type { GraphQLClient } from './api';

/*
 * The business's WhatsApp presence in the widget: its profile (name, about, logo, whether the team
 * is working and when it is back) from the server's cached copy, and "Continue on WhatsApp" (a
 * wa.me link into the site's queue) for when no agent is available. Text only (textContent).
 */

export const whatsAppPresence = `query($language: ReplyLanguage) { visitorWhatsApp(language: $language) {
  profile { name about logoUrl websites } openNow opensAt whatsAppLink } }`;

interface Presence {
  profile: { name: string | null; about: string | null; logoUrl: string | null; websites: string[] } | null;
  openNow: boolean;
  opensAt: string | null;
  whatsAppLink: string | null;
}

const spanish = (navigator.language || 'en').toLowerCase().startsWith('es');
const words = spanish
  ? { open: 'Atendiendo ahora', back: (when: string) => `Volvemos ${when}`, cont: 'Continuar en WhatsApp' }
  : { open: 'Open now', back: (when: string) => `Back ${when}`, cont: 'Continue on WhatsApp' };

export const whatsAppStyles = `
.profile { display: none; gap: 10px; align-items: center; padding: 10px 12px; border-bottom: 1px solid #d0d7de; background: #fff; }
.profile.open { display: flex; }
.profile img { width: 36px; height: 36px; border-radius: 50%; object-fit: cover; }
.profile .name { font-weight: 600; }
.profile .about, .profile .hours { font-size: 12px; color: #57606a; }
.whatsapp { display: none; margin: 8px 10px 0; padding: 9px; border-radius: 8px; background: #1a7f37; color: #fff; text-align: center; text-decoration: none; font-weight: 600; }
.whatsapp.open { display: block; }
`;

export const whatsAppMarkup = `<div class="profile" data-part="profile"></div>`;
export const continueMarkup = `<a class="whatsapp" target="_blank" rel="noopener" data-part="whatsapp"></a>`;

function when(iso: string): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === new Date().toDateString();
  const time = new Intl.DateTimeFormat(navigator.language, { hour: '2-digit', minute: '2-digit' }).format(at);
  if (sameDay) return time;
  return `${new Intl.DateTimeFormat(navigator.language, { weekday: 'long' }).format(at)} ${time}`;
}

/** Fills the profile card and the continue link; returns whether WhatsApp can be offered. */
export async function showWhatsAppPresence(client: GraphQLClient, card: HTMLElement, link: HTMLAnchorElement): Promise<boolean> {
  const { visitorWhatsApp: p } = await client.request<{ visitorWhatsApp: Presence }>(whatsAppPresence, { language: spanish ? 'ES' : 'EN' });
  card.replaceChildren();
  if (p.profile?.name) {
    if (p.profile.logoUrl && /^https?:\/\//.test(p.profile.logoUrl)) {
      const img = document.createElement('img');
      img.src = p.profile.logoUrl;
      img.alt = '';
      img.onerror = () => img.remove();
      card.append(img);
    }
    const text = document.createElement('div');
    const line = (cls: string, value: string) => {
      const el = document.createElement('div');
      el.className = cls;
      el.textContent = value;
      text.append(el);
    };
    line('name', p.profile.name);
    if (p.profile.about) line('about', p.profile.about);
    line('hours', p.openNow ? words.open : p.opensAt ? words.back(when(p.opensAt)) : '');
    card.append(text);
    card.classList.add('open');
  }
  if (p.whatsAppLink) {
    link.href = p.whatsAppLink;
    link.textContent = words.cont;
  }
  return !!p.whatsAppLink;
}
