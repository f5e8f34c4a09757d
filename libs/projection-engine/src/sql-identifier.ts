/** Quotes a PostgreSQL identifier (schema, table, index) for SQL that cannot take it as a parameter. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
