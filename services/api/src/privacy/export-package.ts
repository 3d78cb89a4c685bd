import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { getMediaObject } from '@cc/db/repositories/media-objects';
import { finishDataExport, getDataExport, setDataExportProgress } from '@cc/db/repositories/data-exports';
import { emailContext } from '../email/deps';
import { exportLinkTtlSeconds, type PrivacyDeps } from './deps';
import { activeHandlers } from './registry';

type Row = Record<string, unknown>;

/** The archive's search columns: derived from the text the package already holds, not data of their own. */
const derivedColumns = new Set(['search_document', 'note_document']);
const json = (value: unknown) =>
  Buffer.from(`${JSON.stringify(value, (k, v: unknown) => (derivedColumns.has(k) ? undefined : typeof v === 'bigint' ? v.toString() : v), 2)}\n`);

/** One stored email as a readable .eml (headers as received or sent, the text body). */
function emailFile(message: Row): Buffer | null {
  const email = emailContext((message.context as Record<string, unknown> | null) ?? {});
  if (!email) return null;
  const headers = [
    `Message-ID: <${email.messageId}>`,
    `Date: ${new Date(message.created_at as string | Date).toUTCString()}`,
    `From: ${email.from}`,
    `To: ${message.direction === 'inbound' ? email.inbox : email.replyTo}`,
    ...(email.subject ? [`Subject: ${email.subject}`] : []),
    ...(email.inReplyTo ? [`In-Reply-To: <${email.inReplyTo}>`] : []),
    ...(email.references.length ? [`References: ${email.references.map((r) => `<${r}>`).join(' ')}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${String(message.body ?? '').replace(/\r?\n/g, '\r\n')}\r\n`);
}

/**
 * Builds the subject-access package of one export: `records/<section>.json` from every handler of
 * the registry (customer, identities, interactions, messages, events and notes, consents with their
 * evidence, pushes and links, co-browse sessions and log, campaigns, blocked records' index),
 * `emails/*.eml`, `media/<id>-<name>` with the files' bytes, `recordings.json` with the calls'
 * recording links, and `manifest.json`. Written to a temporary name, renamed when complete: a retried
 * build starts over and never serves half a package. Progress is stored as it goes.
 */
export async function buildDataExport(deps: PrivacyDeps, exportId: string): Promise<{ expiresAt: Date }> {
  const exp = await getDataExport(deps.db, exportId);
  if (!exp) throw new Error(`export ${exportId} does not exist`);
  const progress = (progress: number, step: string) => setDataExportProgress(deps.db, exportId, { status: 'running', progress, step });
  await progress(5, 'records');
  await mkdir(deps.exportsDir, { recursive: true });
  const zip = new ZipFile();
  const fileName = `export-${exportId}.zip`;
  const partial = join(deps.exportsDir, `${fileName}.partial`);
  const written = pipeline(zip.outputStream, createWriteStream(partial));
  const sections: Record<string, number> = {};
  const handlers = await activeHandlers(deps.db);
  let messages: Row[] = [];
  let interactions: Row[] = [];
  let media: Row[] = [];
  for (const [i, handler] of handlers.entries()) {
    if (!handler.export) continue;
    for (const [section, rows] of Object.entries(await handler.export(deps.db, exp.customer_id))) {
      zip.addBuffer(json(rows), `records/${section}.json`);
      sections[section] = rows.length;
      if (section === 'messages') messages = rows as Row[];
      if (section === 'interactions') interactions = rows as Row[];
      if (section === 'media') media = rows as Row[];
    }
    await progress(5 + Math.round((45 * (i + 1)) / handlers.length), 'records');
  }
  let emails = 0;
  for (const m of messages) {
    if (m.channel !== 'email') continue;
    const eml = emailFile(m);
    if (!eml) continue;
    zip.addBuffer(eml, `emails/${String(m.id)}.eml`);
    emails++;
  }
  const recordings = interactions
    .map((i) => ({ interactionId: i.id, recording: (i.context as Record<string, unknown> | null)?.recording ?? null }))
    .filter((r) => r.recording);
  zip.addBuffer(json(recordings), 'recordings.json');
  await progress(55, 'files');
  for (const [i, m] of media.entries()) {
    const file = await getMediaObject(deps.db, String(m.id));
    if (file) zip.addBuffer(file.data, `media/${file.id}${file.filename ? `-${file.filename.replace(/[/\\]/g, '_')}` : ''}`);
    if (i % 10 === 9) await progress(55 + Math.round((40 * (i + 1)) / media.length), 'files');
  }
  const now = deps.clock();
  zip.addBuffer(json({ exportId, customerId: exp.customer_id, createdAt: now.toISOString(), sections, emails, recordings: recordings.length, files: media.length }), 'manifest.json');
  zip.end();
  await written;
  await rename(partial, join(deps.exportsDir, fileName));
  const expiresAt = new Date(now.getTime() + exportLinkTtlSeconds * 1000);
  await finishDataExport(deps.db, exportId, { fileName, sizeBytes: (await stat(join(deps.exportsDir, fileName))).size, now, expiresAt });
  return { expiresAt };
}

/** The package's link lapsed: its file goes (the row stays, expired, for the audit trail). */
export async function removeExportFile(deps: Pick<PrivacyDeps, 'exportsDir'>, fileName: string | null): Promise<void> {
  if (fileName) await rm(join(deps.exportsDir, fileName), { force: true });
}
