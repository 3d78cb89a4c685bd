import QRCode from 'qrcode';
import { clickToWhatsAppLink, findQueueRef } from '@cc/core/whatsapp-presence';
import { findQueueByWhatsAppRef } from '@cc/db/repositories/whatsapp-presence';
import type { Db } from '@cc/db/database';
import type { Queue } from '@cc/db/tables/queues';
import { WhatsAppSenderNotConfiguredError } from './errors';

export interface ClickToWhatsApp {
  /** https://wa.me/<number>?text=<prefill #Q-REF> */
  link: string;
  ref: string;
  prefill: string;
  /** The QR code of `link`, as an SVG document and as a PNG data URL (512 px, for print). */
  qrSvg: string;
  qrPngDataUrl: string;
}

export const defaultPrefill = { es: 'Hola, quiero hablar con vosotros', en: 'Hello, I would like to talk to you' } as const;

/** The link a web page or poster opens WhatsApp with, prefilled with the queue's reference. */
export function whatsAppLinkFor(sender: string | undefined, queue: Pick<Queue, 'whatsapp_ref'>, prefill: string): string {
  if (!sender) throw new WhatsAppSenderNotConfiguredError();
  return clickToWhatsAppLink(sender, prefill, queue.whatsapp_ref);
}

/** The link and its QR code (the `qrcode` library; medium error correction survives print and screens). */
export async function clickToWhatsApp(sender: string | undefined, queue: Pick<Queue, 'whatsapp_ref'>, prefill: string): Promise<ClickToWhatsApp> {
  const link = whatsAppLinkFor(sender, queue, prefill);
  const [qrSvg, qrPngDataUrl] = await Promise.all([
    QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    QRCode.toDataURL(link, { type: 'image/png', errorCorrectionLevel: 'M', margin: 2, width: 512 }),
  ]);
  return { link, ref: queue.whatsapp_ref, prefill, qrSvg, qrPngDataUrl };
}

/** The queue a customer's first message asks for by its click-to-WhatsApp reference, if any. */
export async function queueFromClickToWhatsApp(db: Db, body: string | null): Promise<Queue | undefined> {
  const ref = findQueueRef(body);
  return ref ? findQueueByWhatsAppRef(db, ref) : undefined;
}
