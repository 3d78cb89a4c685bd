import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { builder } from '../builder';
// Registration index: each domain file adds its types and fields to the builder.
import './errors';
import './users';
import './api-keys';
import './customers';

builder.queryType({});
builder.mutationType({});

export function buildSchema(): GraphQLSchema {
  return lexicographicSortSchema(builder.toSchema());
}
