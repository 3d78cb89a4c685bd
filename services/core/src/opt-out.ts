/**
 * Replies that unsubscribe at once (WhatsApp Business policy; Spanish and English customers).
 * Only a message that is just the keyword counts: "no quiero la baja" is a conversation.
 */
export const optOutKeywords = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'BAJA', 'DARSE DE BAJA', 'DAR DE BAJA', 'CANCELAR', 'PARAR', 'ALTO'] as const;

export function isOptOutReply(body: string | null | undefined): boolean {
  if (!body) return false;
  const normalized = body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s.!¡?¿"'«»]+/g, ' ')
    .trim()
    .toUpperCase();
  return (optOutKeywords as readonly string[]).includes(normalized);
}
