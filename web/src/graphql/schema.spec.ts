import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, Kind, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as agentOps from './agents';
import * as cobrowseOps from './cobrowse';
import * as customerOps from './customers';
import * as interactionOps from './interactions';
import * as offerOps from './offers';
import * as pushOps from './push';
import * as pushDocumentOps from './push-documents';
import * as queueOps from './queues';
import * as sessionOps from './session';
import * as supervisorOps from './supervisor';
import * as templateOps from './templates';
import * as voiceOps from './voice';

// The API's printed SDL is the source of truth: every document the console sends must validate.
const sdl = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../schema/schema.graphql'), 'utf8');
const schema = buildSchema(sdl);

const documents = Object.entries({
  ...agentOps,
  ...cobrowseOps,
  ...customerOps,
  ...interactionOps,
  ...offerOps,
  ...pushOps,
  ...pushDocumentOps,
  ...queueOps,
  ...sessionOps,
  ...supervisorOps,
  ...templateOps,
  ...voiceOps,
}).filter(
  (entry): entry is [string, DocumentNode] =>
    // Operations only: a shared fragment is checked inside the operations that spread it.
    (entry[1] as DocumentNode | undefined)?.kind === Kind.DOCUMENT && (entry[1] as DocumentNode).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION),
);

describe('GraphQL operations', () => {
  it('finds the documents to check', () => {
    expect(documents.length).toBeGreaterThan(15);
  });

  it.each(documents)('%s validates against schema/schema.graphql', (_name, document) => {
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  });
});
