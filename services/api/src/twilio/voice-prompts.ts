/** What callers hear, in the configured language (Spanish by default, English otherwise). */
const prompts = {
  es: {
    greeting: 'Gracias por llamar. En breve le atenderá un agente.',
    position: (n: number) => (n <= 1 ? 'Es usted el siguiente en la cola.' : `Hay ${n - 1} personas delante de usted.`),
    waitEstimate: (minutes: number) => `El tiempo de espera estimado es de ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}.`,
    closed: 'En este momento estamos cerrados.',
    callbackOffer: 'Si desea que le llamemos, pulse 1.',
    callbackRecorded: 'Hemos registrado su solicitud. Le llamaremos lo antes posible. Adiós.',
    goodbye: 'Gracias por su llamada. Adiós.',
    onHold: 'Le dejamos en espera un momento, no cuelgue.',
    unavailable: 'Lo sentimos, ahora mismo no podemos atender su llamada. Inténtelo más tarde.',
    withheld: 'Lo sentimos, no podemos atender llamadas con número oculto. Llame mostrando su número, por favor.',
  },
  en: {
    greeting: 'Thank you for calling. An agent will be with you shortly.',
    position: (n: number) => (n <= 1 ? 'You are next in line.' : `There are ${n - 1} callers ahead of you.`),
    waitEstimate: (minutes: number) => `The estimated wait is ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    closed: 'We are closed right now.',
    callbackOffer: 'To ask us to call you back, press 1.',
    callbackRecorded: 'Your request is recorded. We will call you back as soon as we can. Goodbye.',
    goodbye: 'Thank you for calling. Goodbye.',
    onHold: 'Please hold for a moment.',
    unavailable: 'Sorry, we cannot take your call right now. Please try again later.',
    withheld: 'Sorry, we cannot take calls from withheld numbers. Please call showing your number.',
  },
};

export type VoicePrompts = (typeof prompts)['es'];

export function voicePrompts(language: string): VoicePrompts {
  return language.toLowerCase().startsWith('es') ? prompts.es : prompts.en;
}
