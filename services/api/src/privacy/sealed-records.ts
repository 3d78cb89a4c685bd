import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Blocked records are kept sealed (AES-256-GCM, key derived from the server secret for this purpose
 * only): the database holds no readable personal data of an erased customer, and only the API,
 * for an administrator who states why, opens them. Rotating JWT_SECRET makes older ones unreadable.
 */
export interface RecordSealer {
  seal(value: unknown): Buffer;
  open(sealed: Buffer): unknown;
}

export function createRecordSealer(secret: string): RecordSealer {
  const key = createHmac('sha256', secret).update('cc/blocked-records/v1').digest();
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8'));
    },
  };
}
