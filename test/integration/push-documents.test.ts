import { beforeAll, describe, expect, it } from 'vitest';
import { recordInbound } from '@cc/db/repositories/customer-channel-state';
import { acceptedCall, pushOps, recordConsent } from '../support/push/call';
import { createAgent, createQueue, type Agent } from '../support/routing-fixtures';
import { formFields } from '../support/twilio/recording-client';
import { useTwilioTestApi } from '../support/twilio/stack';
import { until } from '../support/until';

// The library of approved documents: supervisors add files WhatsApp would take, agents push them
// during a call by picking one (no upload), withdrawn documents are no longer offered or sent.
const t = useTwilioTestApi({});
let agent: Agent;
let supervisor: string;
let supervisorId: string;

const ops = {
  add: `mutation($input: AddPushDocumentInput!) { addPushDocument(input: $input) { __typename ... on PushDocumentPayload { document { id title description contentType sizeBytes url addedBy { id } } } ... on MediaRefusedError { reason } ... on DocumentTitleTakenError { title } ... on Error { message } } }`,
  list: `{ pushDocuments { id title contentType sizeBytes } }`,
  withdraw: `mutation($id: ID!) { withdrawPushDocument(input: { id: $id }) { __typename ... on PushDocumentPayload { document { id withdrawnAt } } ... on Error { message } } }`,
  pushedTitle: `query($id: ID!) { interaction(id: $id) { pushes { documentTitle kind } } }`,
};
const pdf = (n: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(n, 0x20)]).toString('base64');
type AddResult = { __typename: string; document?: { id: string; title: string; url: string; sizeBytes: number; addedBy: { id: string } }; reason?: string; message?: string };
const add = async (input: Record<string, unknown>, token = supervisor) => t.gql<{ addPushDocument: AddResult }>(ops.add, { input }, token);
const rows = async () => ({
  documents: Number((await t.api.services.db.selectFrom('push_documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  files: Number((await t.api.services.db.selectFrom('media_objects').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
});

beforeAll(async () => {
  ({ token: supervisor, userId: supervisorId } = await t.signIn('supervisor'));
  const phones = await createQueue(t, supervisor, { name: 'Phones', channels: ['VOICE'] });
  agent = await createAgent(t, supervisor, { queueIds: [phones], capacity: { voice: 10 } });
}, 60_000);

describe('approved document library', () => {
  it('supervisors add documents WhatsApp would take; refusals are typed and store nothing', async () => {
    const added = await add({ title: 'Condiciones generales', description: 'Versión 2026', contentType: 'application/pdf', dataBase64: pdf(4096) });
    expect(added.data!.addPushDocument).toMatchObject({ __typename: 'PushDocumentPayload', document: { title: 'Condiciones generales', sizeBytes: 4096 + 9, addedBy: { id: expect.any(String) } } });
    expect(Buffer.from(added.data!.addPushDocument.document!.addedBy.id, 'base64').toString()).toBe(`User:${supervisorId}`);
    const served = await fetch(added.data!.addPushDocument.document!.url, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(served.headers.get('content-type')).toBe('application/pdf');

    const before = await rows();
    // Same title, any case: refused, and the file it carried is not left behind.
    expect((await add({ title: 'condiciones GENERALES', contentType: 'application/pdf', dataBase64: pdf(10) })).data!.addPushDocument).toMatchObject({ __typename: 'DocumentTitleTakenError', title: 'condiciones GENERALES' });
    // A "PNG" that is a PDF, and an image over WhatsApp's 5 MB.
    expect((await add({ title: 'Plano', contentType: 'image/png', dataBase64: pdf(10) })).data!.addPushDocument).toMatchObject({ __typename: 'MediaRefusedError', reason: 'MISMATCH' });
    const bigPng = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5 * 1024 * 1024)]).toString('base64');
    expect((await add({ title: 'Plano', contentType: 'image/png', dataBase64: bigPng })).data!.addPushDocument).toMatchObject({ __typename: 'MediaRefusedError', reason: 'SIZE' });
    expect(await rows()).toEqual(before);

    // Agents pick from the library but do not curate it.
    const byAgent = await add({ title: 'Otro', contentType: 'application/pdf', dataBase64: pdf(10) }, agent.token);
    expect(byAgent.errors?.[0]?.message).toMatch(/not authorized|permission/i);
    expect(await rows()).toEqual(before);
    const listed = await t.gql<{ pushDocuments: { title: string }[] }>(ops.list, {}, agent.token);
    expect(listed.data!.pushDocuments.map((d) => d.title)).toContain('Condiciones generales');
  });

  it('an agent on a call pushes a library document; once withdrawn it is neither offered nor sent', async () => {
    const doc = (await add({ title: 'Garantía', contentType: 'application/pdf', dataBase64: pdf(2048) })).data!.addPushDocument.document!;
    const call = await acceptedCall(t, agent);
    await recordConsent(t, agent.token, call.gid);
    await recordInbound(t.api.services.db, call.customerId, 'whatsapp', new Date(Date.now() - 5 * 60_000));

    const before = t.twilio.to('/Messages.json').length;
    const pushed = await t.gql<{ push: { __typename: string } }>(pushOps.push, { input: { interactionId: call.gid, kind: 'MEDIA', media: { documentId: doc.id } } }, agent.token);
    expect(pushed.data!.push.__typename).toBe('PushPayload');
    const [sent] = await until(() => t.twilio.to('/Messages.json').slice(before), (s) => s.length > 0);
    expect(sent!.status).toBe(201);
    // No caption given: the document's title tells the customer what the file is.
    expect(formFields(sent!)).toMatchObject({ To: `whatsapp:${call.caller}`, Body: 'Garantía' });
    // Twilio gets the document by a short-lived signed URL.
    expect(String(formFields(sent!).MediaUrl)).toMatch(new RegExp(`^${doc.url}\\?exp=\\d+&sig=[0-9a-f]{64}$`));
    const timeline = await t.gql<{ interaction: { pushes: { documentTitle: string | null }[] } }>(ops.pushedTitle, { id: call.gid }, agent.token);
    expect(timeline.data!.interaction.pushes.map((p) => p.documentTitle)).toEqual(['Garantía']);

    const withdrawn = await t.gql<{ withdrawPushDocument: { __typename: string; document?: { withdrawnAt: string } } }>(ops.withdraw, { id: doc.id }, supervisor);
    expect(withdrawn.data!.withdrawPushDocument.document!.withdrawnAt).toBeTruthy();
    const listed = await t.gql<{ pushDocuments: { id: string }[] }>(ops.list, {}, agent.token);
    expect(listed.data!.pushDocuments.map((d) => d.id)).not.toContain(doc.id);

    // To another caller (no spacing in the way): refused as withdrawn, nothing sent.
    const other = await acceptedCall(t, agent);
    await recordConsent(t, agent.token, other.gid);
    await recordInbound(t.api.services.db, other.customerId, 'whatsapp', new Date(Date.now() - 5 * 60_000));
    const sentBefore = t.twilio.to('/Messages.json').length;
    const refused = await t.gql<{ push: { __typename: string; reason?: string; message?: string } }>(pushOps.push, { input: { interactionId: other.gid, kind: 'MEDIA', media: { documentId: doc.id } } }, agent.token);
    expect(refused.data!.push).toMatchObject({ __typename: 'MediaRefusedError', reason: 'WITHDRAWN' });
    expect(refused.data!.push.message).toContain('Garantía');
    // Both a file and a document is ambiguous: refused before anything is looked up.
    const both = await t.gql<{ push: { __typename: string } }>(pushOps.push, { input: { interactionId: other.gid, kind: 'MEDIA', media: { documentId: doc.id, mediaId: doc.id } } }, agent.token);
    expect(both.data!.push.__typename).toBe('EmptyMessageError');
    await new Promise((r) => setTimeout(r, 300));
    expect(t.twilio.to('/Messages.json').length).toBe(sentBefore);
  });
});
