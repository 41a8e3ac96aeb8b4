// SQL written from column lists, so a table's columns are named once (db/rows.ts) and the
// INSERT, its parameters and its ON CONFLICT update can never drift apart.

/** `true` only when `C` names every key of `Row`: a column list that forgets one does not compile. */
export type NamesEvery<Row, C extends readonly unknown[]> = Exclude<keyof Row, C[number]> extends never ? true : false;

/**
 * INSERT of every column as a named parameter (@column), updating every other column on a clash
 * of `key`. An upsert, not INSERT OR REPLACE: a replace deletes the row first, which trips foreign
 * keys (ratings → tickets) and needlessly rewrites every index.
 */
export function upsertSql(table: string, key: string, columns: readonly string[]): string {
  const rest = columns.filter((c) => c !== key);
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
    ON CONFLICT (${key}) DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}`;
}
