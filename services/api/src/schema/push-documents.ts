import { z } from 'zod';
import { recordAuditEvent } from '@cc/db/repositories/audit';
import { addPushDocument, getPushDocument, listPushDocuments, withdrawPushDocument, type PushDocumentEntry } from '@cc/db/repositories/push-documents';
import { inTransaction } from '@cc/db/repositories/transaction';
import { builder } from '../builder';
import { MediaRefusedError } from '../push/errors';
import { storePushFile } from '../push/media';
import { inputErrors, ErrorInterface } from './errors';
import { mediaUrl, Push, pushFileInputFields } from './push';
import { NotFoundError } from '../routing/errors';
import { User } from './users';

/* The library of approved documents: supervisors add them, agents push them during calls. */

export class DocumentTitleTakenError extends Error {
  constructor(readonly title: string) {
    super(`The library already has a document called "${title}" — choose another title or withdraw that one first.`);
  }
}
builder.objectType(DocumentTitleTakenError, {
  name: 'DocumentTitleTakenError',
  description: 'An offered document already has this title; nothing was added.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ title: t.exposeString('title', { description: 'The title refused.' }) }),
});

export const PushDocument = builder.objectRef<PushDocumentEntry>('PushDocument').implement({
  description: 'An approved document agents can push to a caller instead of uploading a file.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The document’s id (UUID); pass it to push’s media.documentId or withdrawPushDocument.' }),
    title: t.exposeString('title', { description: 'Unique among offered documents; what agents pick it by.' }),
    description: t.exposeString('description', { nullable: true, description: 'What it is for, for agents; null when none was given.' }),
    contentType: t.exposeString('content_type', { description: 'MIME type, e.g. application/pdf.' }),
    sizeBytes: t.exposeInt('size_bytes', { description: 'File size in bytes.' }),
    url: t.string({ description: 'The file on this server (/media/<id>); downloads follow the same access rules as the API.', resolve: (d, _a, ctx) => mediaUrl(ctx, d.media_id) }),
    addedBy: t.field({ type: User, nullable: true, description: 'The supervisor who added it; null if that account is gone.', resolve: (d) => d.added_by }),
    createdAt: t.expose('created_at', { type: 'DateTime', description: 'When it was added.' }),
    withdrawnAt: t.expose('withdrawn_at', { type: 'DateTime', nullable: true, description: 'When it stopped being offered; null while offered.' }),
  }),
});

builder.objectField(Push, 'documentTitle', (t) =>
  t.string({ nullable: true, description: 'The library document a media push carried.', resolve: (p) => (p.content.kind === 'media' ? (p.content.title ?? null) : null) }),
);

builder.queryField('pushDocuments', (t) =>
  t.field({
    type: [PushDocument],
    description: 'The approved documents an agent can push, by title.',
    authScopes: { user: true },
    resolve: (_r, _a, ctx) => listPushDocuments(ctx.db),
  }),
);

const AddPushDocumentInput = builder.inputType('AddPushDocumentInput', {
  description: 'A document for the library, with its file.',
  fields: (t) => ({
    title: t.string({ required: true, description: '1–200 characters, unique among offered documents.', validate: z.string().trim().min(1).max(200) }),
    description: t.string({ required: false, description: 'What it is for, up to 1000 characters.', validate: z.string().trim().max(1000).optional().nullable() }),
    contentType: t.string({ required: true, description: 'MIME type; WhatsApp’s accepted media types only.', validate: pushFileInputFields.contentType }),
    dataBase64: t.string({ required: true, description: 'The file, base64 (WhatsApp limits: 5 MB images, 16 MB other).', validate: pushFileInputFields.dataBase64 }),
  }),
});
const PushDocumentPayload = builder.simpleObject('PushDocumentPayload', {
  description: 'The library document as changed.',
  fields: (t) => ({ document: t.field({ type: PushDocument, description: 'The document as stored now.' }) }),
});

builder.mutationField('addPushDocument', (t) =>
  t.field({
    type: PushDocumentPayload,
    description: 'Adds an approved document to the library; refused unless WhatsApp would take the file.',
    authScopes: { supervisor: true },
    errors: { types: [MediaRefusedError, DocumentTitleTakenError, ...inputErrors], directResult: true, union: { name: 'AddPushDocumentResult' } },
    args: { input: t.arg({ type: AddPushDocumentInput, required: true, description: 'The document and its file.' }) },
    resolve: async (_r, { input }, ctx) => {
      const userId = ctx.principal.kind === 'user' ? ctx.principal.userId : null;
      const title = input.title.trim();
      // File and entry together: a refused title leaves no orphan file behind.
      const document = await inTransaction(ctx.db, async (trx) => {
        const file = await storePushFile(trx, input, { kind: 'push_document', uploadedBy: userId });
        const added = await addPushDocument(trx, { title, description: input.description?.trim() || null, mediaId: file.id, addedBy: userId, now: ctx.clock() });
        if (!added) throw new DocumentTitleTakenError(title);
        await recordAuditEvent(trx, { actorType: 'user', actorId: userId, action: 'push_document.added', subjectType: 'push_document', subjectId: added.id, data: { title } });
        return { ...added, content_type: file.content_type, size_bytes: file.size_bytes };
      });
      return { document };
    },
  }),
);

const WithdrawPushDocumentInput = builder.inputType('WithdrawPushDocumentInput', {
  description: 'The document to withdraw.',
  fields: (t) => ({ id: t.id({ required: true, description: 'The document to stop offering.', validate: z.uuid('not a document id') }) }),
});

builder.mutationField('withdrawPushDocument', (t) =>
  t.field({
    type: PushDocumentPayload,
    description: 'Stops offering a document; pushes that already carried it keep their file.',
    authScopes: { supervisor: true },
    errors: { types: [NotFoundError, ...inputErrors], directResult: true, union: { name: 'WithdrawPushDocumentResult' } },
    args: { input: t.arg({ type: WithdrawPushDocumentInput, required: true, description: 'Which document.' }) },
    resolve: async (_r, { input: { id } }, ctx) => {
      const userId = ctx.principal.kind === 'user' ? ctx.principal.userId : null;
      const document = await inTransaction(ctx.db, async (trx) => {
        const withdrawn = await withdrawPushDocument(trx, String(id), ctx.clock());
        if (!withdrawn) return null;
        await recordAuditEvent(trx, { actorType: 'user', actorId: userId, action: 'push_document.withdrawn', subjectType: 'push_document', subjectId: withdrawn.id, data: {} });
        return withdrawn;
      });
      const entry = document && (await getPushDocument(ctx.db, document.id));
      if (!entry) throw new NotFoundError('An offered document with that id');
      return { document: entry };
    },
  }),
);

