import { sql, type RawBuilder } from 'kysely';

/**
 * A table's column names for a select, given as a record of every column: a column added to the
 * row type fails to compile where the list is until it is listed (and an unknown one fails too).
 */
export const columnsOf = <T>(columns: Record<keyof T, true>) => Object.keys(columns) as (keyof T & string)[];

/** SQL: `alias.column, …` for a select list (quoted identifiers). */
export const qualified = (alias: string, columns: readonly string[]): RawBuilder<unknown> => sql.join(columns.map((c) => sql.ref(`${alias}.${c}`)));
