// `npm run schema:print -w @cc/api`: writes the SDL clients and the stale-schema test read.
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { buildSchema } from './schema/index';
import { schemaFile } from './schema-file';
import { logger } from '@cc/core/logger';

writeFileSync(schemaFile, `${printSchema(buildSchema())}\n`);
logger().info({ file: schemaFile }, 'schema written');
