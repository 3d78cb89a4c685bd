/**
 * WhatsApp's limits for media a business sends (twilio.com/docs/whatsapp/guidance-whatsapp-media-messages):
 * 5 MB for images, 16 MB for anything else, and only these types. The bytes must be what the
 * declared type says (WhatsApp refuses mismatches, and a renamed file is a classic of phishing).
 */
const mb = 1024 * 1024;

export const pushMediaTypes: Record<string, { maxBytes: number; magic: ((b: Uint8Array) => boolean) | null }> = {
  'image/jpeg': { maxBytes: 5 * mb, magic: (b) => starts(b, [0xff, 0xd8, 0xff]) },
  'image/png': { maxBytes: 5 * mb, magic: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'application/pdf': { maxBytes: 16 * mb, magic: (b) => starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  'application/msword': { maxBytes: 16 * mb, magic: (b) => starts(b, [0xd0, 0xcf, 0x11, 0xe0]) },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { maxBytes: 16 * mb, magic: zip },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { maxBytes: 16 * mb, magic: zip },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { maxBytes: 16 * mb, magic: zip },
  'audio/ogg': { maxBytes: 16 * mb, magic: (b) => starts(b, [0x4f, 0x67, 0x67, 0x53]) },
  'audio/amr': { maxBytes: 16 * mb, magic: (b) => starts(b, [0x23, 0x21, 0x41, 0x4d, 0x52]) },
  'audio/3gpp': { maxBytes: 16 * mb, magic: ftyp },
  'audio/aac': { maxBytes: 16 * mb, magic: (b) => b.length > 1 && b[0] === 0xff && (b[1]! & 0xf0) === 0xf0 },
  'audio/mpeg': { maxBytes: 16 * mb, magic: (b) => starts(b, [0x49, 0x44, 0x33]) || (b.length > 1 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0) },
  'video/mp4': { maxBytes: 16 * mb, magic: ftyp },
  'text/vcard': { maxBytes: 16 * mb, magic: (b) => new TextDecoder().decode(b.slice(0, 11)).toUpperCase() === 'BEGIN:VCARD' },
};

export type MediaRefusal =
  | { reason: 'type'; contentType: string }
  | { reason: 'size'; contentType: string; sizeBytes: number; maxBytes: number }
  | { reason: 'empty' }
  | { reason: 'mismatch'; contentType: string };

/** Null when WhatsApp will take the file; otherwise why not. `head` is at least the first 16 bytes. */
export function checkPushMedia(file: { contentType: string; sizeBytes: number; head: Uint8Array }): MediaRefusal | null {
  const contentType = file.contentType.split(';')[0]!.trim().toLowerCase();
  const rule = pushMediaTypes[contentType];
  if (!rule) return { reason: 'type', contentType };
  if (file.sizeBytes === 0) return { reason: 'empty' };
  if (file.sizeBytes > rule.maxBytes) return { reason: 'size', contentType, sizeBytes: file.sizeBytes, maxBytes: rule.maxBytes };
  if (rule.magic && !rule.magic(file.head)) return { reason: 'mismatch', contentType };
  return null;
}

function starts(b: Uint8Array, sig: number[]): boolean {
  return b.length >= sig.length && sig.every((v, i) => b[i] === v);
}
function zip(b: Uint8Array): boolean {
  return starts(b, [0x50, 0x4b, 0x03, 0x04]);
}
function ftyp(b: Uint8Array): boolean {
  return b.length >= 8 && b[4] === 0x66 && b[5] === 0x74 && b[6] === 0x79 && b[7] === 0x70;
}
