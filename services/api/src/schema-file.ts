import { fileURLToPath } from 'node:url';

/** The committed, printed SDL: schema/schema.graphql at the repository root. */
export const schemaFile = fileURLToPath(new URL('../../../schema/schema.graphql', import.meta.url));
