import {
  getNamedType,
  isAbstractType,
  isObjectType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';

/**
 * Builds a request for one root field from the schema itself: every required argument filled
 * (recursively through input objects) by `pick`, which knows the ids of the world and what a valid
 * value of each named field looks like. Only `__typename` is selected: authorization is decided
 * before any field of the result is read.
 */
export type Pick = (path: string, name: string, scalar: string) => unknown;

export function operationFor(
  schema: GraphQLSchema,
  root: 'query' | 'mutation' | 'subscription',
  field: GraphQLField<unknown, unknown>,
  pick: Pick,
  overrides: Record<string, unknown> = {},
): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const defs: string[] = [];
  const args: string[] = [];
  for (const arg of field.args) {
    const path = `${field.name}.${arg.name}`;
    const value = arg.name in overrides
      ? overrides[arg.name]
      : pick(path, arg.name, getNamedType(arg.type).name) ?? (isNonNullType(arg.type) ? valueFor(arg.type, path, arg.name, pick) : undefined);
    if (value === undefined) continue;
    variables[arg.name] = value;
    defs.push(`$${arg.name}: ${String(arg.type)}`);
    args.push(`${arg.name}: $${arg.name}`);
  }
  const selection = selectionFor(schema, getNamedType(field.type));
  const query = `${root}${defs.length ? `(${defs.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
  return { query, variables };
}

/**
 * `__typename` and one real field of each possible result type: type-level authorization runs
 * when a field of the type resolves, so `__typename` alone would never ask it.
 */
function selectionFor(schema: GraphQLSchema, type: GraphQLNamedType): string {
  if (isLeafType(type)) return '';
  const leaves = (t: GraphQLObjectType) => Object.values(t.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type)));
  const firstLeaf = (t: GraphQLObjectType) => (leaves(t).find((f) => f.name === 'id') ?? leaves(t)[0])?.name;
  if (isObjectType(type)) {
    const leaf = firstLeaf(type);
    if (leaf) return ` { __typename ${leaf} }`;
    const nested = Object.values(type.getFields()).find((f) => !f.args.some((a) => isNonNullType(a.type)));
    return ` { __typename ${nested ? `${nested.name}${selectionFor(schema, getNamedType(nested.type))}` : ''} }`;
  }
  if (isAbstractType(type)) {
    // Error results carry no authorization of their own: only the success types are read.
    const parts = schema.getPossibleTypes(type).filter((t) => !t.name.endsWith('Error')).map((t) => {
      const leaf = firstLeaf(t);
      return leaf ? `... on ${t.name} { ${t.name}_${leaf}: ${leaf} }` : '';
    });
    return ` { __typename ${parts.join(' ')} }`;
  }
  return ' { __typename }';
}

function valueFor(type: GraphQLInputType, path: string, name: string, pick: Pick): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, path, name, pick);
  if (isListType(type)) return [valueFor(type.ofType, path, name, pick)];
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      const given = pick(`${path}.${f.name}`, f.name, getNamedType(f.type).name);
      if (given !== undefined) out[f.name] = given;
      else if (isNonNullType(f.type)) out[f.name] = valueFor(f.type, `${path}.${f.name}`, f.name, pick);
    }
    return out;
  }
  if (isEnumType(type)) return pick(path, name, type.name) ?? type.getValues()[0]!.name;
  if (isScalarType(type)) {
    const given = pick(path, name, type.name);
    if (given !== undefined) return given;
    switch (type.name) {
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return new Date().toISOString();
      case 'JSON':
        return {};
      default:
        return 'x';
    }
  }
  throw new Error(`no value for ${path}`);
}
