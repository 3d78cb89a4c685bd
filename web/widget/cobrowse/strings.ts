/** The customer's words, in the page's language (Spanish or English). */
const en = {
  codeTitle: 'Read this code to the agent',
  codeHint: 'The agent on the phone enters it to see this page. Nothing is shared until you allow it.',
  cancel: 'Cancel',
  consent: (agent: string, team: string | null) => (team ? `${agent}, ${team}, wants to see this page.` : `${agent} wants to see this page.`),
  consentDetail: 'They will see this page and where you point, never what you type in forms. You can stop at any time.',
  allow: 'Allow',
  decline: 'No, thanks',
  sharing: (agent: string) => `You are sharing this page with ${agent}`,
  stop: 'Stop sharing',
  scrollAsk: (agent: string) => `${agent} asks you to go to a part of this page.`,
  scrollGo: 'Go there',
  navigateAsk: (agent: string, url: string) => `${agent} asks you to open ${url}`,
  navigateGo: 'Open it',
  ended: 'Sharing has ended.',
  failed: 'Sharing could not start. Please try again.',
  theAgent: 'The agent',
};

const es: typeof en = {
  codeTitle: 'Lea este código al agente',
  codeHint: 'El agente que le atiende por teléfono lo introduce para ver esta página. No se comparte nada hasta que usted lo permita.',
  cancel: 'Cancelar',
  consent: (agent, team) => (team ? `${agent}, ${team}, quiere ver esta página.` : `${agent} quiere ver esta página.`),
  consentDetail: 'Verá esta página y lo que usted señale, nunca lo que escriba en los formularios. Puede dejar de compartir cuando quiera.',
  allow: 'Permitir',
  decline: 'No, gracias',
  sharing: (agent) => `Está compartiendo esta página con ${agent}`,
  stop: 'Dejar de compartir',
  scrollAsk: (agent) => `${agent} le pide ir a una parte de esta página.`,
  scrollGo: 'Ir',
  navigateAsk: (agent, url) => `${agent} le pide abrir ${url}`,
  navigateGo: 'Abrir',
  ended: 'Ha terminado de compartir la página.',
  failed: 'No se pudo empezar a compartir. Inténtelo de nuevo.',
  theAgent: 'El agente',
};

export type Strings = typeof en;

/** By the page's declared language, else the browser's. */
export function strings(lang = document.documentElement.lang || navigator.language): Strings {
  return lang.toLowerCase().startsWith('es') ? es : en;
}
