import { z } from 'zod';
import { builder } from '../builder';
import { importConsents } from '../audience/consent-import';
import { maxConsentLines } from '../audience/consent-csv';
import { ConsentFileError } from '../audience/errors';
import { inputErrors } from './errors';

// Supervisors import WhatsApp consents collected elsewhere, with their evidence.

const RejectedConsentLine = builder.simpleObject('RejectedConsentLine', {
  description: 'A line of the file that was not recorded, and why.',
  fields: (t) => ({
    line: t.int({ description: 'Its line number in the file (the header is line 1).' }),
    reason: t.string({ description: 'Why it was refused (bad number, unknown purpose, duplicate of line N…).' }),
  }),
});

const ImportConsentsPayload = builder.simpleObject('ImportConsentsPayload', {
  description: 'What the import did: the accepted lines were recorded together (or, in a dry run, only checked); rejected lines were not recorded.',
  fields: (t) => ({
    dryRun: t.boolean({ description: 'True: nothing was recorded, the file was only checked.' }),
    accepted: t.int({ description: 'Lines that passed validation.' }),
    recorded: t.int({ description: 'Consents recorded now (0 in a dry run).' }),
    alreadyRecorded: t.intList({ description: 'Line numbers of consents an earlier import already recorded (same customer, purpose, grant and time): not recorded twice.' }),
    customersCreated: t.int({ description: 'Customers created for numbers not known before.' }),
    rejected: t.field({ type: [RejectedConsentLine], description: 'Every refused line with its reason, in file order.' }),
  }),
});

const ImportConsentsInput = builder.inputType('ImportConsentsInput', {
  description: `A CSV of consents: a header row naming phone, purpose, consented_at, source, wording (and optionally granted, name), then one consent per line; comma or semicolon separated; at most ${maxConsentLines} lines.`,
  fields: (t) => ({
    csv: t.string({ required: true, description: 'The file’s text (UTF-8). phone in E.164 (+34600123123); purpose marketing or service; consented_at ISO 8601; source where it was collected; wording what the customer agreed to; granted yes/no (default yes).', validate: z.string().min(1, 'The file is empty.') }),
    fileName: t.string({ required: false, description: 'The file’s name, kept with the evidence.', validate: z.string().max(255).optional().nullable() }),
    dryRun: t.boolean({ required: false, defaultValue: false, description: 'True: check the file and report, record nothing.' }),
  }),
});

builder.mutationField('importConsents', (t) =>
  t.field({
    type: ImportConsentsPayload,
    description: 'Imports WhatsApp consents from a CSV with their evidence (source, date, wording): numbers validated as E.164, duplicates refused, customers created or linked by number, every rejected line reported; the accepted lines are recorded together or not at all. Supervisors; audited.',
    authScopes: { supervisor: true },
    errors: { types: [ConsentFileError, ...inputErrors], directResult: true, union: { name: 'ImportConsentsResult' } },
    args: { input: t.arg({ type: ImportConsentsInput, required: true, description: 'The file and whether to only check it.' }) },
    resolve: (_r, { input }, ctx) =>
      importConsents(ctx, {
        userId: ctx.principal.kind === 'user' ? ctx.principal.userId : '',
        csv: input.csv,
        fileName: input.fileName?.trim() || null,
        dryRun: input.dryRun ?? false,
      }),
  }),
);
